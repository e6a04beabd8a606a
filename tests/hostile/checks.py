"""What every hostile case must show, whatever the entry point: the issue's "every case" list as checks."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from tests.hostile.corpus import Hostile
from tests.hostile.supervisor import MEMORY_MB, STEP_SECONDS

# Raw C0 (but tab and newline), DEL and C1 characters: a terminal acts on them instead of showing them.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
WARNING_LINE = re.compile(r"\b\w*Warning: ")
# Kinds that exist: saying "does not exist" for them sends the person looking in the wrong place.
EXISTING_NON_FILES = {"fifo", "socket", "folder", "link-loop", "link-dev-zero", "dev-zero"}
# …and saying what it is instead (regular_files.py's words, or any like them).
SAYS_WHAT_IT_IS = re.compile(
    r"not a regular file|folder|directory|link|pipe|FIFO|socket|device", re.IGNORECASE
)
MAX_LINE = 400
# A message quoting the system's error as Python prints it is written for a programmer.
PROGRAMMER_WORDS = re.compile(r"\[Errno \d+\]|\b[A-Z]\w*(Error|Exception)\b|codec can't")


def describe(step: dict[str, Any]) -> str:
    err = step["err"] if len(step["err"]) < 3000 else step["err"][:1500] + " … " + step["err"][-1500:]
    return f"argv {step['argv']!r} → exit {step['rc']!r} in {step['seconds']:.1f} s\nstderr: {err!r}"


def assert_finished(outcome: dict[str, Any]) -> None:
    """The child was not killed: no hang past 30 s, no runaway memory, no crash of the interpreter."""
    if "killed" in outcome:
        raise AssertionError(
            f"{outcome['id']} step {outcome['step']}: {outcome['killed']}: {outcome['detail']}"
        )


def assert_well_behaved(step: dict[str, Any], codes: tuple[int, ...]) -> None:
    """No traceback, no Python warning on stderr, in time, in memory, an exit code from ``codes``."""
    what = describe(step)
    assert step["rc"] != "exception" and "Traceback" not in step["err"], what
    assert not WARNING_LINE.search(step["err"]), f"a warning leaked to stderr: {what}"
    assert step["seconds"] <= STEP_SECONDS, what
    assert step["rss_mb"] <= MEMORY_MB, f"memory grew {step['rss_mb']:.0f} MB: {what}"
    assert step["rc"] in codes, what


def assert_no_raw_control(step: dict[str, Any]) -> None:
    for stream in ("out", "err"):
        found = RAW_CONTROL.search(step[stream])
        context = step[stream][max(0, found.start() - 60) : found.end() + 20] if found else ""
        assert not found, f"raw control character {found and found.group()!r} on std{stream}: {context!r}"


def name_fragment(entry: Hostile) -> str:
    """A piece of the file's name any sane message shows, escaped or not (no control characters)."""
    return Path(entry.fixed_path).name if entry.fixed_path else fragment(entry.name)  # "zero" of /dev/zero


def fragment(name: str) -> str:
    """The longest plain-ASCII run of ``name``, which survives any escaping of the rest."""
    plain = RAW_CONTROL.sub(" ", name).encode("utf-8", "replace").decode("utf-8", "replace")
    words = [w for w in re.split(r"[^\w.]+", plain) if len(w) >= 3 and w.isascii()]
    return max(words, key=len)[:40] if words else name[-6:]


def assert_refusal_message(step: dict[str, Any], entry: Hostile, *, outside: bool = False) -> None:
    """One line in the person's words (a remedy may follow), naming the file, saying the right thing.

    ``outside``: the path lies outside the library shown, which is reason enough to refuse it."""
    what = describe(step)
    lines = [line for line in step["err"].splitlines() if line.strip()]
    assert lines, f"refused without a word: {what}"
    assert len(lines) <= 3, f"more than a message and its remedy: {what}"
    assert all(len(line) <= MAX_LINE for line in lines), f"a message line longer than {MAX_LINE}: {what}"
    assert name_fragment(entry) in step["err"], f"the message does not name {entry.name!r}: {what}"
    assert not PROGRAMMER_WORDS.search(step["err"]), f"not the person's words: {what}"
    if entry.id in EXISTING_NON_FILES and not (outside and "not in the library" in step["err"]):
        assert "does not exist" not in step["err"], f"{entry.id} exists; it is not a regular file: {what}"
        assert says_what_it_is(step["err"]), f"the message does not say what {entry.id} is: {what}"


def says_what_it_is(message: str) -> bool:
    """Whether ``message`` says what the thing is, in its words rather than in the paths it quotes
    (the case folders are named after the corpus entries: "…/fifo/library/x.png")."""
    return bool(SAYS_WHAT_IT_IS.search(re.sub(r"\S*/\S*", " ", message)))


def partial_files(*folders: Path) -> list[str]:
    """Half-written files (atomic writes' temp names) left anywhere under ``folders``."""
    left = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            left += [str(Path(root, n)) for n in dirs + files if n.startswith(".partial-")]
    return left


def journalled_jobs(home: Path) -> int:
    journal = home / "data" / "jobs.sqlite3"
    if not journal.exists():
        return 0
    with sqlite3.connect(f"file:{journal}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM jobs").fetchone()[0])


def integrity(library: Path) -> str:
    index = library / ".seedream" / "index.sqlite3"
    if not index.exists():
        return "ok"  # nothing indexed, nothing to be inconsistent
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()
