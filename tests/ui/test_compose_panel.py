"""ComposePanel: the whole compose side as one GenerationRequest, keyboard-only use, kits, lineage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage

from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import by_key
from seedream_desktop.config import Paths
from seedream_desktop.library.kits import ReferenceKits
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.panel import ComposePanel
from tests.ui.compose_support import host, png

LOAD_MS = 10_000


@pytest.fixture
def panel(qtbot) -> ComposePanel:  # type: ignore[no-untyped-def]
    paths = Paths.from_environment()
    widget = ComposePanel(PromptHistory.in_paths(paths), ReferenceKits.in_paths(paths))
    host(qtbot, widget)
    return widget


def test_request_collects_every_part_and_changes_are_debounced(qtbot, panel) -> None:
    with qtbot.waitSignal(panel.requestChanged, timeout=2000):
        panel.editor.set_text("a lighthouse, image 1 style")
    panel.size_picker.set_size_preset(by_key("4K-16:9"))
    panel.controls.results.setValue(4)
    panel.add_references(["https://example.test/style.png"])
    request = panel.request()
    assert request.prompt == "a lighthouse, image 1 style"
    assert request.size == by_key("4K-16:9")
    assert request.number_results == 4
    assert request.references == (ReferenceImage("https://example.test/style.png"),)
    qtbot.waitUntil(lambda: panel.controls.estimate.text() == "≈ $0.12 for 4 image(s)")
    assert panel.problems() == []
    assert panel.generate_button.isEnabled()


def test_ctrl_enter_generates_and_records_the_prompt(qtbot, panel) -> None:
    panel.editor.text_edit.setFocus()
    qtbot.keyClicks(panel.editor.text_edit, "a red fox")
    with qtbot.waitSignal(panel.generateRequested):
        qtbot.keyClick(panel.editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [e.text for e in panel.history.recent()] == ["a red fox"]
    qtbot.keyClick(panel.editor.text_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.editor.text_edit, "something else")
    qtbot.keyClick(panel.editor.text_edit, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert panel.request().prompt == "a red fox"


def test_nothing_is_generated_while_something_blocks_it(qtbot, panel) -> None:
    with qtbot.assertNotEmitted(panel.generateRequested):
        panel.try_generate()
    assert "Write a prompt first" in panel.problems_label.text()
    assert not panel.generate_button.isEnabled()
    panel.editor.set_text("x" * 2001)
    panel.try_generate()
    assert "1 characters too long" in panel.editor.message.text()  # said once, under the editor
    assert panel.problems_label.isHidden()
    assert not panel.generate_button.isEnabled()
    assert panel.history.recent() == []


def test_references_plus_sequential_over_15_is_said_inline(qtbot, panel) -> None:
    panel.editor.set_text("a storyboard")
    panel.add_references([f"https://example.test/{i}.png" for i in range(10)])
    panel.controls.sequential.setValue(8)
    qtbot.waitUntil(lambda: "at most 15" in panel.problems_label.text())
    assert not panel.generate_button.isEnabled()
    assert panel.problems_label.isVisible()
    panel.controls.sequential.setValue(5)
    qtbot.waitUntil(panel.generate_button.isEnabled)
    assert panel.problems_label.isHidden()


def test_tab_walks_the_panel_in_reading_order(qtbot, panel) -> None:
    panel.editor.set_text("a prompt")  # so Generate is enabled, and focusable
    qtbot.waitUntil(panel.generate_button.isEnabled)
    panel.editor.text_edit.setFocus()
    visited = [QGuiApplication.focusObject()]
    for _ in range(30):
        qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Tab)
        visited.append(QGuiApplication.focusObject())
    order = [panel.editor.text_edit, panel.size_picker, panel.tray.view, panel.controls.results]
    positions = [visited.index(w) for w in order]
    assert positions == sorted(positions)
    assert panel.generate_button in visited
    # The picker is usable once Tab reaches it.
    panel.size_picker.setFocus()
    qtbot.keyClick(panel.size_picker, Qt.Key.Key_Down)
    assert panel.request().size == by_key("4K-1:1")


def test_ctrl_v_pastes_an_image_while_the_panel_has_focus(qtbot, panel) -> None:
    image = QImage(24, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    QGuiApplication.clipboard().setImage(image)
    panel.size_picker.setFocus()
    with qtbot.waitSignal(panel.tray.idle, timeout=LOAD_MS):
        qtbot.keyClick(panel.size_picker, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(panel.request().references) == 1
    QGuiApplication.clipboard().clear()


def test_image_files_dropped_on_the_prompt_go_to_the_tray(qtbot, panel, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png(tmp_path / "a.png")))])
    with qtbot.waitSignal(panel.tray.idle, timeout=LOAD_MS):
        panel.editor.text_edit.insertFromMimeData(mime)
    assert panel.request().references[0].source == str(tmp_path / "a.png")
    assert panel.editor.text() == ""


def test_references_being_prepared_block_generating(qtbot, panel, tmp_path: Path) -> None:
    panel.editor.set_text("edit")
    with qtbot.waitSignal(panel.tray.idle, timeout=LOAD_MS):
        panel.add_references([str(png(tmp_path / "a.png", 1200, 900))])
        assert any(p.field == "references" for p in panel.problems())
    assert panel.problems() == []


def test_load_request_replaces_everything_and_keeps_other_fields(qtbot, panel) -> None:
    original = GenerationRequest(
        prompt="海边的猫",
        size=by_key("2K-3:2"),
        references=(ReferenceImage("https://example.test/ref.png"),),
        number_results=2,
        output_format="JPG",
        output_quality=80,
        seed=7,
        safety="fast",
        ttl=900,
    )
    panel.load_request(original)
    assert panel.request() == original
    panel.load_request(GenerationRequest(prompt="no references"))
    assert panel.request().references == ()
    assert panel.tray.message() == ""
    panel.set_seed(99)
    assert panel.request().seed == 99


def test_edit_this_records_lineage_until_the_image_is_removed(qtbot, panel, tmp_path: Path) -> None:
    result = png(tmp_path / "library" / "result.png")
    with qtbot.waitSignal(panel.tray.idle, timeout=LOAD_MS):
        panel.set_parent_image(str(result))
    request = panel.request()
    assert request.parent == str(result)
    assert [r.source for r in request.references] == [str(result)]
    assert panel.parent_label.isVisible() and "result.png" in panel.parent_label.text()
    panel.tray.clear()
    qtbot.waitUntil(lambda: panel.request().parent is None)
    assert panel.parent_label.isHidden()


def test_kits_round_trip_through_the_panel(qtbot, panel, tmp_path: Path) -> None:
    files = [png(tmp_path / f"brand{i}.png", colour=c) for i, c in enumerate(("#111111", "#eeeeee"))]
    with qtbot.waitSignal(panel.tray.idle, timeout=LOAD_MS):
        panel.add_references([str(f) for f in files])
    panel.add_references(["https://example.test/pattern.png"])
    assert panel.save_kit("Brand 品牌")
    assert "Saved" in panel.tray.message()
    panel.kits_button.rebuild_menu()
    assert "Brand 品牌" in [a.text() for a in panel.kits_button.menu().actions()]
    panel.tray.clear()
    with qtbot.waitSignal(panel.tray.idle, timeout=LOAD_MS):
        assert panel.load_kit("Brand 品牌")
    refs = panel.request().references
    assert len(refs) == 3 and refs[2].source == "https://example.test/pattern.png"
    assert [Path(r.source).read_bytes() for r in refs[:2]] == [f.read_bytes() for f in files]
    assert not panel.load_kit("missing")
    assert panel.tray.message() == "Reference kit: there is no kit named “missing”."
    panel.delete_kit("Brand 品牌")
    assert panel.kits.names() == []


def test_an_empty_tray_is_not_saved_as_a_kit(qtbot, panel) -> None:
    assert not panel.save_kit("spring")
    assert panel.tray.message() == "Reference kit: the tray is empty; add reference images first."
