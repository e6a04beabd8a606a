"""SettingsDialog: the key is never shown, Test key asks the API, no keychain is said plainly, settings persist."""

from __future__ import annotations

import threading

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from seedream_desktop.config import Settings
from seedream_desktop.secrets import KeyStore
from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.settings_dialog import SettingsDialog
from tests.helpers.settings_dialog import MemoryKeyring, make_dialog, no_check

SECRET = "rw-settings-test-0123456789"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class LockedKeyring(MemoryKeyring):
    """A keychain waiting for the person to unlock it (GNOME Keyring's prompt): every call blocks until
    ``unlock`` is set."""

    def __init__(self, locked: bool = False) -> None:
        super().__init__()
        self.unlock = threading.Event()
        if not locked:  # keyring's chainer makes one of every backend class it knows: that one never waits
            self.unlock.set()

    def get_password(self, service: str, username: str) -> str | None:
        assert self.unlock.wait(10)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        assert self.unlock.wait(10)
        super().set_password(service, username, password)


def assert_not_in_any_file(root) -> None:  # type: ignore[no-untyped-def]
    for file in root.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


def test_a_stored_key_is_never_shown(qtbot, settings, use_keyring):
    backend = use_keyring(MemoryKeyring())
    keys = KeyStore()
    keys.set(SECRET)
    dialog = make_dialog(qtbot, settings, keys)
    assert dialog.key_field.text() == ""
    assert dialog.key_field.echoMode() == QLineEdit.EchoMode.Password
    assert "A key is set" in dialog.key_state.text()
    shown = " ".join(w.text() for w in dialog.findChildren(QLineEdit))
    assert SECRET not in shown and SECRET not in dialog.key_state.text()
    assert backend.secrets  # still there: opening the dialog changes nothing


def test_saving_a_new_key_puts_it_in_the_keychain(qtbot, settings, use_keyring):
    backend = use_keyring(MemoryKeyring())
    keys = KeyStore()
    dialog = make_dialog(qtbot, settings, keys)
    assert "No key is set" in dialog.key_state.text()
    qtbot.keyClicks(dialog.key_field, SECRET)
    with qtbot.waitSignal(dialog.keyChanged):
        dialog.save()
    assert keys.get() == SECRET and keys.source() == "keychain"
    assert list(backend.secrets.values()) == [SECRET]
    assert_not_in_any_file(settings.paths.config.parent)


def test_without_a_keychain_it_says_so_and_keeps_the_key_for_the_session_only(qtbot, settings, use_keyring):
    use_keyring(keyring.backends.fail.Keyring())
    keys = KeyStore()
    dialog = make_dialog(qtbot, settings, keys)
    dialog.show()
    assert dialog.keychain_warning.isVisible()
    assert "No system keychain" in dialog.keychain_warning.text()
    dialog.key_field.setText(SECRET)
    dialog.save()  # refused: the user did not choose "this session only"
    qtbot.waitUntil(dialog.problem.isVisible, timeout=10_000)
    assert "session only" in dialog.problem.text() and keys.get() is None
    assert dialog.isVisible()  # the dialog stays for the choice
    dialog.session_only.setChecked(True)
    with qtbot.waitSignal(dialog.keyChanged, timeout=10_000):
        dialog.save()
    assert keys.get() == SECRET and keys.source() == "session"
    assert_not_in_any_file(settings.paths.config.parent)


def test_test_key_calls_the_api_with_the_typed_key(
    qtbot, settings, use_keyring, make_bridge, emulator_factory
):
    use_keyring(MemoryKeyring())
    server = emulator_factory(api_keys={"good"})
    bridge = make_bridge(Connection("good", server.url))
    dialog = make_dialog(qtbot, settings, KeyStore(), bridge.check_key)
    dialog.api_url.setText(server.url)
    dialog.key_field.setText("good")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "works" in dialog.test_result.text(), timeout=10_000)
    dialog.key_field.setText("bad")
    dialog.test_key()
    qtbot.waitUntil(lambda: "✗" in dialog.test_result.text(), timeout=10_000)
    assert "did not accept" in dialog.test_result.text()


def test_other_settings_are_saved(qtbot, settings, use_keyring, tmp_path):
    use_keyring(MemoryKeyring())
    dialog = make_dialog(qtbot, settings, KeyStore())
    dialog.api_url.setText("http://127.0.0.1:9/v1")
    dialog.library.setText(str(tmp_path / "elsewhere"))
    dialog.output_format.setCurrentText("WEBP")
    dialog.quality.setValue(80)
    dialog.budget.setValue(2.5)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert "restarts" in " ".join(label.text() for label in dialog.findChildren(type(dialog.key_state)))
    with qtbot.waitSignal(dialog.connectionChanged):
        dialog.save()
    again = Settings(settings.paths)
    assert again.get("api_url") == "http://127.0.0.1:9/v1"
    assert again.get("library") == str(tmp_path / "elsewhere")
    assert (again.get("output_format"), again.get("output_quality")) == ("WEBP", 80)
    assert again.get("daily_budget_usd") == 2.5
    assert again.get("language") == "zh_CN"


def test_remove_key(qtbot, settings, use_keyring):
    backend = use_keyring(MemoryKeyring())
    keys = KeyStore()
    keys.set(SECRET)
    dialog = make_dialog(qtbot, settings, keys)
    with qtbot.waitSignal(dialog.keyChanged):
        qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert keys.get() is None and not backend.secrets
    qtbot.waitUntil(lambda: "No key is set" in dialog.key_state.text(), timeout=10_000)


