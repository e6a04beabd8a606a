"""ArkKeyRow: the BytePlus ModelArk key in Settings, beside Runware's — status, set, remove, test.

Its own keychain account (secrets.py, provider "ark"), reached the way the Runware key is: every call
through the dialog's ``ask``, which runs it on the keychain thread (ui/keychain_worker.py) and answers
on the GUI thread, also after the dialog was closed. The key is never shown, only whether one is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from seedream_desktop.ui.keychain_worker import key_state, store_key
from seedream_desktop.ui.settings_errors import keychain_text, test_failure_text

Done = Callable[[Any, BaseException | None], None]
Ask = Callable[[Callable[[Any], Any], Done], None]  # (call on the keychain thread, done on the GUI thread)
CheckArkKey = Callable[[str, Done], Any]


class ArkKeyRow(QWidget):
    keyChanged = Signal()  # stored, replaced or removed: the window reconnects with it
    answered = Signal()  # the key's state is shown
    problem = Signal(str)  # the keychain refused: the dialog (or, once closed, the window) says it

    def __init__(self, keys: Any, ask: Ask, check: CheckArkKey | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arkKeyRow")
        self._keys, self._ask, self._check = keys, ask, check
        self.field = QLineEdit(self)
        self.field.setObjectName("arkApiKey")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("BytePlus ModelArk API key"))
        self.test_button = QPushButton(self.tr("Test key"), self)
        self.test_button.setObjectName("testArkKey")
        self.test_button.setEnabled(check is not None)
        self.clear_button = QPushButton(self.tr("Remove key"), self)
        self.clear_button.setObjectName("clearArkKey")
        self.clear_button.setEnabled(False)
        self.state = QLabel(self.tr("Looking in the keychain…"), self)
        self.state.setObjectName("arkKeyState")
        self.state.setWordWrap(True)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("arkTestResult")
        self.test_result.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.state)
        layout.addWidget(self.test_result)
        self.test_button.clicked.connect(self.test_key)
        self.clear_button.clicked.connect(self.clear_key)
        self.refresh()

    # ---- status ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._ask(lambda _runware: key_state(self._keys), self._show)

    def _show(self, answer: tuple[bool, str] | None, _error: BaseException | None) -> None:
        source = answer[1] if answer is not None else ""
        texts = {
            "keychain": self.tr(
                "A ModelArk key is set (in the system keychain). Type a new one to replace it."
            ),
            "session": self.tr("A ModelArk key is set for this session only. Type a new one to replace it."),
            "environment": self.tr("A ModelArk key is set by the SEEDREAM_ARK_API_KEY environment variable."),
            "": self.tr(
                "No ModelArk key is set. Create one in the BytePlus ModelArk console and paste it here."
            ),
        }
        self.state.setText(texts.get(source, ""))
        self.field.setPlaceholderText(self.tr("•••••••• (hidden)") if source else self.tr("Paste your key"))
        self.clear_button.setEnabled(source in ("keychain", "session"))
        self.answered.emit()

    # ---- set, remove, test ------------------------------------------------------------------------
    def store(self, session_only: bool) -> bool:
        """Store a typed key (Save); False when none was typed."""
        key = self.field.text().strip()
        if not key:
            return False
        self._ask(lambda _runware: store_key(self._keys, key, session_only), self._stored)
        return True

    def _stored(self, where: str | None, error: BaseException | None) -> None:
        if error is not None:
            self.problem.emit(keychain_text(error))
        elif where == "no-keychain":
            self.problem.emit(
                self.tr(
                    "There is no keychain to store the ModelArk key in. Tick “keep for this session only” to use it until the app quits."
                )
            )
        else:
            self.field.clear()
            self.keyChanged.emit()
            self.refresh()

    def clear_key(self) -> None:
        self.clear_button.setEnabled(False)
        self._ask(lambda _runware: self._keys.clear(), self._removed)

    def _removed(self, _answer: object, error: BaseException | None) -> None:
        if error is not None:
            self.problem.emit(
                self.tr("The keychain did not remove the ModelArk key: {reason}").format(
                    reason=keychain_text(error)
                )
            )
        else:
            self.keyChanged.emit()
            self.field.clear()
        self.refresh()

    def test_key(self) -> None:
        if self._check is None:
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        typed = self.field.text().strip()
        if typed:
            self._test(typed)
        else:
            self._ask(lambda _runware: self._keys.get(), lambda key, error: self._test(key or "", error))

    def _test(self, key: str, error: BaseException | None = None) -> None:
        if error is not None or not key:
            self.test_button.setEnabled(True)
            self.test_result.setText(
                "✗ " + keychain_text(error) if error is not None else self.tr("Enter a key to test.")
            )
            return
        if self._check is not None:
            self._check(key, self._tested)

    def _tested(self, _result: Any, error: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        if error is None:
            self.test_result.setText(self.tr("✓ The ModelArk key works."))
        else:
            reason = test_failure_text(error, "BytePlus ModelArk")
            self.test_result.setText(self.tr("✗ {reason}").format(reason=reason))
