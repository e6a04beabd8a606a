"""SettingsDialog: the API key (keychain, never shown), API URL, library folder, defaults, budget, language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.request import OUTPUT_FORMATS, QUALITY_MAX, QUALITY_MIN
from seedream_desktop.config import Settings
from seedream_desktop.secrets import KeyStore
from seedream_desktop.ui.ark_key_row import ArkKeyRow
from seedream_desktop.ui.elide import char_width
from seedream_desktop.ui.keychain_worker import KeychainWorker, key_state, store_key
from seedream_desktop.ui.settings_errors import keychain_text, test_failure_text

# check_key(api_key, base_url, done): done(None, None) when the key works, done(None, error) if not.
CheckKey = Callable[[str, str, Callable[[Any, BaseException | None], None]], Any]
LANGUAGES = (("", "System"), ("en", "English"), ("zh_CN", "简体中文"))


class SettingsDialog(QDialog):
    keyChanged = Signal()  # a key was stored, replaced or cleared (also after the dialog was closed)
    keychainAnswered = Signal()  # the key's state (set, where from, keychain or none) is shown
    keyProblem = Signal(str)  # the keychain refused, after the dialog was closed: the window says it
    connectionChanged = Signal()  # the API URL changed
    libraryChanged = Signal()  # another library folder was chosen: the window switches to it at once

    def __init__(
        self,
        settings: Settings,
        keys: KeyStore,
        check_key: CheckKey,
        parent: QWidget | None = None,
        *,
        keychain: KeychainWorker | None = None,
        ark_keys: Any = None,
        check_ark_key: Callable[[str, Callable[[Any, BaseException | None], None]], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._settings, self._check_key = settings, check_key
        # The window's worker, so a key stored here is the one its reconnect reads next.
        self._keychain = keychain or KeychainWorker(keys)
        # Keychain calls not answered yet: the dialog outlives its closing until they are (release()),
        # so a key stored or removed after Cancel still reaches the window, and so does a refusal.
        self._pending = 0
        self._released = False
        self._closed = (
            False  # accepted, cancelled or closed: what the keychain answers now goes to the window
        )
        form = QFormLayout()
        self._form = form

        # ---- API key: never displayed, only whether one is set and where it comes from
        self.key_field = QLineEdit(self)
        self.key_field.setObjectName("apiKey")
        self.key_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_field.setAccessibleName(self.tr("Runware API key"))
        self.key_state = QLabel(self)
        self.key_state.setObjectName("keyState")
        self.key_state.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Test key"), self)
        self.test_button.setObjectName("testKey")
        self.clear_button = QPushButton(self.tr("Remove key"), self)
        self.clear_button.setObjectName("clearKey")
        self.test_result = QLabel(self)
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_field, 1)
        key_row.addWidget(self.test_button)
        key_row.addWidget(self.clear_button)
        form.addRow(self.tr("API key:"), key_row)
        form.addRow("", self.key_state)
        form.addRow("", self.test_result)

        self.keychain_warning = QLabel(
            self.tr(
                "No system keychain was found (on Linux: no Secret Service such as GNOME Keyring or "
                "KWallet is running), so the key cannot be stored safely. It is never written to a "
                "file in plain text. You can keep it for this session only."
            ),
            self,
        )
        self.keychain_warning.setObjectName("keychainWarning")
        self.keychain_warning.setWordWrap(True)
        self.session_only = QCheckBox(
            self.tr("Keep the key for this session only (forgotten when the app quits)"), self
        )
        self.session_only.setObjectName("sessionOnly")
        form.addRow("", self.keychain_warning)
        form.addRow("", self.session_only)
        self._show_keychain_missing(False)  # until the keychain answers

        # ---- the BytePlus ModelArk key: its own account, through the same keychain thread (_ask)
        self.ark_key: ArkKeyRow | None = None
        if ark_keys is not None:
            self.ark_key = ArkKeyRow(ark_keys, self._ask, check_ark_key, self)
            self.ark_key.keyChanged.connect(self.keyChanged)
            self.ark_key.problem.connect(self._say)
            form.addRow(self.tr("ModelArk key:"), self.ark_key)

        # ---- connection and library
        self.api_url = QLineEdit(str(settings.get("api_url")), self)
        self.api_url.setObjectName("apiUrl")
        form.addRow(self.tr("API address:"), self.api_url)
        self.library = QLineEdit(str(settings.library), self)
        self.library.setObjectName("libraryFolder")
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._choose_library)
        library_row = QHBoxLayout()
        library_row.addWidget(self.library, 1)
        library_row.addWidget(browse)
        form.addRow(self.tr("Library folder:"), library_row)

        # ---- defaults and budget
        self.output_format = QComboBox(self)
        self.output_format.setObjectName("outputFormat")
        self.output_format.addItems(list(OUTPUT_FORMATS))
        self.output_format.setCurrentText(str(settings.get("output_format")))
        form.addRow(self.tr("Default format:"), self.output_format)
        self.quality = QSpinBox(self)
        self.quality.setObjectName("outputQuality")
        self.quality.setRange(QUALITY_MIN, QUALITY_MAX)
        self.quality.setValue(int(settings.get("output_quality")))
        form.addRow(self.tr("Default quality:"), self.quality)
        self.budget = QDoubleSpinBox(self)
        self.budget.setObjectName("dailyBudget")
        self.budget.setRange(0.0, 10_000.0)
        self.budget.setDecimals(2)
        self.budget.setPrefix("$ ")
        self.budget.setSpecialValueText(self.tr("No limit"))
        self.budget.setValue(float(settings.get("daily_budget_usd")))
        form.addRow(self.tr("Daily budget:"), self.budget)
        # Favourites, ratings, boards and tags as XMP sidecars other photo tools read (library/sidecar.py).
        self.sidecars = QComboBox(self)
        self.sidecars.setObjectName("xmpSidecars")
        for code, text in (
            ("darktable", self.tr("photo.png.xmp (darktable, digiKam)")),
            ("lightroom", self.tr("photo.xmp (Lightroom, Bridge)")),
            ("off", self.tr("Not written")),
        ):
            self.sidecars.addItem(text, code)
        self.sidecars.setCurrentIndex(max(0, self.sidecars.findData(str(settings.get("xmp_sidecars")))))
        form.addRow(self.tr("Marks as XMP sidecars:"), self.sidecars)
        # Off by default: the app never rewrites a person's image unless asked (library/embedded_marks.py).
        self.in_files = QCheckBox(self.tr("Also write marks into JPEG, PNG and WEBP files"), self)
        self.in_files.setObjectName("xmpInFiles")
        self.in_files.setToolTip(
            self.tr(
                "Tools that ignore sidecars then see them too. Only the file's XMP changes, never its pixels."
            )
        )
        self.in_files.setChecked(bool(settings.get("xmp_in_files")))
        form.addRow("", self.in_files)

        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("Follow the system") if not code else name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(str(settings.get("language")))))
        form.addRow(self.tr("Language:"), self.language)
        note = QLabel(self.tr("A new language is applied when the app restarts."), self)
        note.setEnabled(False)
        note.setWordWrap(True)
        form.addRow("", note)

        self.problem = QLabel(self)
        self.problem.setObjectName("settingsProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons = buttons
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # Wrapped labels take the height their text needs: none is clipped, no error text overlaps the
        # line above it when it appears.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setMinimumWidth(char_width(self.fontMetrics()) * 72)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self.test_button.clicked.connect(self.test_key)
        self.clear_button.clicked.connect(self.clear_key)
        self.key_state.setText(self.tr("Looking in the keychain…"))
        self.clear_button.setEnabled(False)
        self._ask_keychain()

    # ---- the key: every keychain call goes to the keychain thread -----------------------------
    def _ask(
        self, call: Callable[[KeyStore], Any], done: Callable[[Any, BaseException | None], None]
    ) -> None:
        self._pending += 1

        def answered(answer: Any, error: BaseException | None) -> None:
            self._pending -= 1
            done(answer, error)
            if self._released and not self._pending:
                self.deleteLater()

        self._keychain.run(call, answered, self)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def release(self) -> None:
        """Closed: delete now, or once the keychain has answered what it was asked."""
        self._released = True
        if not self._pending:
            self.deleteLater()

    def _ask_keychain(self) -> None:
        self._ask(key_state, self._keychain_answered)

    def _keychain_answered(self, answer: tuple[bool, str] | None, _error: BaseException | None) -> None:
        available, source = answer if answer is not None else (False, "")  # an error: no usable keychain
        self._show_keychain_missing(not available)
        self._show_key_state(source)
        self.keychainAnswered.emit()

    def _show_keychain_missing(self, missing: bool) -> None:
        self._form.setRowVisible(self.keychain_warning, missing)
        self._form.setRowVisible(self.session_only, missing)

    def _show_key_state(self, source: str) -> None:
        texts = {
            "keychain": self.tr("A key is set (in the system keychain). Type a new one to replace it."),
            "session": self.tr("A key is set for this session only. Type a new one to replace it."),
            "environment": self.tr("A key is set by the SEEDREAM_API_KEY environment variable."),
            "": self.tr("No key is set. Get one at my.runware.ai and paste it here."),
        }
        self.key_state.setText(texts.get(source, ""))
        self.key_field.setPlaceholderText(
            self.tr("•••••••• (hidden)") if source else self.tr("Paste your key")
        )
        self.clear_button.setEnabled(source in ("keychain", "session"))

    def test_key(self) -> None:
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        typed = self.key_field.text().strip()
        if typed:
            self._test(typed)
        else:  # the stored key
            self._ask(lambda keys: keys.get(), lambda key, error: self._test(key or "", error))

    def _test(self, key: str, error: BaseException | None = None) -> None:
        if self._closed:
            return  # closed while the keychain gave the stored key: nobody is waiting for the test
        if error is not None:
            self.test_button.setEnabled(True)
            self.test_result.setText("✗ " + keychain_text(error))
            return
        if not key:
            self.test_button.setEnabled(True)
            self.test_result.setText(self.tr("Enter a key to test."))
            return
        self._check_key(key, self.api_url.text().strip(), self._tested)

    def _tested(self, _result: Any, error: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        if error is None:
            self.test_result.setText(self.tr("✓ The key works."))
        else:
            reason = test_failure_text(error, self.api_url.text().strip())
            self.test_result.setText(self.tr("✗ {reason}").format(reason=reason))

    def clear_key(self) -> None:
        self.clear_button.setEnabled(False)
        self._ask(lambda keys: keys.clear(), self._key_removed)

    def _key_removed(self, _answer: object, error: BaseException | None) -> None:
        if error is not None:
            self._say(
                self.tr("The keychain did not remove the key: {reason}").format(reason=keychain_text(error))
            )
        else:
            self.keyChanged.emit()  # the window stops using it, also when the dialog was closed meanwhile
            self.key_field.clear()
        if not self._closed:
            self._ask_keychain()  # says what is set now (a key from SEEDREAM_API_KEY stays)

    # ---- saving -----------------------------------------------------------------------------
    def _choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Library folder"), self.library.text())
        if folder:
            self.library.setText(folder)

    def save(self) -> None:
        if self.ark_key is not None:
            self.ark_key.store(self.session_only.isChecked())  # answered later, like the Runware key
        key = self.key_field.text().strip()
        if not key:
            self._save_settings(key_changed=False)
            return
        # Save waits for the keychain (it may be asking to be unlocked); Cancel still closes the dialog,
        # and the key's outcome is then said by the window.
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        session_only = self.session_only.isChecked()
        self._ask(lambda keys: store_key(keys, key, session_only), self._key_stored)

    def _key_stored(self, where: str | None, error: BaseException | None) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if error is not None:
            self._say(keychain_text(error))
        elif where == "no-keychain":
            self._show_keychain_missing(True)
            self._say(
                self.tr(
                    "There is no keychain to store the key in. Tick “keep for this session only” to use it until the app quits."
                )
            )
        elif not self._closed:
            self._save_settings(key_changed=True)
        else:
            self.keyChanged.emit()  # cancelled while waiting: the key is in, the other changes are not

    def _save_settings(self, *, key_changed: bool) -> None:
        old_url = str(self._settings.get("api_url"))
        values = {
            "api_url": self.api_url.text().strip(),
            "output_format": self.output_format.currentText(),
            "output_quality": self.quality.value(),
            "daily_budget_usd": self.budget.value(),
            "language": self.language.currentData() or "",
            "xmp_sidecars": self.sidecars.currentData() or "darktable",
            "xmp_in_files": self.in_files.isChecked(),
        }
        library = self.library.text().strip()
        if library and library != str(self._settings.library):
            values["library"] = library
        for name, value in values.items():
            if self._settings.get(name) != value:
                self._settings.set(name, value)
        if key_changed:
            self.keyChanged.emit()
        if values["api_url"] != old_url:
            self.connectionChanged.emit()
        if "library" in values:
            self.libraryChanged.emit()
        self.accept()

    def _say(self, text: str) -> None:
        if self._closed:
            self.keyProblem.emit(text)  # closed while the keychain was asked: the window's banner says it
            return
        self.problem.setText(text)
        self.problem.show()
