"""Permission tests that mean something when the suite runs as root (as `make test` in CI does).

Root reads a chmod-000 file without complaint, so only a process that really is another user shows
what a person sees. ``as_nobody`` runs a function in a forked child that has dropped to ``nobody``
(a fork, not a new interpreter: the venv's Python may live under /root, which nobody may enter).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def as_nobody(work: Callable[[], str]) -> str:
    """``work()``'s answer, computed as ``nobody``; the test is skipped where that is impossible."""
    if os.geteuid() != 0:
        pytest.skip("only root can become nobody; run the test as the file's owner instead")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to read as")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            try:
                answer = work()
            except BaseException as exc:  # reported to the parent, which fails the test with it
                answer = f"raised {type(exc).__name__}: {exc}"
            os.write(write_end, answer.encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    return answer


@contextlib.contextmanager
def locked_picture() -> Iterator[Path]:
    """A chmod-000 picture in a folder anyone may enter (tmp_path's parents are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="seedream-locked-"))
    folder.chmod(0o755)
    locked = folder / "locked.png"
    from PIL import Image

    Image.new("RGB", (32, 32), "gray").save(locked)
    locked.chmod(0o000)
    try:
        yield locked
    finally:
        locked.unlink()
        folder.rmdir()
