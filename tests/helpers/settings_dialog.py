"""Opening the settings dialog on a test keyring (the use_keyring fixture)."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from seedream_desktop.config import Paths, Settings
from seedream_desktop.ui.settings_dialog import SettingsDialog


@pytest.fixture
def use_keyring():
    previous = keyring.get_keyring()

    def use(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


@pytest.fixture
def settings() -> Settings:
    return Settings(Paths.from_environment())


def no_check(*_args):  # type: ignore[no-untyped-def]
    raise AssertionError("the API was not supposed to be called")


def make_dialog(qtbot, settings, keys, check=no_check) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(settings, keys, check)
    qtbot.addWidget(dialog)
    wait_for_keychain(qtbot, dialog)
    return dialog


def wait_for_keychain(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    # The dialog asks the keychain thread what is stored as it opens; the answer comes through the loop.
    assert "Looking in the keychain" in dialog.key_state.text()
    qtbot.waitSignal(dialog.keychainAnswered, timeout=10_000).wait()


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keychain that keeps secrets in memory: stands in for the OS one (the real one: test_keychain.py)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)
