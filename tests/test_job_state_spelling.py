"""Job states are spelt once: JobState in jobs/state.py. A copy as strings elsewhere drifts (it did in the GUI)."""

from __future__ import annotations

import ast
from pathlib import Path

import seedream_desktop
from seedream_desktop.jobs.state import JobState

PACKAGE = Path(seedream_desktop.__file__).parent


def test_no_job_state_is_spelt_as_a_string_outside_jobs_state() -> None:
    names = {state.value for state in JobState}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "jobs" / "state.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A JSON field that happens to share a state's word ({"failed": [...]}) is not a job state.
        keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys if k}
        for node in ast.walk(tree):
            if id(node) in keys:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert not found, "use JobState instead of:\n" + "\n".join(found)
