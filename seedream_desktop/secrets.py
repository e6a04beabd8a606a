"""The Runware API key in the OS keychain (keyring), with a plain answer when there is no keychain.

Order of precedence: ``SEEDREAM_API_KEY`` (scripts and CI), a key kept for this session only (when the
user chose that because no keychain exists), then the keychain. The key is never written to a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors

from seedream_desktop.config import ENV_API_KEY
from seedream_desktop.redaction import remember_secret

SERVICE = "seedream-desktop"
ACCOUNT = "runware-api-key"
# One key per provider, each its own keychain entry and environment variable.
PROVIDERS: dict[str, tuple[str, str]] = {
    "runware": (ACCOUNT, ENV_API_KEY),
    "ark": ("ark-api-key", "SEEDREAM_ARK_API_KEY"),
}


@dataclass(frozen=True, slots=True)
class KeychainStatus:
    available: bool
    backend: str
    reason: str = ""


class KeyStore:
    """Reads and writes the API key; never logs it, never returns it inside a message."""

    def __init__(self, service: str = SERVICE, provider: str = "runware") -> None:
        self.service = service
        self.provider = provider
        self.account, self.env = PROVIDERS[provider]
        self._session_key: str | None = None

    # ---- what kind of keychain we have --------------------------------------------------------
    def status(self) -> KeychainStatus:
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        priority = getattr(backend, "priority", 0)
        # keyring's "fail" and "null" backends, or anything with priority < 1, store nothing safely.
        insecure = "fail" in name.lower() or "null" in name.lower() or "plaintext" in name.lower()
        try:
            viable = float(priority) >= 1 and not insecure
        except (TypeError, ValueError):
            viable = False
        if not viable:
            return KeychainStatus(
                False,
                name,
                "No system keychain (Secret Service, Keychain or Credential Manager) was found.",
            )
        return KeychainStatus(True, name)

    # ---- the key ------------------------------------------------------------------------------
    def get(self) -> str | None:
        key = self._read()
        remember_secret(key)  # whatever shows or writes text from now on masks it
        return key

    def _read(self) -> str | None:
        env = os.environ.get(self.env)
        if env:
            return env.strip()
        if self._session_key:
            return self._session_key
        if not self.status().available:
            return None
        try:
            return keyring.get_password(self.service, self.account) or None
        except keyring.errors.KeyringError:
            return None

    def source(self) -> str:
        """Where the key in use comes from: 'environment', 'session', 'keychain' or ''."""
        if os.environ.get(self.env):
            return "environment"
        if self._session_key:
            return "session"
        return "keychain" if self.get() else ""

    def set(self, key: str) -> None:
        """Store the key in the keychain; raises keyring.errors.KeyringError when there is none."""
        key = key.strip()
        if not key:
            raise ValueError("empty key")
        remember_secret(key)
        if not self.status().available:
            raise keyring.errors.NoKeyringError(self.status().reason)
        keyring.set_password(self.service, self.account, key)
        self._session_key = None

    def set_for_session(self, key: str) -> None:
        """Keep the key in memory only, for this run of the app (the user chose this: no keychain)."""
        self._session_key = key.strip() or None
        remember_secret(self._session_key)

    def clear(self) -> None:
        self._session_key = None
        if not self.status().available:
            return
        try:
            keyring.delete_password(self.service, self.account)
        except keyring.errors.PasswordDeleteError:
            pass
