"""Reference preparation: the odd files designers really drop in, made sendable or refused in plain words."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.api.references import (
    MAX_FILE_BYTES,
    MAX_LONG_SIDE,
    UnusableImage,
    prepare_reference,
)


def saved(path: Path, im: Image.Image, fmt: str, **options: object) -> Path:
    im.save(path, fmt, **options)
    return path


def reopen(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def test_plain_jpeg_passes_through_byte_for_byte(tmp_path: Path) -> None:
    path = saved(tmp_path / "photo.jpg", Image.new("RGB", (64, 48), "teal"), "JPEG", quality=90)
    prepared = prepare_reference(path)
    assert prepared.data == path.read_bytes()
    assert (prepared.mime, prepared.width, prepared.height, prepared.converted) == (
        "image/jpeg",
        64,
        48,
        False,
    )
    assert len(prepared.sha256) == 64


def test_plain_png_and_webp_pass_through(tmp_path: Path) -> None:
    png = saved(tmp_path / "a.png", Image.new("L", (40, 40), 128), "PNG")
    webp = saved(tmp_path / "b.webp", Image.new("RGB", (40, 40), "red"), "WEBP")
    assert prepare_reference(png).data == png.read_bytes()
    assert prepare_reference(webp).mime == "image/webp"


def test_cmyk_jpeg_becomes_rgb_png(tmp_path: Path) -> None:
    path = saved(tmp_path / "print.jpg", Image.new("CMYK", (50, 30), (0, 255, 255, 0)), "JPEG")
    prepared = prepare_reference(path)
    assert prepared.mime == "image/png"
    assert prepared.converted
    im = reopen(prepared.data)
    assert im.mode == "RGB"
    red, green, blue = im.getpixel((25, 15))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60


def test_16_bit_greyscale_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    im16 = Image.new("I;16", (32, 32), 32768)  # mid grey in 16 bits
    path = saved(tmp_path / "scan.png", im16, "PNG")
    im = reopen(prepare_reference(path).data)
    assert im.mode == "L"
    assert 120 <= im.getpixel((0, 0)) <= 135  # type: ignore[operator]


def test_16_bit_rgb_png_is_converted(tmp_path: Path) -> None:
    # Pillow cannot write 48-bit RGB PNGs, so build one by hand: IHDR with bit depth 16, colour type 2.
    width = height = 16
    raw = b"".join(b"\x00" + b"\xff\xff\x00\x00\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path = tmp_path / "deep.png"
    path.write_bytes(png)
    prepared = prepare_reference(path)
    assert prepared.converted
    im = reopen(prepared.data)
    assert im.mode == "RGB"
    assert im.getpixel((0, 0)) == (255, 0, 0)


def test_rgba_is_flattened_onto_white(tmp_path: Path) -> None:
    im = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    im.paste((0, 0, 255, 255), (0, 0, 10, 20))
    prepared = prepare_reference(saved(tmp_path / "logo.png", im, "PNG"))
    flat = reopen(prepared.data)
    assert flat.mode == "RGB"
    assert flat.getpixel((15, 10)) == (255, 255, 255)
    assert flat.getpixel((5, 10)) == (0, 0, 255)


def test_palette_with_transparency(tmp_path: Path) -> None:
    im = Image.new("P", (20, 20), 0)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    im.paste(1, (0, 0, 10, 20))
    path = saved(tmp_path / "icon.png", im, "PNG", transparency=0)
    flat = reopen(prepare_reference(path).data)
    assert flat.getpixel((15, 10)) == (255, 255, 255)
    assert flat.getpixel((5, 10)) == (255, 0, 0)


def test_animated_gif_keeps_the_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (24, 24), colour) for colour in ("lime", "blue", "red")]
    path = tmp_path / "loop.gif"
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    prepared = prepare_reference(path)
    im = reopen(prepared.data)
    assert prepared.mime == "image/png"
    assert getattr(im, "n_frames", 1) == 1
    assert im.convert("RGB").getpixel((5, 5)) == (0, 255, 0)


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    im = Image.new("RGB", (60, 20), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = saved(tmp_path / "phone.jpg", im, "JPEG", exif=exif.tobytes())
    prepared = prepare_reference(path)
    assert (prepared.width, prepared.height) == (20, 60)
    assert prepared.converted


def test_oversized_image_is_scaled_to_the_long_side_limit(tmp_path: Path) -> None:
    path = saved(tmp_path / "huge.png", Image.new("L", (MAX_LONG_SIDE * 2, 1024), 200), "PNG")
    prepared = prepare_reference(path)
    assert (prepared.width, prepared.height) == (MAX_LONG_SIDE, 512)
    assert reopen(prepared.data).size == (MAX_LONG_SIDE, 512)


def test_corrupt_bytes_are_refused_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    good = io.BytesIO()
    Image.new("RGB", (200, 200), "red").save(good, "JPEG")
    path.write_bytes(good.getvalue()[:300])
    with pytest.raises(UnusableImage) as caught:
        prepare_reference(path)
    assert "broken.jpg" in str(caught.value)
    assert "damaged" in str(caught.value)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("hello, this is text")
    with pytest.raises(UnusableImage, match="picture format"):
        prepare_reference(path)


def test_decompression_bomb_header_is_refused(tmp_path: Path) -> None:
    # A tiny PNG whose header claims 100 000 × 100 000 pixels.
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(png)
    with pytest.raises(UnusableImage, match="more than 25 million pixels"):
        prepare_reference(path)


def test_file_over_30_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "poster.tif"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(UnusableImage, match="30 MB"):
        prepare_reference(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnusableImage, match=r"“gone\.png” does not exist"):
        prepare_reference(tmp_path / "gone.png")


def test_too_thin_and_too_small(tmp_path: Path) -> None:
    with pytest.raises(UnusableImage, match="too small"):
        prepare_reference(saved(tmp_path / "dot.png", Image.new("RGB", (10, 10)), "PNG"))
    with pytest.raises(UnusableImage, match="long and thin"):
        prepare_reference(saved(tmp_path / "line.png", Image.new("RGB", (1700, 100)), "PNG"))


def test_unusable_image_is_invalid_input_for_the_cli(tmp_path: Path) -> None:
    with pytest.raises(UnusableImage) as caught:
        prepare_reference(tmp_path / "gone.png")
    assert caught.value.exit_code == 2
    assert caught.value.parameter == "referenceImages"
