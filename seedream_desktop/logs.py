"""One logging configuration for the window and the command line: a rotating log file in the data folder.

The person's messages go where they always did (the window's notices, the CLI's stderr); this file gets
the details behind them, for a bug report. Every record passes ``RedactKey`` on its way in, so the API key
never reaches the file, whoever logged it and however (in the message, its arguments or a traceback).
Qt-free: the window adds Qt's own messages (ui/qt_log.py) and unhandled exceptions (ui/unhandled.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.redaction import redact

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

    from seedream_desktop.config import Paths

APP_LOGGER = "seedream_desktop"  # every module's logging.getLogger(__name__) is below it
ENV_LEVEL = "SEEDREAM_LOG_LEVEL"
DEFAULT_LEVEL = logging.INFO
MAX_BYTES = 1024 * 1024  # 1 MB per file, five kept: enough for a bug report, never a disk hog
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_file(paths: Paths) -> Path:
    return paths.data / "logs" / "seedream.log"


class RedactKey(logging.Filter):
    """Masks every remembered key (redaction.py) in a record's final text, traceback and stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The message is formatted here, once, with its arguments: a key passed as an argument (or inside
        # an object whose str() holds it) is caught as surely as one in the message itself.
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, the handler reports the rest
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def level_from_environment() -> int:
    """SEEDREAM_LOG_LEVEL as a name (debug, INFO …) or a number; anything else means the default."""
    value = os.environ.get(ENV_LEVEL, "").strip()
    if value.isdigit():
        return int(value)
    level = logging.getLevelName(value.upper()) if value else None
    return level if isinstance(level, int) else DEFAULT_LEVEL


# The handler configure() made, and the app logger's level before it (restored by shutdown()).
_installed: tuple[RotatingFileHandler, int] | None = None


def configure(paths: Paths) -> Path | None:
    """Send the app's records (and its libraries' warnings) to ``log_file(paths)``; returns its path,
    or None when the data folder cannot hold it (then nothing is logged, and nothing else breaks).

    Calling it again (the CLI in tests, a changed SEEDREAM_HOME) replaces the file handler it made before.
    """
    global _installed
    # Rotation is imported here, not at the top: its module pulls in socket, pickle and queue, which
    # the first frame need not wait for (the window calls this before it is shown).
    from logging.handlers import RotatingFileHandler

    shutdown()
    path = log_file(paths)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    # delay: the file is opened by the first record, so a run that logs nothing never touches it.
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    handler.addFilter(RedactKey())
    handler.setFormatter(logging.Formatter(FORMAT))
    # On the root logger, so other libraries' warnings (the root's default level) are kept too; our own
    # records at the level asked for.
    logging.getLogger().addHandler(handler)
    ours = logging.getLogger(APP_LOGGER)
    _installed = (handler, ours.level)
    ours.setLevel(level_from_environment())
    return path


def shutdown() -> None:
    """Remove and close the handler ``configure`` made (tests call it between cases)."""
    global _installed
    installed, _installed = _installed, None
    if installed is None:
        return
    handler, level_before = installed
    logging.getLogger().removeHandler(handler)
    logging.getLogger(APP_LOGGER).setLevel(level_before)
    handler.close()


def current_log_file() -> Path | None:
    """The file ``configure`` writes to, for the messages that point a person at it."""
    if _installed is None:
        return None
    return Path(_installed[0].baseFilename)