def beats_during(qtbot, ms: int) -> int:  # type: ignore[no-untyped-def]
    """How many times a 10 ms timer fired on the GUI thread in ``ms``: about ms / 10 when nothing blocks it."""
    beats = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: beats.__setitem__(0, beats[0] + 1))
    timer.start(10)
    qtbot.wait(ms)
    timer.stop()
    return beats[0]


def test_a_locked_keychain_does_not_freeze_the_window_while_settings_open_and_save(
    qtbot, settings, use_keyring
):
    backend = use_keyring(LockedKeyring(locked=True))
    backend.secrets[("seedream-desktop", "runware-api-key")] = "rw-old"
    dialog = SettingsDialog(
        settings, KeyStore(), no_check
    )  # returns at once: the keychain is asked on its thread
    qtbot.addWidget(dialog)
    dialog.show()
    assert beats_during(qtbot, 200) >= 5  # the GUI thread runs while the keychain waits to be unlocked
    assert "Looking in the keychain" in dialog.key_state.text()
    backend.unlock.set()  # the person types the keychain password
    qtbot.waitUntil(lambda: "A key is set" in dialog.key_state.text(), timeout=10_000)

    backend.unlock.clear()  # locked again before the new key is saved
    dialog.key_field.setText(SECRET)
    dialog.save()
    assert beats_during(qtbot, 200) >= 5
    buttons = dialog.buttons
    assert not buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()  # no second save meanwhile
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).isEnabled()  # but never stuck open
    with qtbot.waitSignal(dialog.keyChanged, timeout=10_000):
        backend.unlock.set()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert backend.secrets[("seedream-desktop", "runware-api-key")] == SECRET


def test_closing_while_the_keychain_stores_the_key_still_stores_it_and_says_so(qtbot, settings, use_keyring):
    backend = use_keyring(LockedKeyring(locked=True))
    dialog = SettingsDialog(settings, KeyStore(), no_check)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.key_field.setText(SECRET)
    dialog.api_url.setText("http://127.0.0.1:9/v1")
    dialog.save()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the unlock prompt is somewhere else: give up waiting
    assert not dialog.isVisible()
    with qtbot.waitSignal(dialog.keyChanged, timeout=10_000):  # the window reconnects with the new key
        backend.unlock.set()
    assert backend.secrets[("seedream-desktop", "runware-api-key")] == SECRET
    assert Settings(settings.paths).get("api_url") != "http://127.0.0.1:9/v1"  # Esc dropped the rest


def test_closing_while_the_key_is_removed_still_tells_the_window(make_window, emulator, qtbot, use_keyring):
    backend = use_keyring(LockedKeyring(locked=True))
    backend.secrets[("seedream-desktop", "runware-api-key")] = SECRET
    backend.unlock.set()
    window = make_window(Connection(SECRET, emulator.url))
    dialog = window.open_settings()
    qtbot.waitUntil(dialog.clear_button.isEnabled, timeout=10_000)
    backend.unlock.clear()
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # closed (and released for deletion) before the keychain has removed it
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the main loop would
    backend.unlock.set()
    qtbot.waitUntil(lambda: window.bridge.connection is None, timeout=10_000)  # no longer used
    assert not backend.secrets


class RefusingKeyring(LockedKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        assert self.unlock.wait(10)
        raise keyring.errors.PasswordSetError("the keychain stayed locked")


def test_a_refusal_after_the_dialog_closed_is_said_in_the_window(make_window, qtbot, use_keyring):
    backend = use_keyring(RefusingKeyring(locked=True))
    backend.unlock.set()
    window = make_window(None)
    dialog = window.open_settings()
    qtbot.waitSignal(dialog.keychainAnswered, timeout=10_000).wait()
    backend.unlock.clear()
    dialog.key_field.setText(SECRET)
    dialog.save()
    dialog.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the main loop would
    backend.unlock.set()
    qtbot.waitUntil(lambda: "refused the key" in window.error_banner.text.text(), timeout=10_000)
    assert window.error_banner.isVisible() and SECRET not in window.error_banner.text.text()


def test_the_demo_chosen_while_the_keychain_is_read_for_a_reconnect_wins(make_window, qtbot, use_keyring):
    backend = use_keyring(LockedKeyring(locked=True))
    backend.secrets[("seedream-desktop", "runware-api-key")] = SECRET
    window = make_window(None)
    window.reconnect()  # a key was just saved: its read waits for the keychain to be unlocked
    window.enter_demo()  # meanwhile the person picks the demo
    qtbot.waitUntil(
        lambda: window.bridge.connection is not None and window.bridge.connection.demo, timeout=10_000
    )
    backend.unlock.set()
    qtbot.wait(300)  # the late answer arrives…
    assert window.bridge.connection.demo  # …and does not take the demo away


def test_errors_are_in_designer_words_and_no_label_is_clipped(qtbot, settings, use_keyring):
    import httpx
    import keyring.errors

    from tests.helpers.layout import clipped

    use_keyring(MemoryKeyring())
    dialog = make_dialog(qtbot, settings, KeyStore())
    dialog.api_url.setText("https://api.runware.example/v1")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog._tested(None, httpx.ConnectError("[Errno -2] Name or service not known"))
    text = dialog.test_result.text()
    assert (
        "Could not reach api.runware.example" in text and "Errno" not in text and "ConnectError" not in text
    )
    dialog._key_stored(None, keyring.errors.InitError("Failed to unlock the collection!"))
    assert "No keychain is available" in dialog.problem.text() and "InitError" not in dialog.problem.text()
    qtbot.wait(20)
    assert not clipped(dialog), clipped(dialog)
    # The error text sits below the line above it, not over it.
    above = dialog.problem.mapTo(dialog, dialog.problem.rect().topLeft()).y()
    form_bottom = dialog.language.mapTo(dialog, dialog.language.rect().bottomLeft()).y()
    assert above >= form_bottom
