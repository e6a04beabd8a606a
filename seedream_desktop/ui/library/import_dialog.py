"""ImportDialog: files dropped from the file manager — copy them into the library, or keep them in place?"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from seedream_desktop.ui.library.importer import ImportMode


class ImportDialog(QDialog):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Add to the library"))
        text = QLabel(self.tr("Add %n image(s) to the library:", "", count), self)
        self.copy = QRadioButton(self.tr("Copy them into the library folder"), self)
        self.keep = QRadioButton(
            self.tr("Keep them where they are (the library links to them; moving them breaks the link)"), self
        )
        self.copy.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, self.copy, self.keep, buttons):
            layout.addWidget(widget)

    def mode(self) -> ImportMode:
        return ImportMode.KEEP if self.keep.isChecked() else ImportMode.COPY


def ask_import_mode(count: int, parent: QWidget | None) -> ImportMode | None:
    dialog = ImportDialog(count, parent)
    try:
        return dialog.mode() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
