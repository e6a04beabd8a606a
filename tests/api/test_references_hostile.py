"""Reference preparation against hostile and odd files: refused at once by name, or made sendable; never a
hang, an endless read, a whole-file read before the size check, or a Pillow warning on stderr.

The suite runs with warnings as errors, so any warning that escapes prepare_reference fails these tests.
"""

from __future__ import annotations

import io
import os
import socket
import struct
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, TiffImagePlugin

from seedream_desktop.api import references
from seedream_desktop.api.references import (
    MAX_DECODE_PIXELS,
    RefusedReference,
    UnusableImage,
    prepare_bytes,
    prepare_reference,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and devices are POSIX")


def refused(path: Path) -> UnusableImage:
    with pytest.raises(UnusableImage) as caught:
        prepare_reference(path)
    assert caught.value.exit_code == 2 and caught.value.parameter == "referenceImages"
    return caught.value


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A few dozen bytes whose header claims ``width`` × ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


# ---- not files at all ----------------------------------------------------------------------------------
@posix_only
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "x.fifo"
    os.mkfifo(fifo)
    error = refused(fifo)
    assert isinstance(error, RefusedReference)
    assert str(error) == "“x.fifo” is not a regular file (it is a pipe), so it cannot be used as a reference."


@posix_only
def test_dev_zero_is_refused_without_reading() -> None:
    assert str(refused(Path("/dev/zero"))).startswith("“zero” is not a regular file (it is a device)")


@posix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.png"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    try:
        assert "(it is a socket)" in str(refused(path))
    finally:
        server.close()


def test_a_folder_named_x_png(tmp_path: Path) -> None:
    (tmp_path / "x.png").mkdir()
    assert "“x.png” is a folder, not a file" in str(refused(tmp_path / "x.png"))


def test_dangling_link_and_link_loop(tmp_path: Path) -> None:
    dangling, a, b = tmp_path / "gone.png", tmp_path / "a.png", tmp_path / "b.png"
    dangling.symlink_to(tmp_path / "elsewhere.png")
    a.symlink_to(b)
    b.symlink_to(a)
    assert "link to a file that no longer exists" in str(refused(dangling))
    assert "link that points back to itself" in str(refused(a))


def test_an_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.png").touch()
    assert (
        str(refused(tmp_path / "empty.png")) == "“empty.png” cannot be used as a reference: the file is empty"
    )


def test_a_sparse_2_gb_file_is_refused_from_stat_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = tmp_path / "poster.png"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)

    def no_read(*_args: object) -> bytes:
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(references, "read_regular", no_read)
    assert "larger than 30 MB" in str(refused(sparse))


# ---- pictures too large to decode ----------------------------------------------------------------------
def test_a_header_beyond_pillows_bomb_warning_is_refused_without_a_warning(tmp_path: Path) -> None:
    # 10 000² = 100 M pixels: Pillow warns (DecompressionBombWarning); under "warnings as errors" a
    # leaked warning fails this test. The outcome is a refusal naming the documented limit.
    path = tmp_path / "bomb.png"
    path.write_bytes(png_claiming(10_000, 10_000))
    assert "more than 25 million pixels" in str(refused(path))


