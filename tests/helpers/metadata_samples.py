"""Sample images and records for the metadata tests (embedding, reading, exiftool, parameters line)."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image

from seedream_desktop.library.record import GenerationRecord
from tests.helpers.records import make_record

WIDTH, HEIGHT = 96, 64


def _picture(mode: str) -> Image.Image:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(WIDTH * HEIGHT * 4))
    image = Image.frombytes("RGBA", (WIDTH, HEIGHT), noise)
    # Smooth gradients plus noise: both lossy codecs and alpha have something real to encode.
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    image = Image.blend(image, Image.merge("RGBA", (gradient, gradient, gradient, gradient)), 0.6)
    return image if mode == "RGBA" else image.convert(mode)


def _encode(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


def _split_idat(png: bytes, size: int) -> bytes:
    """The same PNG with its image data cut into many IDAT chunks (as libpng writes big files)."""
    out, pos, data = [png[:8]], 8, b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IDAT":
            data += body
            continue
        if kind == b"IEND":
            for i in range(0, len(data), size):
                part = data[i : i + size]
                out.append(
                    struct.pack(">I", len(part))
                    + b"IDAT"
                    + part
                    + struct.pack(">I", zlib.crc32(b"IDAT" + part))
                )
        out.append(png[pos - 12 - length : pos])
    return b"".join(out)


def samples() -> dict[str, tuple[str, bytes]]:
    """name -> (format asked for, bytes as a server would send them), every container variant."""
    rgba, rgb = _picture("RGBA"), _picture("RGB")
    return {
        "rgba.png": ("PNG", _encode(rgba, format="PNG")),
        "many-idat.png": ("PNG", _split_idat(_encode(rgb, format="PNG"), 500)),
        "baseline.jpg": ("JPG", _encode(rgb, format="JPEG", quality=90)),
        "progressive.jpg": ("JPG", _encode(rgb, format="JPEG", quality=80, progressive=True)),
        "lossy.webp": ("WEBP", _encode(rgb, format="WEBP", quality=80)),  # simple VP8
        "lossy-alpha.webp": ("WEBP", _encode(rgba, format="WEBP", quality=80)),  # VP8X + ALPH + VP8
        "lossless.webp": ("WEBP", _encode(rgb, format="WEBP", lossless=True)),  # simple VP8L
        "lossless-alpha.webp": ("WEBP", _encode(rgba, format="WEBP", lossless=True)),  # VP8L with alpha
    }


SAMPLES = samples()


def _record(fmt: str) -> GenerationRecord:
    # A fixed time: records made at different moments must compare equal.
    return make_record(width=WIDTH, height=HEIGHT, format=fmt, size_key=None, created="2026-11-22T01:02:03Z")


def _big_png(megabytes: int) -> bytes:
    """A structurally valid PNG with megabytes of (undecodable) IDAT data: the writer never decodes."""
    ihdr = struct.pack(">IIBBBBB", 4000, 4000, 8, 2, 0, 0, 0)
    head = (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + ihdr
        + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    )
    rng = random.Random(1)
    idat = b"".join(
        struct.pack(">I", 65536)
        + b"IDAT"
        + (body := rng.randbytes(65536))
        + struct.pack(">I", zlib.crc32(b"IDAT" + body))
        for _ in range(megabytes * 16)
    )
    return head + idat + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
