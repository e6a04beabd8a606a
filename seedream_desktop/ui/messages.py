"""Core errors in the designer's words: translated text, the remedy, and which way out to offer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from seedream_desktop.api.errors import (
    BudgetExceeded,
    InvalidApiKey,
    NetworkError,
    NoCredits,
    SeedreamError,
)

TOP_UP_URL = "https://my.runware.ai/wallet"


def error_text(error: BaseException) -> str:
    """The error's template in the user's language, filled in with its parameters."""
    if isinstance(error, SeedreamError):
        template = QCoreApplication.translate("Errors", error.template)
        try:
            return template.format(**error.params)
        except (KeyError, IndexError, ValueError):
            return error.message  # a translation with a broken placeholder must not hide the error
    return str(error) or type(error).__name__


def remedy_text(error: BaseException) -> str:
    remedy = getattr(error, "remedy", "")
    return QCoreApplication.translate("Errors", remedy) if remedy else ""


def way_out(error: BaseException | None) -> str:
    """'settings' (fix the key or budget), 'top-up' (buy credits), 'offline' (wait) or '' (retry/none)."""
    if isinstance(error, InvalidApiKey | BudgetExceeded):
        return "settings"
    if isinstance(error, NoCredits):
        return "top-up"
    if isinstance(error, NetworkError):
        return "offline"
    return ""
