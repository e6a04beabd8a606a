"""The settings dialog against a REAL Secret Service (gnome-keyring on a private D-Bus session bus).

`make test` runs pytest inside dbus-run-session with an unlocked gnome-keyring (scripts/with-keyring.sh).
"""

from __future__ import annotations

import os
import uuid

import keyring
import pytest
from keyring.backends import SecretService

from seedream_desktop.config import Paths, Settings
from seedream_desktop.secrets import KeyStore
from seedream_desktop.ui.settings_dialog import SettingsDialog

pytestmark = [
    pytest.mark.keychain,
    pytest.mark.skipif(
        not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
        reason="no D-Bus session bus: run under `dbus-run-session -- scripts/with-keyring.sh` (make test does)",
    ),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def secret_service():
    previous = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def keys(secret_service):
    store = KeyStore(service=f"seedream-desktop-test-{uuid.uuid4().hex[:8]}")  # never the user's real entry
    yield store
    store.clear()


def test_the_dialog_stores_the_key_in_the_secret_service_and_never_shows_it(qtbot, keys, secret_service):
    secret = f"rw-{uuid.uuid4().hex}"
    settings = Settings(Paths.from_environment())
    assert keys.status().available, keys.status().reason
    dialog = SettingsDialog(settings, keys, lambda *a: None)
    qtbot.addWidget(dialog)
    dialog.key_field.setText(secret)
    with qtbot.waitSignal(dialog.keyChanged, timeout=20_000):  # stored on the keychain thread
        dialog.save()
    assert secret_service.get_password(keys.service, "runware-api-key") == secret
    again = SettingsDialog(settings, keys, lambda *a: None)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: "system keychain" in again.key_state.text(), timeout=20_000)
    assert again.key_field.text() == ""
    with qtbot.waitSignal(again.keyChanged, timeout=20_000):
        again.clear_key()
    assert secret_service.get_password(keys.service, "runware-api-key") is None


def test_the_modelark_key_is_its_own_secret_service_entry(qtbot, keys, secret_service):
    ark = KeyStore(service=keys.service, provider="ark")
    secret = f"ark-{uuid.uuid4().hex}"
    settings = Settings(Paths.from_environment())
    dialog = SettingsDialog(settings, keys, lambda *a: None, ark_keys=ark)
    qtbot.addWidget(dialog)
    dialog.ark_key.field.setText(secret)
    try:
        with qtbot.waitSignal(dialog.keyChanged, timeout=20_000):
            dialog.save()
        assert secret_service.get_password(keys.service, "ark-api-key") == secret
        assert secret_service.get_password(keys.service, "runware-api-key") is None  # the other account
    finally:
        ark.clear()
