"""What the Settings dialog says when a key test or the keychain fails: the designer's words, never an
exception's class name or an errno ("ConnectError: [Errno -2] Name or service not known")."""

from __future__ import annotations

from urllib.parse import urlsplit

import keyring.errors
from PySide6.QtCore import QCoreApplication

from seedream_desktop.api.errors import NetworkError, SeedreamError
from seedream_desktop.ui.messages import error_text

CONTEXT = "SettingsErrors"
# Words in a low-level error that mean the address could not be reached (DNS, refused, unreachable).
UNREACHABLE = ("Errno", "ConnectError", "ConnectTimeout", "Name or service not known", "nodename nor servname",
               "getaddrinfo", "Connection refused", "Network is unreachable", "timed out")  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def reach_text(url: str) -> str:
    host = urlsplit(url).hostname or url or "?"
    return _tr("Could not reach {0}: check the address or your network.").format(host)


def test_failure_text(error: BaseException, url: str) -> str:
    """A key test that failed, in one line."""
    if isinstance(error, NetworkError) or _unreachable(error):
        return reach_text(url)
    if isinstance(error, SeedreamError):
        return error_text(error)
    return _tr("The key could not be tested. Check the address, then try again.")


def keychain_text(error: BaseException) -> str:
    """The keychain failed to store, read or remove the key."""
    if isinstance(error, keyring.errors.InitError | keyring.errors.NoKeyringError):
        return _tr(
            "No keychain is available: start your system's keychain (GNOME Keyring, KWallet) "
            "or keep the key for this session only."
        )
    if isinstance(error, keyring.errors.KeyringError):
        return _tr("The keychain refused the key: unlock the keychain, then try again.")
    return _tr("The keychain could not be used: unlock it or keep the key for this session only.")


def _unreachable(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        text = f"{type(seen).__name__}: {seen}"
        if isinstance(seen, OSError) or any(word in text for word in UNREACHABLE):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
