"""Small pieces around the byte sink a download streams into: disk-error tracking and an owner lock."""

from __future__ import annotations

from typing import IO, Any


class GuardedSink:
    """Passes writes through and remembers an OSError raised by the disk.

    The HTTP client may wrap whatever the sink raises in its own error type; this keeps the original,
    so a full disk is reported as a full disk and not as a network failure.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return int(self.inner.write(data) or len(data))
        except OSError as exc:
            self.error = exc
            raise

    def finish(self) -> Any:
        try:
            return self.inner.finish()
        except OSError as exc:
            self.error = exc
            raise

    def tell(self) -> int:
        return int(self.inner.tell())

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self.inner.seek(offset, whence))

    def truncate(self, size: int | None = None) -> int:
        return int(self.inner.truncate() if size is None else self.inner.truncate(size))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def lock_exclusive(handle: IO[bytes]) -> None:
    """Mark a temp file as owned by a live process (POSIX advisory lock; gone when the process dies)."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted there, which protects it the same way
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def is_abandoned(path: str) -> bool:
    """True when no live process holds the lock on this temp file (its writer crashed)."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        with open(path, "rb") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            return True
    except FileNotFoundError:
        return False
