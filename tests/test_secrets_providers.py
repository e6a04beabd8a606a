"""One key per provider: Runware's and ModelArk's keys never stand in for each other."""

from __future__ import annotations

import os
import uuid

import keyring
import pytest

from seedream_desktop.secrets import KeyStore

needs_bus = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session bus: run under `dbus-run-session -- scripts/with-keyring.sh` (make test does)",
)


def test_each_provider_reads_its_own_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDREAM_API_KEY", "runware-key")
    monkeypatch.delenv("SEEDREAM_ARK_API_KEY", raising=False)
    ark = KeyStore(service=f"seedream-test-{uuid.uuid4().hex[:8]}", provider="ark")
    assert KeyStore().get() == "runware-key"
    assert ark.source() != "environment"
    monkeypatch.setenv("SEEDREAM_ARK_API_KEY", "ark-key")
    assert ark.get() == "ark-key" and ark.source() == "environment"
    assert KeyStore().get() == "runware-key"


@pytest.mark.keychain
@needs_bus
def test_two_keychain_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    monkeypatch.delenv("SEEDREAM_API_KEY", raising=False)
    monkeypatch.delenv("SEEDREAM_ARK_API_KEY", raising=False)
    service = f"seedream-test-{uuid.uuid4().hex[:8]}"
    runware, ark = KeyStore(service=service), KeyStore(service=service, provider="ark")
    try:
        runware.set("r-key")
        ark.set("a-key")
        assert (runware.get(), ark.get()) == ("r-key", "a-key")
        ark.clear()
        assert (runware.get(), ark.get()) == ("r-key", None)
    finally:
        runware.clear()
        ark.clear()
        keyring.set_keyring(previous)
