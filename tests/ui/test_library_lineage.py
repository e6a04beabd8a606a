"""Drag-and-drop editing against the real emulator: drag image A from the library into the reference
tray, write an instruction, generate: B's record names A as its parent, and both details panels link them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from seedream_desktop.config import Paths, Settings
from seedream_desktop.library.index import Library
from seedream_desktop.library.kits import ReferenceKits
from seedream_desktop.library.metadata import read_record
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.compose.panel import ComposePanel
from seedream_desktop.ui.library.compose_link import ComposeLink
from seedream_desktop.ui.library.library_view import LibraryView
from tests.ui.helpers import Recorder, small_request

# WORKAROUND: the offscreen platform warns on every top-level size-hint change. Upstream: by design, not a
# bug (QPlatformWindow::propagateSizeHints warns unless a platform overrides it; offscreen does not), no fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def parts(qtbot, make_bridge, emulator) -> Iterator[tuple]:
    paths = Paths.from_environment()
    bridge = make_bridge(Connection("key", emulator.url))
    library = Library.open(Settings(paths).library, paths.thumbnails)
    compose = ComposePanel(PromptHistory.in_paths(paths), ReferenceKits.in_paths(paths))
    view = LibraryView(library)
    link = ComposeLink(compose, library)
    link.follow(view)
    for widget in (compose, view):
        qtbot.addWidget(widget)
        widget.show()
    yield bridge, compose, view, library
    view.shutdown()
    library.close()


def generate(qtbot, bridge, request) -> Path:
    recorder = Recorder(bridge)
    bridge.submit(request)
    qtbot.waitUntil(lambda: bool(recorder.saved), timeout=20_000)
    return Path(recorder.saved[0].path)


def drop_on_tray(compose: ComposePanel, mime) -> None:
    tray = compose.tray
    point = QPointF(tray.rect().center())
    enter = QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tray.dragEnterEvent(enter)
    assert enter.isAccepted()
    tray.dropEvent(
        QDropEvent(
            point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    )


def ready(compose: ComposePanel) -> bool:
    return not compose.problems()


def drag_edit(qtbot, bridge, compose: ComposePanel, view: LibraryView) -> tuple[Path, Path]:
    """Generate A; drag it from the library grid into the tray; write an instruction; generate B."""
    a = generate(qtbot, bridge, small_request("a lighthouse at dusk"))
    view.refresh()
    assert view.model.entry(0).path == a  # type: ignore[union-attr]
    drop_on_tray(compose, view.model.mimeData([view.model.index(0)]))
    assert compose.request().parent == str(a)  # the dragged library image is the one being edited
    compose.editor.set_text("make the sky pink")
    qtbot.waitUntil(lambda: ready(compose), timeout=10_000)
    return a, generate(qtbot, bridge, compose.request())


def test_drag_from_the_library_into_the_tray_records_the_parent(qtbot, parts) -> None:
    bridge, compose, view, _library = parts
    a, b = drag_edit(qtbot, bridge, compose, view)
    record = read_record(b)
    assert record is not None and record.parent is not None
    assert record.parent.path == str(a)
    assert record.request is not None and len(record.request["references"]) == 1
    # B's details show A among its references, as a thumbnail that leads to it.
    _bridge, _compose, _view, library = parts
    view.refresh()
    entry_b = library.by_path(b)
    assert entry_b is not None and view.navigate_to(entry_b.id)
    button = view.details.reference_buttons[f"reference:{a}"]
    assert button.isEnabled() and a.name in button.accessibleName()  # shown elided in a narrow panel
    qtbot.waitUntil(lambda: not button.icon().isNull(), timeout=10_000)
    button.click()
    assert view.grid.current_entry().path == a  # type: ignore[union-attr]


def test_the_edit_shows_up_linked_in_both_details_panels(qtbot, parts) -> None:
    bridge, compose, view, library = parts
    a, b = drag_edit(qtbot, bridge, compose, view)
    record, parent_record = read_record(b), read_record(a)
    assert record is not None and parent_record is not None and record.parent is not None
    assert record.parent.image_uuid == parent_record.image_uuid  # survives moves, renames, rebuilds
    view.refresh()
    entry_a, entry_b = library.by_path(a), library.by_path(b)
    assert entry_a is not None and entry_b is not None
    assert view.navigate_to(entry_b.id)
    assert [btn.text() for btn in view.details.lineage_buttons] == [f"edited from {a.name}"]
    view.details.lineage_buttons[0].click()  # to the parent …
    assert view.grid.current_entry().id == entry_a.id  # type: ignore[union-attr]
    assert [btn.text() for btn in view.details.lineage_buttons] == [f"edited into {b.name}"]  # … and back


def test_edit_this_and_the_other_buttons_fill_the_composer_only_when_pressed(qtbot, parts) -> None:
    bridge, compose, view, _library = parts
    a = generate(qtbot, bridge, small_request("a koi pond"))
    view.refresh()
    compose.editor.set_text("what I was writing")
    view.grid.select_row(0)
    assert compose.request().prompt == "what I was writing" and not compose.request().references
    view.details.edit_button.click()
    assert compose.request().parent == str(a)
    assert [r.source for r in compose.request().references] == [str(a)]
    view.details.reuse_button.click()
    assert compose.request().prompt == "a koi pond"
    assert compose.request().parent is None  # reuse settings is not an edit


def test_the_lineage_link_selects_the_parent_while_a_search_is_active(qtbot, parts) -> None:
    """The search's debounce used to fire after the parent was selected and select the first row."""
    bridge, compose, view, library = parts
    a, b = drag_edit(qtbot, bridge, compose, view)
    generate(qtbot, bridge, small_request("an unrelated orchard"))  # the newest image: row 0
    view.refresh()
    entry_a, entry_b = library.by_path(a), library.by_path(b)
    assert entry_a is not None and entry_b is not None
    view.filters.search.setText("pink")  # finds B only
    view.filters.flush()
    assert view.navigate_to(entry_b.id) and view.model.rowCount() == 1
    view.details.lineage_buttons[0].click()  # "edited from A": outside the search
    qtbot.wait(400)  # longer than the search's debounce
    assert view.grid.current_entry().id == entry_a.id  # type: ignore[union-attr]
