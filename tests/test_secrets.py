"""KeyStore: environment first, then a session-only key, then the keychain — a real Secret Service here."""

from __future__ import annotations

import os
import uuid

import keyring
import keyring.backends.fail
import pytest

from seedream_desktop.secrets import KeyStore

needs_bus = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session bus: run under `dbus-run-session -- scripts/with-keyring.sh` (make test does)",
)


@pytest.fixture
def backend():
    previous = keyring.get_keyring()

    def use(chosen):  # type: ignore[no-untyped-def]
        keyring.set_keyring(chosen)
        return chosen

    yield use
    keyring.set_keyring(previous)


@pytest.fixture
def store() -> KeyStore:
    return KeyStore(service=f"seedream-desktop-test-{uuid.uuid4().hex[:8]}")


@pytest.mark.keychain
@needs_bus
def test_round_trip_through_the_secret_service(backend, store):
    from keyring.backends import SecretService

    service = backend(SecretService.Keyring())
    secret = f"rw-{uuid.uuid4().hex}"
    try:
        assert store.status().available, store.status().reason
        assert store.get() is None
        store.set(secret)
        assert service.get_password(store.service, "runware-api-key") == secret
        assert KeyStore(service=store.service).get() == secret  # a new process-wide reader sees it
        assert store.source() == "keychain"
    finally:
        store.clear()
    assert store.get() is None and store.source() == ""


def test_no_keychain_is_reported_and_nothing_is_stored(backend, store):
    backend(keyring.backends.fail.Keyring())
    status = store.status()
    assert not status.available and "No system keychain" in status.reason
    with pytest.raises(keyring.errors.KeyringError):
        store.set("rw-anything")
    store.set_for_session("rw-session")
    assert store.get() == "rw-session" and store.source() == "session"
    store.clear()
    assert store.get() is None


def test_the_environment_wins_and_is_never_stored(backend, store, monkeypatch):
    backend(keyring.backends.fail.Keyring())
    monkeypatch.setenv("SEEDREAM_API_KEY", "  rw-from-env \n")
    assert store.get() == "rw-from-env"
    assert store.source() == "environment"


def test_an_empty_key_is_refused(backend, store):
    backend(keyring.backends.fail.Keyring())
    with pytest.raises(ValueError):
        store.set("   ")
