"""Record the thread of every library-index write and every send2trash call (issue 15: the window
writes SQLite and moves files to the trash off the GUI thread, the library page as the result grid)."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "BEGIN", "COMMIT")


class WriteLog:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []  # (what, thread name)
        self._lock = threading.Lock()

    def record(self, what: str) -> None:
        with self._lock:
            self.calls.append((what, threading.current_thread().name))

    def on_gui_thread(self) -> list[str]:
        main = threading.main_thread().name
        return [what for what, thread in self.calls if thread == main]

    def count(self, prefix: str) -> int:
        return sum(1 for what, _thread in self.calls if what.startswith(prefix))


class WatchedConnection:
    """A sqlite3.Connection whose writes (execute of a writing statement, commit) are recorded."""

    def __init__(self, conn: sqlite3.Connection, log: WriteLog) -> None:
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "_log", log)

    def _note(self, sql: str) -> None:
        verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if verb in WRITES:
            self._log.record(f"sqlite {verb}")

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._note(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._note(sql)
        return self._conn.executemany(sql, *args)

    def executescript(self, script: str) -> sqlite3.Cursor:
        self._note(script)
        return self._conn.executescript(script)

    def commit(self) -> None:
        self._log.record("sqlite COMMIT")
        self._conn.commit()

    def __enter__(self) -> WatchedConnection:
        self._conn.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._conn.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._conn, name, value)


def watch_library_writes(monkeypatch: pytest.MonkeyPatch) -> WriteLog:
    """From now on every Library opened records its index writes, and send2trash records its calls."""
    import send2trash

    from seedream_desktop.library import index, trash

    log = WriteLog()
    real_connect, real_send = index.connect, trash.send2trash

    def connect(*args: Any, **kwargs: Any) -> tuple[Any, bool]:
        conn, created = real_connect(*args, **kwargs)
        return WatchedConnection(conn, log), created

    def send(path: Any) -> None:
        log.record("send2trash")
        real_send(path)

    monkeypatch.setattr(index, "connect", connect)
    monkeypatch.setattr(trash, "send2trash", send)
    monkeypatch.setattr(send2trash, "send2trash", send)
    return log
