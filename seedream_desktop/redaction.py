"""Keeps API keys out of everything the app shows, logs or writes.

A key is remembered here the moment it is read (keychain, environment, Settings, CLI prompt), and
``redact`` removes every remembered key from a text: server messages, error parameters, journal rows and
log records all pass through it. Process-wide on purpose: a log handler or an error printed by the CLI
cannot be handed the key (that would spread it further), yet must still hide it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

MASK = "***"
# Shorter values are not secrets worth hunting for, and masking them would shred ordinary words.
_MIN_SECRET = 8

_lock = threading.Lock()
_secrets: frozenset[str] = frozenset()


def remember_secret(value: str | None) -> None:
    """From now on, ``value`` is masked wherever ``redact`` looks."""
    global _secrets
    if not value or len(value) < _MIN_SECRET:
        return
    with _lock:
        _secrets = _secrets | {value}


def redact(text: str) -> str:
    """``text`` with every remembered secret replaced by ``***``."""
    current = _secrets  # one read: a key remembered meanwhile is caught next time
    if not current or not text:
        return text
    # Longest first, so a key that contains another is masked whole.
    for secret in sorted(current, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def redact_value(value: Any) -> Any:
    """``redact`` applied through strings, lists and mappings (a server's JSON, error parameters)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {redact_value(k): redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact_value(v) for v in value)
    return value


def forget_all_secrets() -> None:
    """For tests: start again with nothing remembered."""
    global _secrets
    with _lock:
        _secrets = frozenset()
