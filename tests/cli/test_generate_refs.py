"""`seedream generate --ref FILE` and `seedream library show FILE` with files that cannot be used.

A refused reference is invalid input: exit 2 at once, a one-line message naming the file and why, then
what to do; nothing sent, nothing journalled. Never a hang (FIFO), an endless read (/dev/zero), a whole
read before the size check (2 GB sparse file) or a traceback (unreadable file, link loop).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.api import references
from seedream_desktop.api.references import UnreadableReference
from seedream_desktop.cli import main
from seedream_desktop.cli.generate import local_references
from seedream_desktop.config import Paths
from seedream_desktop.emulator import Emulator
from tests.as_nobody import as_nobody, locked_picture
from tests.library.make_images import save


@pytest.fixture
def locked_file() -> Iterator[Path]:
    with locked_picture() as path:
        yield path


KEY = "cli-test-key-0123456789"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices are POSIX")


@pytest.fixture
def api(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("SEEDREAM_API_URL", emulator.url)
    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    return emulator


def refused_run(api: Emulator, capsys: pytest.CaptureFixture[str], *refs: str) -> str:
    assert main(["generate", "a fox", "--size", "1K-1:1", *[a for r in refs for a in ("--ref", r)]]) == 2
    err = capsys.readouterr().err
    assert api.requests == []  # nothing sent, not even an upload
    assert not Paths.from_environment().journal_file.exists()  # no failed job left behind
    assert "Traceback" not in err and "Something went wrong" not in err
    return err


def test_an_empty_file_exits_2_naming_it_and_the_fix(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.png").touch()
    err = refused_run(api, capsys, str(tmp_path / "empty.png"))
    assert err.splitlines() == [
        "error: “empty.png” cannot be used as a reference: the file is empty",
        "Give --ref a PNG, JPEG or WEBP picture under 30 MB that you can read.",
    ]


@posix_only
def test_a_fifo_and_dev_zero_are_refused_at_once(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "x.fifo"
    os.mkfifo(fifo)
    err = refused_run(api, capsys, str(fifo), "/dev/zero")
    assert "error: “x.fifo” is not a regular file (it is a pipe), so it cannot be used as a reference." in err
    assert "error: “zero” is not a regular file (it is a device)" in err


def test_a_link_loop_and_a_folder_are_refused(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    a.symlink_to(b)
    b.symlink_to(a)
    (tmp_path / "dir.png").mkdir()
    err = refused_run(api, capsys, str(a), str(tmp_path / "dir.png"))
    assert "“a.png” is a link that points back to itself" in err
    assert "“dir.png” is a folder, not a file" in err


def test_a_sparse_2_gb_ref_is_refused_before_any_read(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = tmp_path / "poster.png"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)

    def no_read(*_args: object) -> bytes:
        raise AssertionError("read before the size check")

    monkeypatch.setattr(references, "read_regular", no_read)
    assert "“poster.png” cannot be used as a reference: the file is larger than 30 MB" in refused_run(
        api, capsys, str(sparse)
    )


def test_a_good_ref_goes_out_stripped_and_is_recorded_by_its_prepared_hash(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exif = Image.Exif()
    exif[0x013B] = "Jane Q. Owner"
    path = tmp_path / "brand.jpg"
    Image.new("RGB", (64, 64), "red").save(path, "JPEG", exif=exif)
    (reference,), refused = local_references([str(path)])
    assert refused == [] and reference.sha256 == references.prepare_reference(path).sha256
    assert main(["generate", "a set", "--size", "1K-1:1", "--ref", str(path)]) == 0
    uploads = [r["image"] for r in api.requests if r.get("taskType") == "imageUpload"]
    assert len(uploads) == 1
    import base64

    assert b"Jane Q. Owner" not in base64.b64decode(uploads[0].split(",", 1)[1])


def test_an_unreadable_ref_is_a_message_not_a_traceback(locked_file: Path) -> None:
    # Run as "nobody" (the suite runs as root, who may read anything): before, PermissionError, exit 1.
    def refuse() -> str:
        _, (error,) = local_references([str(locked_file)])
        return f"{type(error).__name__} {error.exit_code} {error}"

    assert as_nobody(refuse) == (
        "UnreadableReference 2 “locked.png” cannot be read: permission denied, so it cannot be used as a reference."
    )
    assert "readable" in UnreadableReference.remedy


# ---- library show ---------------------------------------------------------------------------------------
@posix_only
def test_library_show_refuses_a_fifo_and_a_link_loop(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save(library_dir / "fox.png", "a red fox", color=(1, 1, 1), seed=1, image_uuid="u-fox")
    fifo = library_dir / "x.png"
    os.mkfifo(fifo)
    a, b = library_dir / "a.png", library_dir / "b.png"
    a.symlink_to(b)
    b.symlink_to(a)
    assert main(["library", "show", str(fifo)]) == 2
    assert capsys.readouterr().err == "error: “x.png” is not a regular file (it is a pipe)\n"
    assert main(["library", "show", str(a)]) == 2
    assert capsys.readouterr().err == "error: “a.png” is a link that points back to itself\n"
    assert main(["library", "show", str(library_dir / "fox.png")]) == 0  # the library is still fine


def test_a_data_uri_ref_is_stripped_too(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    import base64
    import io

    exif = Image.Exif()
    exif[0x013B] = "Jane Q. Owner"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, "JPEG", exif=exif)
    uri = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
    assert main(["generate", "a set", "--size", "1K-1:1", "--ref", uri]) == 0
    task = next(r for r in api.requests if r.get("taskType") == "imageInference")
    (sent,) = task["inputs"]["referenceImages"]
    assert sent.startswith("data:image/jpeg;base64,")
    assert b"Jane Q. Owner" not in base64.b64decode(sent.split(",", 1)[1])


def test_a_broken_data_uri_ref_is_refused(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused_run(api, capsys, "data:image/png;base64,@@@")
    assert "“data URI” cannot be used as a reference: it is not a picture format Seedream can read" in err
