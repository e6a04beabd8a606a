"""Run the `seedream` CLI in a subprocess against a hostile server: exit code, output, time and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.hostile_server import KEY, HostileServer

ROOT = Path(__file__).resolve().parents[2]
CASE_SECONDS = 30.0


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kb: int
    home: Path
    library: Path

    def error_line(self) -> str:
        lines = [line for line in self.stderr.splitlines() if line.startswith("error: ")]
        assert lines, f"no error line in stderr:\n{self.stderr}"
        return lines[-1]


def run_cli(
    args: list[str],
    home: Path,
    library: Path,
    server: HostileServer | None,
    extra_env: dict[str, str] | None = None,
) -> Run:
    env = {
        **os.environ,
        "SEEDREAM_HOME": str(home),
        "SEEDREAM_LIBRARY": str(library),
        "SEEDREAM_API_KEY": KEY,
        # Production deadlines are minutes; these cases prove the deadlines end things, not their length.
        "SEEDREAM_REPLY_DEADLINE_S": "8",
        "SEEDREAM_DOWNLOAD_DEADLINE_S": "8",
        "SEEDREAM_RETRY_DELAY_S": "0.05",
        "PYTHONWARNINGS": "default",
    }
    env.update(extra_env or {})
    if server is not None:
        env["SEEDREAM_API_URL"] = server.api_url
    out, err = home / "stdout.txt", home / "stderr.txt"
    home.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "seedream_desktop", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )
        killer = threading.Timer(CASE_SECONDS + 10, proc.kill)  # a hang fails the case, never the suite
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    return Run(
        proc.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        time.monotonic() - started,
        int(usage.ru_maxrss),
        home,
        library,
    )
