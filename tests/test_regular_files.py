"""regular_files: whatever a person names, only a regular file is read, its size checked before, the read bounded.

Every hostile file is made at test time: a FIFO (an open for reading blocks until a writer comes), a
listening socket, the devices /dev/zero (endless) and /dev/null, a folder named like a picture, a
dangling link, a link loop, an unreadable file, an empty one, one over the cap and a 2 GB sparse one.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedream_desktop import regular_files
from seedream_desktop.regular_files import (
    PERMISSION_DENIED,
    RefusedFile,
    absolute,
    check_regular,
    read_regular,
)
from tests.as_nobody import as_nobody, locked_picture


@pytest.fixture
def locked_file() -> Iterator[Path]:
    with locked_picture() as path:
        yield path


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and devices are POSIX")
CAP = 1024


def refusal(path: Path, max_bytes: int = CAP) -> str:
    with pytest.raises(RefusedFile) as caught:
        read_regular(path, max_bytes)
    assert caught.value.path == Path(path)
    return str(caught.value)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "x.png"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.png"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    try:
        yield path
    finally:
        server.close()


def test_a_fifo_is_refused_at_once_as_a_pipe(fifo: Path) -> None:
    # Without the check this open would block for ever (no writer ever comes).
    assert refusal(fifo) == "“x.png” is not a regular file (it is a pipe)"
    with pytest.raises(RefusedFile, match="pipe"):
        check_regular(fifo)


def test_a_socket_is_refused(unix_socket: Path) -> None:
    assert refusal(unix_socket) == "“s.png” is not a regular file (it is a socket)"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_without_reading(device: str) -> None:
    # /dev/zero never ends: a read without the check grows until memory runs out.
    assert refusal(Path(device)) == f"“{Path(device).name}” is not a regular file (it is a device)"


def test_a_folder_named_like_a_picture(tmp_path: Path) -> None:
    (tmp_path / "x.png").mkdir()
    assert refusal(tmp_path / "x.png") == "“x.png” is a folder, not a file"


def test_a_dangling_link_says_so_not_that_nothing_is_there(tmp_path: Path) -> None:
    link = tmp_path / "photo.jpg"
    link.symlink_to(tmp_path / "moved-away.jpg")
    assert refusal(link) == "“photo.jpg” is a link to a file that no longer exists"
    assert refusal(tmp_path / "never.jpg") == "“never.jpg” does not exist"


def test_a_link_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    a.symlink_to(b)
    b.symlink_to(a)
    assert refusal(a) == "“a.png” is a link that points back to itself"
    # Making it absolute for a hand-over or the tray does not raise (Path.resolve raises RuntimeError).
    assert absolute(a).name == "a.png" and absolute(a).is_absolute()


def test_an_empty_file_is_read_as_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.touch()
    assert read_regular(empty, CAP) == b""  # what the caller makes of it is the caller's word


def test_the_cap_is_inclusive(tmp_path: Path) -> None:
    exact, over = tmp_path / "exact.bin", tmp_path / "over.bin"
    exact.write_bytes(b"x" * CAP)
    over.write_bytes(b"x" * (CAP + 1))
    assert read_regular(exact, CAP) == b"x" * CAP
    assert refusal(over) == "“over.bin” is too large"


def test_a_sparse_2_gb_file_is_refused_from_stat_without_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = tmp_path / "huge.tif"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)

    def no_open(*_args: object, **_kwargs: object) -> int:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(regular_files.os, "open", no_open)
    assert refusal(sparse, 30 * 1024 * 1024) == "“huge.tif” is too large"


def test_a_fifo_swapped_in_after_the_check_cannot_hang_the_read(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race: stat saw a regular file, then a FIFO took its name. The non-blocking open returns at
    # once and the descriptor's own fstat refuses it.
    monkeypatch.setattr(regular_files, "check_regular", lambda path, max_bytes=None: None)
    assert refusal(fifo) == "“x.png” is not a regular file (it is a pipe)"


def test_a_nul_in_the_name(tmp_path: Path) -> None:
    assert refusal(Path(f"{tmp_path}/bad\0name.png")).endswith("is not a usable file name")


# ---- permissions: an unreadable file ----------------------------------------------------------------
def _read_as_nobody(path: Path) -> str:
    def read() -> str:
        try:
            read_regular(path, CAP)
        except RefusedFile as refused:
            return refused.reason
        return "read"

    return as_nobody(read)


def test_an_unreadable_file_is_refused_as_permission_denied(locked_file: Path) -> None:
    if os.geteuid() == 0:
        assert _read_as_nobody(locked_file) == PERMISSION_DENIED
        # And a readable file in the same folder is read by the same unprivileged child.
        locked_file.chmod(0o644)
        assert _read_as_nobody(locked_file) == "read"
        locked_file.chmod(0o000)
    else:
        assert refusal(locked_file) == "“locked.png” cannot be read: permission denied"
