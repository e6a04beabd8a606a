"""The "Kits" button: save the tray as a named reference kit, load one back, delete one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from seedream_desktop.library.kits import ReferenceKits


class KitsButton(QToolButton):
    """Asks the questions (name, overwrite?) and leaves the work to the panel through signals."""

    saveRequested = Signal(str)
    loadRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, kits: ReferenceKits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kits = kits
        # The arrow is part of the text, as on "History ▾": the style's own menu arrow was drawn over
        # the label's last letter.
        self.setText(self.tr("Kits") + " ▾")
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.setToolTip(self.tr("Reference kits: saved, named sets of reference images"))
        self.setAccessibleName(self.tr("Reference kits"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self.rebuild_menu)
        # One connection for every kit entry (sub-menus' triggers bubble up here); no lambdas that
        # would tie the button into a reference cycle.
        self.menu().triggered.connect(self._on_triggered)

    def rebuild_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        save = QAction(self.tr("Save tray as kit…"), menu)
        save.triggered.connect(self.ask_and_save)
        menu.addAction(save)
        names = self.kits.names()
        if not names:
            empty = QAction(self.tr("No kits saved yet"), menu)
            empty.setEnabled(False)
            menu.addAction(empty)
            return
        menu.addSection(self.tr("Load"))
        for name in names:
            load = QAction(name, menu)
            load.setToolTip(self.tr("Replace the tray with the kit “{0}”").format(name))
            load.setData(("load", name))
            menu.addAction(load)
        delete_menu = menu.addMenu(self.tr("Delete kit"))
        for name in names:
            delete = QAction(name, delete_menu)
            delete.setData(("delete", name))
            delete_menu.addAction(delete)

    def _on_triggered(self, action: QAction) -> None:
        data = action.data()
        if not isinstance(data, (tuple, list)) or len(data) != 2:
            return
        what, name = data
        if what == "load":
            self.loadRequested.emit(name)
        elif what == "delete":
            self.ask_and_delete(name)

    def ask_and_save(self) -> None:
        # The dialogs' classes are made on first use (QMessageBox's enums cost ~2 ms before the first frame).
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        name, ok = QInputDialog.getText(self, self.tr("Save reference kit"), self.tr("Kit name:"))
        name = name.strip()
        if not ok or not name:
            return
        if name in self.kits.names():
            answer = QMessageBox.question(
                self,
                self.tr("Replace kit?"),
                self.tr("A kit named “{0}” exists. Replace it with the current tray?").format(name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.saveRequested.emit(name)

    def ask_and_delete(self, name: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, self.tr("Delete kit?"), self.tr("Delete the reference kit “{0}”?").format(name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.deleteRequested.emit(name)