def test_above_the_pixel_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    path.write_bytes(png_claiming(8_000, MAX_DECODE_PIXELS // 8_000 + 1))
    assert "more than 25 million pixels" in str(refused(path))


def test_a_jpeg_above_the_limit_is_decoded_at_a_reduced_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scaled down: a 400×300 JPEG against a 10 000-pixel limit and a 100 px long side stands for a
    # 12000² photo against the real ones. JPEG decodes at 1/4 scale for free instead of being refused.
    monkeypatch.setattr(references, "MAX_DECODE_PIXELS", 10_000)
    monkeypatch.setattr(references, "MAX_LONG_SIDE", 100)
    path = tmp_path / "big.jpg"
    Image.new("RGB", (400, 300), "orange").save(path, "JPEG")
    prepared = prepare_reference(path)
    assert max(prepared.width, prepared.height) <= 100
    assert prepared.converted
    png = tmp_path / "big.png"
    Image.new("RGB", (400, 300), "orange").save(png, "PNG")
    assert "more than 25 million pixels" in str(refused(png))  # no reduced decode for PNG


# ---- formats that are not plain pictures ---------------------------------------------------------------
def test_heic_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0mif1heic" + b"\0" * 64)
    assert "it is a HEIC photo, which Seedream cannot read" in str(refused(path))


def test_svg_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="99" height="99"/>')
    assert "it is a drawing (SVG)" in str(refused(path))


def test_formats_outside_the_list_are_not_decoded(tmp_path: Path) -> None:
    # Pillow would open this EPS (and run Ghostscript to draw it): references never reach that decoder.
    path = tmp_path / "art.eps"
    path.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n")
    assert "not a picture format Seedream can read" in str(refused(path))


def test_avif_is_converted_when_pillow_reads_it(tmp_path: Path) -> None:
    from PIL import features

    if not features.check("avif"):
        pytest.skip("this Pillow has no AVIF support")
    path = tmp_path / "photo.avif"
    Image.new("RGB", (64, 48), "green").save(path, "AVIF")
    prepared = prepare_reference(path)
    assert prepared.mime == "image/png" and (prepared.width, prepared.height) == (64, 48)


def _pointing_nowhere(data: bytes, text: bytes, start: int, endian: bytes) -> bytes:
    """``data`` with the offset of ``text`` (an IFD value) pointing far past the end of the file."""
    fmt = "<I" if endian == b"II" else ">I"
    at = data.find(struct.pack(fmt, data.find(text) - start), start)
    assert at > 0
    return data[:at] + struct.pack(fmt, 0xFFF0) + data[at + 4 :]


def test_corrupt_exif_warns_nowhere_and_costs_nothing(tmp_path: Path) -> None:
    # Pillow says "Truncated File Read" (a UserWarning) for both; under "warnings as errors" a leaked
    # one fails this test. The JPEG is still usable (its EXIF is only metadata), the TIFF is either
    # converted or refused by name.
    exif = Image.Exif()
    exif[0x010E] = "y" * 40
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "blue").save(buffer, "JPEG", exif=exif.tobytes())
    jpeg = buffer.getvalue()
    start = jpeg.find(b"Exif\0\0") + 6
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(_pointing_nowhere(jpeg, b"y" * 40, start, jpeg[start : start + 2]))
    prepared = prepare_reference(photo)
    assert prepared.mime == "image/jpeg" and b"Exif" not in prepared.data

    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[TiffImagePlugin.IMAGEDESCRIPTION] = "x" * 40
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "blue").save(buffer, "TIFF", tiffinfo=info)
    tiff = buffer.getvalue()
    scan = tmp_path / "scan.tif"
    scan.write_bytes(_pointing_nowhere(tiff, b"x" * 40, 0, tiff[:2]))
    try:
        assert prepare_reference(scan).mime == "image/png"
    except UnusableImage as error:
        assert "scan.tif" in str(error)


def test_sixteen_bit_palette_and_animated_are_all_plain_8_bit(tmp_path: Path) -> None:
    deep = tmp_path / "deep.png"
    Image.new("I;16", (40, 40), 40_000).save(deep)
    palette = tmp_path / "palette.png"
    Image.new("P", (40, 40), 3).save(palette)
    gif = tmp_path / "moving.gif"
    frames = [Image.new("P", (40, 40), i) for i in (1, 2)]
    frames[0].save(gif, save_all=True, append_images=frames[1:])
    for path in (deep, palette, gif):
        prepared = prepare_reference(path)
        assert Image.open(io.BytesIO(prepared.data)).mode in ("RGB", "L"), path.name


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 7 + b"\xff\xc0\x00\x11\x08\xff\xff\xff\xff",
        b"GIF89a\xff\xff\xff\xff" + b"\x00" * 20,
        b"RIFF\xff\xff\xff\xffWEBPVP8X" + b"\x00" * 20,
        b"BM" + b"\xff" * 60,
        b"II*\x00\x08\x00\x00\x00\xff\xff" + b"\x00" * 40,
    ],
    ids=["jpeg-huge-header", "gif-huge", "webp-lying-size", "bmp-garbage", "tiff-garbage"],
)
def test_hostile_headers_end_in_a_plain_refusal(data: bytes) -> None:
    with pytest.raises(UnusableImage) as caught:
        prepare_bytes(data, Path("hostile.img"))
    assert "hostile.img" in str(caught.value)


def test_palette_transparency_in_bytes_is_flattened_without_a_warning(tmp_path: Path) -> None:
    # Pillow warns "Palette images with Transparency expressed in bytes should be converted to RGBA".
    im = Image.new("P", (40, 40), 1)
    im.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    path = tmp_path / "sticker.png"
    im.save(path, transparency=bytes([0, 128] + [255] * 254))
    prepared = prepare_reference(path)
    with Image.open(io.BytesIO(prepared.data)) as sent:
        assert sent.mode == "RGB"
        red, _green, blue = sent.getpixel((5, 5))  # type: ignore[misc]
        assert blue > red  # colour 1 (blue), half transparent, on white
