"""Pillow's warnings as handled outcomes: drawn when possible, refused above the documented pixel limit.

The suite turns every warning into an error, so a Pillow warning reaching the caller fails these tests.
"""

from __future__ import annotations

import logging
import struct
import threading
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.library import pictures
from seedream_desktop.library.metadata.exif import EXIF_HEADER
from seedream_desktop.library.metadata.jpeg import APP1, segment
from seedream_desktop.library.pictures import PictureTooLarge, open_picture, pillow_warnings_handled
from seedream_desktop.library.thumbnails import ThumbnailCache, render
from tests.library.make_images import pixels


@pytest.fixture
def cache(tmp_path: Path) -> ThumbnailCache:
    return ThumbnailCache(tmp_path / "thumbs")


def _jpeg_with_corrupt_exif(path: Path) -> Path:
    # IFD0 with an ImageDescription of 1000 bytes at an offset past the block's end: Pillow warns
    # "Possibly corrupt EXIF data" when it reads the EXIF (for the orientation).
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHII", 0x010E, 2, 1000, 5000) + struct.pack(">I", 0)
    jpeg = pixels((64, 48), fmt="JPG")
    path.write_bytes(jpeg[:2] + segment(APP1, EXIF_HEADER + tiff) + jpeg[2:])
    return path


def test_a_damaged_exif_is_drawn_as_stored(tmp_path: Path) -> None:
    path = _jpeg_with_corrupt_exif(tmp_path / "exif.jpg")
    with pytest.warns(UserWarning), Image.open(path) as image:  # what Pillow does on its own
        image.getexif()
    thumbnail = render(path, 256)
    assert thumbnail[:4] == b"RIFF"


def test_a_picture_over_pillows_bomb_limit_is_drawn_when_under_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pillow's limit lowered so a 40×40 JPEG stands for a 12000×12000 one (its warning, not its error).
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = tmp_path / "big.jpg"
    path.write_bytes(pixels((40, 40), fmt="JPG"))
    with pytest.warns(Image.DecompressionBombWarning), Image.open(path):
        pass
    assert render(path, 256)[:4] == b"RIFF"


def test_a_picture_over_our_limit_is_refused_with_a_reason(
    cache: ThumbnailCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pictures, "LARGEST_PICTURE", 3_000_000)
    path = tmp_path / "huge.png"
    # A real PNG header claiming 2000×2000: refused from its size alone, before any pixel is decoded.
    data = pixels((2000, 2000), fmt="PNG")
    path.write_bytes(data)
    with pytest.raises(PictureTooLarge) as refused:
        render(path, 256)
    assert "huge.png is 4 megapixels, more than the 3" in str(refused.value)
    with caplog.at_level(logging.INFO, logger="seedream_desktop.library.thumbnails"):
        assert cache.get_or_make(path, "huge", 256) == cache.placeholder(256)
    assert "huge.png is 4 megapixels" in caplog.text


def test_a_png_beyond_pillows_own_hard_limit_is_refused_as_too_large(tmp_path: Path) -> None:
    data = bytearray(pixels((32, 32), fmt="PNG"))
    data[16:24] = struct.pack(">II", 100_000, 100_000)  # IHDR's size, and its CRC to match
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    path = tmp_path / "bomb.png"
    path.write_bytes(bytes(data))
    with pytest.raises(PictureTooLarge), open_picture(path):
        pass


def test_other_formats_are_not_decoded(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    Image.new("RGB", (8, 8)).save(path, "BMP")
    with pytest.raises(Image.UnidentifiedImageError), open_picture(path):
        pass


def test_threads_leave_the_warning_filters_as_they_found_them() -> None:
    before = list(warnings.filters)
    barrier = threading.Barrier(8)

    def use() -> None:
        barrier.wait()
        for _ in range(50):
            with pillow_warnings_handled():
                pass

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert warnings.filters == before
