"""The GUI's reference tray fed hostile files by a real drop: it refuses each by name and stays responsive.

The same corpus as the CLI tests (corpus.py). Refusals must come at once (FIFOs, sockets, links,
/dev/zero: refused from ``stat``, never opened for reading), name the file and say why; the good image
dropped with them is added; the GUI thread keeps serving its timers; memory stays bounded.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl

from seedream_desktop.ui.compose.reference_tray import ReferenceTray
from tests.hostile.checks import EXISTING_NON_FILES, PROGRAMMER_WORDS, says_what_it_is
from tests.hostile.corpus import BY_ID, build, place
from tests.hostile.guard import RunawayGuard, longest_gap_ms, release_fifos, ticking
from tests.hostile.makers import png
from tests.ui.compose_support import drop, host

SAMPLE = (
    "fifo", "link-dev-zero", "png-bomb-header", "png-empty", "html-as-jpg", "socket", "link-loop",
    "link-dangling", "sparse-2gb", "svg-as-png", "gif-huge-canvas", "zip-as-png",
)  # fmt: skip
IDLE_MS = 10_000  # refusals come from stat and headers: far less than this when nothing hangs
MEMORY_MB = 300
GAP_MS = 2_000  # the longest the GUI thread may stay away from its event loop


@pytest.fixture
def tray(qtbot, tmp_path: Path) -> ReferenceTray:  # type: ignore[no-untyped-def]
    widget = ReferenceTray(tmp_path / "cache" / "refs")
    host(qtbot, widget)
    return widget


def test_the_tray_refuses_hostile_files_by_name_and_stays_responsive(qtbot, tray, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master = build(tmp_path / "master")
    folder = tmp_path / "dropped"
    paths = {entry_id: place(BY_ID[entry_id], master[entry_id], folder) for entry_id in SAMPLE}
    good = folder / "good.png"
    good.write_bytes(png(40, 40))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in [*paths.values(), good]])

    with RunawayGuard(MEMORY_MB) as guard, ticking() as ticks:
        started = time.monotonic()
        drop(tray.view.viewport(), mime)
        idle = _waits(qtbot, tray)
        finished = time.monotonic()
        if not idle:  # let a blocked worker go, so the pool can shut down; the test fails below
            deadline = time.monotonic() + 10
            while tray.is_busy() and time.monotonic() < deadline:
                release_fifos(paths.values())
                qtbot.wait(50)
    assert idle, f"the tray was still preparing after {IDLE_MS / 1000:.0f} s: {tray.message()!r}"
    assert not guard.cut and guard.peak_mb <= MEMORY_MB, (
        f"memory grew {guard.peak_mb:.0f} MB (an endless read)"
    )
    assert longest_gap_ms(ticks, finished) < GAP_MS, "the GUI thread stopped serving its event loop"
    assert finished - started < IDLE_MS / 1000

    assert [r.source for r in tray.references()] == [str(good)]
    message = tray.message()
    lines = message.splitlines()
    assert len(lines) == len(SAMPLE), message
    for entry_id, path in paths.items():
        naming = re.compile(r"(?<![\w-])" + re.escape(path.name))  # "y.png", not the end of "empty.png"
        (line,) = [line for line in lines if naming.search(line)] or [f"<no line names {path.name}>"]
        assert path.name in line and len(line) <= 400, message
        assert not PROGRAMMER_WORDS.search(line), f"not the person's words: {line!r}"
        if entry_id in EXISTING_NON_FILES:
            assert "does not exist" not in line and says_what_it_is(line), line


def _waits(qtbot, tray: ReferenceTray) -> bool:  # type: ignore[no-untyped-def]
    """Wait for the tray to go idle; False when it did not within IDLE_MS."""
    try:
        qtbot.waitUntil(lambda: not tray.is_busy(), timeout=IDLE_MS)
    except qtbot.TimeoutError:
        return False
    return True
