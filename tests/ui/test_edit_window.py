"""A full edit in the window: a result → "Edit a region…" → canvas → Send → composite saved with lineage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QItemSelectionModel

from seedream_desktop.api.sizes import by_key
from seedream_desktop.library.edits.mask import protected_area
from seedream_desktop.library.metadata import read_record
from seedream_desktop.ui.bridge import Connection
from tests.helpers.canvas import _drag
from tests.helpers.window import generate_with_keyboard, saved_rows, type_prompt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_edit_a_region_of_a_result_to_a_saved_composite(make_window, emulator, qtbot):
    window = make_window(Connection("key", emulator.url))
    window.compose.size_picker.set_size_preset(by_key("1K-1:1"))
    type_prompt(qtbot, window, "a quiet harbour")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=20_000)
    row = saved_rows(window)[0]
    original = window.model.item(row).path
    index = window.model.index(row)
    window.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert window.actions_.edit_region.isEnabled()
    assert window.actions_.edit_region in window.grid.actions()

    with qtbot.waitSignal(window.edits.opened, timeout=10_000) as opened:
        window.actions_.edit_region.trigger()  # the picture is read off the GUI thread
    dialog = opened.args[0]
    assert dialog is not None and dialog.isVisible()
    dialog.canvas.actual_size()
    dialog.canvas.centerOn(512, 512)
    dialog.set_tool("rect")
    _drag(qtbot, dialog.canvas, [(400, 400), (600, 560)])
    mask = dialog.canvas.mask_layer.to_mask()
    feather = dialog.feather.value()
    dialog.instruction.setText("a red lighthouse")
    with qtbot.waitSignal(window.edits.compositeSaved, timeout=30_000) as done:
        dialog.send_button.click()
    composite = done.args[2]
    qtbot.waitUntil(lambda: any(window.model.item(r).path == Path(composite) for r in saved_rows(window)))
    assert len(saved_rows(window)) == 2  # the original, and the edit's tile now showing the composite
    with Image.open(original) as before, Image.open(composite) as after:
        assert after.size == before.size
        keep = protected_area(mask, feather)
        differs = ImageChops.difference(after.convert("RGB"), before.convert("RGB")).convert("L")
        assert ImageChops.multiply(differs.point(lambda v: 255 if v else 0), keep).getbbox() is None
        assert (
            ImageChops.difference(after.convert("RGB"), before.convert("RGB"))
            .crop((450, 430, 550, 530))
            .getbbox()
        )
    record = read_record(composite)
    assert record is not None and record.parent is not None and record.parent.path == str(original)
    edit = (record.request or {})["edit"]
    assert edit["kind"] == "mask" and edit["instruction"] == "a red lighthouse" and edit["mask"]["sha256"]
    assert "pasted back" in window.status.currentMessage()
    entry = window.bridge.pipeline.library.by_path(Path(composite))  # indexed, linked to its parent
    assert entry is not None and entry.is_edit

    # "Adjust this edit" reopens the canvas on the parent with the same mask, markup and words.
    with qtbot.waitSignal(window.edits.opened, timeout=10_000) as reopened:
        window.edits.adjust(composite)
    again = reopened.args[0]
    assert again is not dialog and again.original.path == original
    assert again.instruction.text() == "a red lighthouse" and again.feather.value() == feather
    assert ImageChops.difference(again.canvas.mask_layer.to_mask(), mask).getbbox() is None
    again.reject()

    # Before/after: "Compare with original" in the tile's menu and in the viewer shows the edit beside it.
    edited = next(r for r in saved_rows(window) if window.model.item(r).path == Path(composite))
    window.grid.select_row(edited)
    window.commands.update_enabled(window.actions_)
    assert window.actions_.compare_original.isEnabled()
    window.actions_.compare_original.trigger()
    assert window.viewer.showing() and window.viewer.page.paths == [original, Path(composite)]
    window.grid.select_row(edited)
    window.viewer.open_results()
    page = window.viewer.page
    assert page.paths == [Path(composite)] and page.original.isVisibleTo(page)
    page.original.click()
    assert page.paths == [original, Path(composite)]
    # The library's viewer finds the original through the index's lineage.
    view = window.library_tab.view
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() >= 2, timeout=10_000)
    row = next(r for r in range(view.model.rowCount()) if view.model.entry(r).path == Path(composite))
    view.grid.select_row(row)
    window.viewer.open_library(view, row)
    assert page.paths == [Path(composite)] and page.original.isVisibleTo(page)
    page.original.click()
    assert page.paths == [original, Path(composite)]


def test_adjust_refuses_an_image_that_is_not_an_edit(make_window, qtbot, tmp_path):
    window = make_window(None)
    plain = tmp_path / "plain.png"
    Image.new("RGB", (64, 64), "red").save(plain)
    window.edits.adjust(plain)
    qtbot.waitUntil(lambda: "not a region edit" in window.status.currentMessage(), timeout=10_000)


def test_a_moved_output_keeps_its_tile_and_the_composite_is_named(tmp_path):
    from types import SimpleNamespace

    from seedream_desktop.library.edits.paste_back import Framing
    from seedream_desktop.ui.edit.hook import _show_composite

    shown: list[tuple] = []
    window = SimpleNamespace(model=SimpleNamespace(image_saved=lambda *args: shown.append(args)))
    moved = SimpleNamespace(framing=Framing((12, 0), 3.0), record=None)
    _show_composite(window, "job", "uuid", str(tmp_path / "c.png"), moved)
    assert shown == []  # the tile keeps the model's full output
    kept = SimpleNamespace(framing=Framing((0, 0), 3.0), record=None)
    _show_composite(window, "job", "uuid", str(tmp_path / "c.png"), kept)
    assert shown == [("job", tmp_path / "c.png", None, "uuid")]
