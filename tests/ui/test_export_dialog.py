"""The Export… dialog: runs the export on a worker, reports, remembers its choices; the menus offer it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from seedream_desktop.config import Paths, Settings
from seedream_desktop.library.index import Library
from seedream_desktop.ui.actions import build_actions, fill_result_menu
from seedream_desktop.ui.export_dialog import ExportDialog
from seedream_desktop.ui.library.library_view import LibraryView
from tests.helpers.library_menu import entry, right_click
from tests.library.make_images import save
from tests.ui.library_support import shown_view


def _sources(folder: Path) -> list[Path]:
    paths = [folder / "fox.png", folder / "cat.jpg"]
    save(paths[0], "a red fox", size=(300, 200), seed=5)
    save(paths[1], "a grey cat", size=(200, 300), seed=6)
    return paths


def test_export_runs_on_a_worker_and_the_choices_are_remembered(qtbot, tmp_path: Path) -> None:
    settings = Settings(Paths.from_environment())
    dialog = ExportDialog(_sources(tmp_path / "in"), settings=settings)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format.setCurrentText("PNG")
    dialog.sizing.setCurrentIndex(dialog.sizing.findData("1080x1350"))
    dialog.metadata.setCurrentIndex(dialog.metadata.findData("no-prompt"))
    dialog.template.setText("{seed}-{n}")
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as done:
        dialog.start.click()
    report = done.args[0]
    assert sorted(p.name for p in report.written) == ["5-1.png", "6-2.png"]
    with Image.open(tmp_path / "out" / "6-2.png") as image:
        assert image.size == (1080, 1350)
    assert dialog.progress.value() == 2 and "2" in dialog.status.text()

    again = ExportDialog([tmp_path / "in" / "fox.png"], settings=Settings(Paths.from_environment()))
    qtbot.addWidget(again)
    assert again.folder.text() == str(tmp_path / "out")
    assert (again.format.currentText(), again.sizing.currentData(), again.metadata.currentData()) == (
        "PNG", "1080x1350", "no-prompt")  # fmt: skip
    assert again.template.text() == "{seed}-{n}"


def test_a_bad_template_is_named_and_nothing_runs(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(_sources(tmp_path), settings=Settings(Paths.from_environment()))
    qtbot.addWidget(dialog)
    dialog.template.setText("{colour}")
    dialog.start.click()
    assert "{colour}" in dialog.status.text() and dialog.job is None
    assert Settings(Paths.from_environment()).get("export") == {}


def test_the_result_menu_offers_export(qtbot) -> None:
    window, grid = QWidget(), QWidget()
    qtbot.addWidget(window)
    qtbot.addWidget(grid)
    actions = build_actions(window, grid)
    menu = QMenu(window)
    fill_result_menu(menu, actions)
    assert actions.export in menu.actions() and actions.export in actions.result_actions()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_library_menu_opens_export_for_the_selection(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root, tmp_path / "thumbs") as library:
        for path in _sources(root):
            library.add_file(path)
        view = LibraryView(library, open_url=lambda _url: True)
        for shown in shown_view(qtbot, view):
            shown.grid.selectAll()
            menu = right_click(qtbot, shown, 0)
            entry(menu, "export").trigger()
            dialog = next(
                w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog) and w.isVisible()
            )
            assert sorted(p.name for p in dialog.sources) == ["cat.jpg", "fox.png"]
            dialog.reject()
