"""ResendConfirm: "This ModelArk job may already have been charged. Send it again?" (ui/ark_window.py asks).

Its own module so that QMessageBox (and its enums) is made when the question is first asked, not
before the window's first frame.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class ResendConfirm(QMessageBox):
    """ "This job may already have been charged. Send it again?" — Send again / Keep it as it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arkResendConfirm")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Send again?"))
        self.setText(
            self.tr(
                "This BytePlus ModelArk job stopped mid-stream: it may already have been charged, and "
                "there is no result to fetch. Sending it again is charged again."
            )
        )
        self.send = self.addButton(self.tr("Send again"), QMessageBox.ButtonRole.AcceptRole)
        self.keep = self.addButton(self.tr("Don't send"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep)  # Enter never pays twice
