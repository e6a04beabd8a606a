"""Settings shows both keys: Runware's and BytePlus ModelArk's, each its own keychain account, each
set, removed and tested through the keychain thread; neither is ever shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from seedream_desktop.secrets import KeyStore
from seedream_desktop.ui.settings_dialog import SettingsDialog
from tests.helpers.settings_dialog import MemoryKeyring, no_check, wait_for_keychain

ARK_SECRET = "ark-settings-test-0123456789"
RUNWARE_SECRET = "rw-settings-test-0123456789"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_dialog(qtbot, settings, check_ark=None) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(
        settings, KeyStore(), no_check, ark_keys=KeyStore(provider="ark"), check_ark_key=check_ark
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ark_key.answered, timeout=10_000):
        wait_for_keychain(qtbot, dialog)
    return dialog


def test_settings_shows_and_stores_the_modelark_key(qtbot, settings, use_keyring):
    backend = use_keyring(MemoryKeyring())
    KeyStore().set(RUNWARE_SECRET)
    dialog = make_dialog(qtbot, settings)
    assert "A key is set" in dialog.key_state.text()
    assert "No ModelArk key is set" in dialog.ark_key.state.text()
    assert not dialog.ark_key.clear_button.isEnabled()
    qtbot.keyClicks(dialog.ark_key.field, ARK_SECRET)
    with qtbot.waitSignal(dialog.keyChanged, timeout=10_000):
        dialog.save()
    assert backend.secrets == {
        ("seedream-desktop", "runware-api-key"): RUNWARE_SECRET,
        ("seedream-desktop", "ark-api-key"): ARK_SECRET,
    }

    again = make_dialog(qtbot, settings)
    assert "A ModelArk key is set (in the system keychain)" in again.ark_key.state.text()
    shown = " ".join(w.text() + w.placeholderText() for w in again.findChildren(QLineEdit))
    assert ARK_SECRET not in shown and RUNWARE_SECRET not in shown
    assert again.ark_key.clear_button.isEnabled()
    with qtbot.waitSignal(again.keyChanged, timeout=10_000):
        again.ark_key.clear_button.click()
    qtbot.waitUntil(lambda: "No ModelArk key is set" in again.ark_key.state.text(), timeout=10_000)
    assert backend.secrets == {("seedream-desktop", "runware-api-key"): RUNWARE_SECRET}


def test_the_modelark_key_is_tested_with_its_own_check(qtbot, settings, use_keyring):
    use_keyring(MemoryKeyring())
    KeyStore(provider="ark").set(ARK_SECRET)
    asked: list[str] = []

    def check(key, done):  # type: ignore[no-untyped-def]
        asked.append(key)
        done(None, None)

    dialog = make_dialog(qtbot, settings, check)
    dialog.ark_key.test_button.click()  # the stored key, read on the keychain thread
    qtbot.waitUntil(lambda: "works" in dialog.ark_key.test_result.text(), timeout=10_000)
    assert asked == [ARK_SECRET]
