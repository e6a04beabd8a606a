"""Runs hostile cases in a child interpreter (runner.py) and watches it from outside.

A step that runs past ``STEP_SECONDS`` is a hang; a step whose process grows more than ``MEMORY_MB``
(plus a margin for the watcher's own delay) over where it started is a runaway read. Either way the child
is killed, the case is recorded with what happened, and a new child carries on with the cases after it:
one hostile file never hides the verdict on the others, and a regression cannot eat the machine.

When the tests run as root, the child runs without root's power to read any file (setpriv drops
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so a chmod-000 file is unreadable as it is for a person.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
STEP_SECONDS = 30.0
MEMORY_MB = 300
KILL_MARGIN_MB = 100
POLL_S = 0.02


@functools.cache
def without_root_override() -> list[str]:
    """The command prefix that takes root's read-anything capabilities away (nothing when not root, or
    where it cannot be done: no setpriv, or a container that does not let root drop capabilities)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else []
    if prefix and subprocess.run([*prefix, "true"], check=False, capture_output=True).returncode != 0:
        return []
    return prefix


def can_deny_reading() -> bool:
    return os.geteuid() != 0 or bool(without_root_override())


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _last_progress(path: Path) -> tuple[str, int, int] | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    if not lines:
        return None
    case, step, rss = lines[-1].split("\t")
    return case, int(step), int(rss)


def run_cases(cases: list[dict[str, Any]], workdir: Path) -> dict[str, dict[str, Any]]:
    """case id → the runner's result, or ``{"id", "killed": "hang"|"memory"|"crash", "step", "detail"}``."""
    workdir.mkdir(parents=True, exist_ok=True)
    results_path = workdir / "results.jsonl"
    outcomes: dict[str, dict[str, Any]] = {}
    remaining = list(cases)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    for attempt in range(len(cases) + 1):
        if not remaining:
            break
        spec, progress = workdir / f"spec-{attempt}.json", workdir / f"progress-{attempt}.tsv"
        spec.write_text(json.dumps(remaining), encoding="utf-8")
        log = workdir / f"runner-{attempt}.log"
        with log.open("wb") as log_file:
            child = subprocess.Popen(
                [*without_root_override(), sys.executable, "-m", "tests.hostile.runner", str(spec),
                 str(results_path), str(progress)],
                cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file,
            )  # fmt: skip
            killed = _watch(child, progress)
        for line in results_path.read_text(encoding="utf-8").splitlines():
            try:
                result = json.loads(line)
            except json.JSONDecodeError:
                continue  # the last line of a child killed while writing it: that case runs again
            outcomes[result["id"]] = result
        left = [case for case in remaining if case["id"] not in outcomes]
        if not left:
            break
        stuck = _last_progress(progress)
        current = stuck[0] if stuck else left[0]["id"]
        kind, detail = killed or ("crash", _tail(log))
        outcomes[current] = {
            "id": current,
            "killed": kind,
            "step": stuck[1] if stuck else 0,
            "detail": detail,
        }
        remaining = [case for case in left if case["id"] != current]
    return outcomes


def _watch(child: subprocess.Popen[bytes], progress: Path) -> tuple[str, str] | None:
    """Wait for ``child``; kill it on a hang or a runaway step and say which."""
    seen: tuple[str, int, int] | None = None
    since = time.monotonic()
    while child.poll() is None:
        now = time.monotonic()
        current = _last_progress(progress)
        if current != seen:
            seen, since = current, now
        grown_mb = (_rss_kb(child.pid) - (seen[2] if seen else 0)) / 1024
        verdict = None
        if now - since > STEP_SECONDS:
            verdict = ("hang", f"still running after {STEP_SECONDS:.0f} s")
        elif seen and grown_mb > MEMORY_MB + KILL_MARGIN_MB:
            verdict = ("memory", f"grew {grown_mb:.0f} MB and was still growing")
        if verdict:
            child.send_signal(signal.SIGKILL)
            child.wait()
            return verdict
        time.sleep(POLL_S)
    return None


def _tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-3000:]
