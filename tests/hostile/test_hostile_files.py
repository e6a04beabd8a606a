"""Every hostile file through every entry point: `generate --ref`, `library show`, `library scan`, `search`.

Each case runs in a child process (see runner.py and supervisor.py) with its own SEEDREAM_HOME and
SEEDREAM_LIBRARY. For every case: no traceback, no Python warning on stderr, done within 30 s, memory
at most 300 MB over the start, the right exit code, a one-line message naming the file on refusal,
nothing half-written, and the index consistent (``PRAGMA integrity_check``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.checks import (
    PROGRAMMER_WORDS,
    assert_finished,
    assert_no_raw_control,
    assert_refusal_message,
    assert_well_behaved,
    describe,
    fragment,
    integrity,
    journalled_jobs,
    partial_files,
)
from tests.hostile.corpus import BY_ID, CORPUS, Hostile, image_bytes
from tests.hostile.fixtures import SEARCHES, Runs, hostile_runs  # noqa: F401  # the session fixture
from tests.hostile.supervisor import can_deny_reading

# Each case has its own 30-s limit, enforced by the supervisor; the first test also waits for the
# session's runs, which on a broken build may take several such limits.
pytestmark = pytest.mark.timeout(900)

IDS = [entry.id for entry in CORPUS]


def _entry(entry_id: str) -> Hostile:
    entry = BY_ID[entry_id]
    if entry.id == "unreadable" and not can_deny_reading():
        pytest.skip("running as root without setpriv: every file is readable, so no refusal can happen")
    return entry


# ---- seedream generate --ref FILE -----------------------------------------------------------------
@pytest.mark.parametrize("entry_id", IDS)
def test_generate_with_the_file_as_reference(hostile_runs: Runs, entry_id: str) -> None:  # noqa: F811
    entry = _entry(entry_id)
    outcome = hostile_runs.ref[entry_id]
    assert_finished(outcome)
    (step,) = outcome["steps"]
    assert_well_behaved(step, (0, 2))
    assert_no_raw_control(step | {"out": ""})  # stdout holds saved paths, which may hold anything
    expected = {"ok": (0,), "refused": (2,), "either": (0, 2)}[entry.ref]
    assert step["rc"] in expected, f"{entry.note}: expected exit {expected}: {describe(step)}"
    home, library = hostile_runs.case_dirs("ref", outcome["case"])
    assert not partial_files(home, library)
    if step["rc"] == 2:
        assert_refusal_message(step, entry)
        assert journalled_jobs(home) == 0, f"a refused reference was journalled: {describe(step)}"
        assert "imageInference" not in outcome["sent"], "a refused reference still sent a generation"
    else:
        saved = [Path(line) for line in step["out"].splitlines() if line.strip()]
        assert saved and all(image_bytes(p.read_bytes()) is not None for p in saved), describe(step)
        assert all(upload["decodes"] for upload in outcome["uploads"]), (
            "an uploaded reference is not an image"
        )
        if entry.private:  # GPS, camera serial, owner name: none of it leaves the machine
            (upload,) = outcome["uploads"]
            assert not upload["markers"] and not upload["private_tags"], (
                f"private metadata uploaded: {upload}"
            )


# ---- seedream library show FILE -------------------------------------------------------------------
@pytest.mark.parametrize("entry_id", IDS)
def test_library_show_of_the_file(hostile_runs: Runs, entry_id: str) -> None:  # noqa: F811
    entry = _entry(entry_id)
    outcome = hostile_runs.show[entry_id]
    assert_finished(outcome)
    show, scan = outcome["steps"]
    assert_well_behaved(show, (0, 1, 2))
    assert_no_raw_control(show)
    if entry.canary:
        assert show["rc"] == 0, f"an ordinary image was not shown: {describe(show)}"
    if entry.special or entry.id in ("unreadable",):
        assert show["rc"] != 0, f"{entry.note} was shown as an image: {describe(show)}"
    if show["rc"] != 0:
        assert_refusal_message(show, entry, outside=bool(entry.fixed_path))
        if not entry.fixed_path:  # it is in the library folder: "not in the library" misleads
            assert "not in the library" not in show["err"], describe(show)
    # One rule for what the library holds: what `show` indexed, the next scan keeps.
    assert_well_behaved(scan, (0,))
    report = json.loads(scan["out"])
    assert report["removed"] == 0, f"show indexed what the scan then dropped: {scan['out']}"
    home, library = hostile_runs.case_dirs("show", entry_id)
    assert integrity(library) == "ok"
    assert not partial_files(home, library)


# ---- seedream library scan of a folder holding the whole corpus, then search ----------------------
def _library_step(runs: Runs, case: str) -> dict[str, Any]:
    outcome = runs.library[case]
    assert_finished(outcome)
    (step,) = outcome["steps"]
    return step


def test_scan_of_the_whole_corpus(hostile_runs: Runs) -> None:  # noqa: F811
    step = _library_step(hostile_runs, "scan")
    assert_well_behaved(step, (0,))
    assert_no_raw_control(step)
    assert " images in " in step["out"], describe(step)
    assert all(len(line) <= 400 for line in (step["out"] + step["err"]).splitlines()), describe(step)
    assert not PROGRAMMER_WORDS.search(step["err"]), f"not the person's words: {describe(step)}"
    if can_deny_reading():  # the unreadable file is said to be skipped, by name
        assert "secret.png" in step["out"] + step["err"], describe(step)
    assert integrity(hostile_runs.scanned) == "ok"
    assert not partial_files(hostile_runs.scanned)


def test_a_second_scan_reports_in_json_and_the_index_holds_every_ordinary_image(hostile_runs: Runs) -> None:  # noqa: F811
    step = _library_step(hostile_runs, "scan-json")
    assert_well_behaved(step, (0,))
    report = json.loads(step["out"])
    assert report["total"] > 0
    if can_deny_reading():
        assert any(Path(e["path"]).name == "secret.png" for e in report["errors"]), step["out"]
    said = _library_step(hostile_runs, "scan")
    for error in report["errors"]:  # every file the scan skipped is named in its human report too
        assert fragment(Path(error["path"]).name) in said["out"] + said["err"], (error, describe(said))
    found = json.loads(_library_step(hostile_runs, "search-json")["out"])
    names = {Path(r["path"]).name for r in found["results"]}
    missing = [e.name for e in CORPUS if e.canary and e.name not in names]
    assert not missing, f"ordinary images missing from the index: {missing!r}"


@pytest.mark.parametrize("search", list(SEARCHES))
def test_search_after_the_scan(hostile_runs: Runs, search: str) -> None:  # noqa: F811
    step = _library_step(hostile_runs, f"search-{search}")
    assert_well_behaved(step, (0, 2))
    assert_no_raw_control(step)
    if step["rc"] == 2:  # a query refused as invalid says so in one line
        assert len([line for line in step["err"].splitlines() if line.strip()]) == 1, describe(step)
    if search == "json":
        json.loads(step["out"])
    elif step["rc"] == 0:  # one line per image, whatever newlines its name or prompt hold
        shown = re.search(r"(\d+) of \d+ shown", step["err"])
        assert shown and len(step["out"].splitlines()) == int(shown[1]), describe(step) + f"\n{step['out']!r}"
    assert integrity(hostile_runs.scanned) == "ok"
