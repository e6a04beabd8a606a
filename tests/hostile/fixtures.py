"""Session fixtures: the corpus, made once, and every entry point's run over it (three children at once).

Each entry point runs in its own child interpreter (runner.py), watched by supervisor.py; the three run
side by side, since most of their time is spent waiting (the emulator's polls, fsyncs). Tests then only
read the outcomes, so one slow file costs its own case, not the suite.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.corpus import CORPUS, Hostile, build, path_in, place
from tests.hostile.supervisor import run_cases

BATCH = 14  # references per generate call for the files that must be accepted (Seedream's maximum)
SIZE = "1K-1:1"


@dataclass
class Runs:
    root: Path
    master: dict[str, Path]
    ref: dict[str, dict[str, Any]] = field(default_factory=dict)  # entry id → its generate outcome
    show: dict[str, dict[str, Any]] = field(default_factory=dict)  # entry id → its show outcome
    library: dict[str, dict[str, Any]] = field(default_factory=dict)  # case name → outcome
    scanned: Path = Path()

    def case_dirs(self, group: str, name: str) -> tuple[Path, Path]:
        base = self.root / group / name
        return base / "home", base / "library"


def _case(runs: Runs, group: str, name: str, *steps: list[str], **extra: Any) -> dict[str, Any]:
    home, library = runs.case_dirs(group, name)
    library.mkdir(parents=True, exist_ok=True)
    env = {"SEEDREAM_HOME": str(home), "SEEDREAM_LIBRARY": str(library)}
    return {"id": name, "env": env, "cwd": str(runs.root), "steps": [list(s) for s in steps], **extra}


def _generate(runs: Runs, name: str, entries: list[Hostile]) -> dict[str, Any]:
    argv = ["generate", "hostile corpus", "--size", SIZE, "--wait-offline", "0"]
    for entry in entries:
        argv += ["--ref", str(runs.master[entry.id])]
    return _case(runs, "ref", name, argv, emulator=True, members=[e.id for e in entries])


def _ref_cases(runs: Runs, singles_for: set[str] | None = None) -> list[dict[str, Any]]:
    """Files that must be accepted go 14 to a call (one generation each batch); the rest one by one,
    and so do private ones: what each upload carried must be told apart."""
    cases = []
    batched = [e for e in CORPUS if e.ref == "ok" and not e.private]
    must = [e for e in batched if singles_for is None or e.id in singles_for]
    if singles_for is None:
        for start in range(0, len(must), BATCH):
            cases.append(_generate(runs, f"batch-{start // BATCH}", must[start : start + BATCH]))
        rest = [e for e in CORPUS if e not in batched]
    else:
        rest = must
    cases += [_generate(runs, e.id, [e]) for e in rest]
    return cases


def _show_cases(runs: Runs) -> list[dict[str, Any]]:
    cases = []
    for entry in CORPUS:
        _home, library = runs.case_dirs("show", entry.id)
        path = place(entry, runs.master[entry.id], library)
        lib = ["library", "--library", str(library)]
        cases.append(_case(runs, "show", entry.id, [*lib, "show", str(path)], [*lib, "scan", "--json"]))
    return cases


SEARCHES = {
    "all": ["--limit", "500"],
    "json": ["--json", "--limit", "500"],
    "escape-word": ["hostileescape"],
    "rating-overflow": ["rating>=99999999999999999999999"],
    "seed-overflow": ["seed:99999999999999999999999999"],
    "seed-negative-overflow": ["seed:-99999999999999999999999999"],
    "size-overflow": ["size:99999999999x99999999999"],
    "control-query": ["\x1b[2J\x1b]0;t\x07"],
    "long-query": ["fox " * 25_000],
    "oldest": ["--sort", "oldest", "--limit", "500"],
}


def _library_cases(runs: Runs) -> list[dict[str, Any]]:
    _home, library = runs.case_dirs("scan", "whole")
    for entry in CORPUS:
        if not entry.fixed_path:
            place(entry, runs.master[entry.id], library)
    runs.scanned = library
    lib = ["library", "--library", str(library)]
    cases = [
        _case(runs, "scan", "whole", [*lib, "scan"]) | {"id": "scan"},
        _case(runs, "scan", "whole", [*lib, "scan", "--json"]) | {"id": "scan-json"},
    ]
    cases += [
        _case(runs, "scan", "whole", [*lib, "search", *args]) | {"id": f"search-{name}"}
        for name, args in SEARCHES.items()
    ]
    return cases


def _by_entry(outcomes: dict[str, dict[str, Any]], cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {}
    for case in cases:
        outcome = outcomes[case["id"]] | {"members": case["members"], "case": case["id"]}
        for member in case["members"]:
            found[member] = outcome
    return found


@pytest.fixture(scope="session")
def hostile_runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    replay = os.environ.get("SEEDREAM_HOSTILE_REPLAY")
    if replay:  # the checks again, on the outcomes and folders of an earlier run (for whoever fixes one)
        return _replayed(Path(replay))
    root = tmp_path_factory.mktemp("hostile")
    runs = Runs(root, build(root / "master"))
    ref_cases, show_cases, library_cases = _ref_cases(runs), _show_cases(runs), _library_cases(runs)
    with ThreadPoolExecutor(3) as pool:
        ref = pool.submit(run_cases, ref_cases, root / "runs" / "ref")
        show = pool.submit(run_cases, show_cases, root / "runs" / "show")
        library = pool.submit(run_cases, library_cases, root / "runs" / "library")
        ref_outcomes, show_outcomes, runs.library = ref.result(), show.result(), library.result()
    runs.ref = _by_entry(ref_outcomes, ref_cases)
    runs.show = {case["id"]: show_outcomes[case["id"]] for case in show_cases}
    # A batch that did not pass is run again one file at a time, so the verdict names the file.
    failed = {m for m, o in runs.ref.items() if len(o["members"]) > 1 and _batch_failed(o)}
    if failed:
        retry = _ref_cases(runs, singles_for=failed)
        runs.ref |= _by_entry(run_cases(retry, root / "runs" / "ref-singles"), retry)
    # Kept beside the runs for a person reading a failure (the tests' messages quote the same outcomes).
    outcomes = {"ref": runs.ref, "show": runs.show, "library": runs.library}
    (root / "outcomes.json").write_text(json.dumps(outcomes, indent=1), encoding="utf-8")
    return runs


def _replayed(root: Path) -> Runs:
    runs = Runs(
        root, {e.id: path_in(root / "master", e) for e in CORPUS}, scanned=root / "scan" / "whole" / "library"
    )
    outcomes = json.loads((root / "outcomes.json").read_text(encoding="utf-8"))
    runs.ref, runs.show, runs.library = outcomes["ref"], outcomes["show"], outcomes["library"]
    return runs


def _batch_failed(outcome: dict[str, Any]) -> bool:
    return "killed" in outcome or outcome["steps"][0]["rc"] != 0 or "Traceback" in outcome["steps"][0]["err"]
