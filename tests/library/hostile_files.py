"""Hostile image files for the metadata tests, built at test time (no binaries in git)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from seedream_desktop.library.metadata.png import chunk
from tests.library.make_images import pixels

IHDR_END = 8 + 8 + 13 + 4  # signature, then IHDR's length+type, 13 bytes of data and its CRC


def png_with(*chunks: bytes, size: tuple[int, int] = (32, 24)) -> bytes:
    """A real little PNG with ``chunks`` (whole chunks, see png.chunk) right after its IHDR."""
    data = pixels(size, fmt="PNG")
    return data[:IHDR_END] + b"".join(chunks) + data[IHDR_END:]


def text(keyword: bytes, body: bytes) -> bytes:
    return chunk(b"tEXt", keyword + b"\x00" + body)


def ztxt(keyword: bytes, body: bytes) -> bytes:
    return chunk(b"zTXt", keyword + b"\x00\x00" + zlib.compress(body, 9))


def itxt(keyword: bytes, body: bytes, *, compressed: bool = False) -> bytes:
    data = zlib.compress(body, 9) if compressed else body
    return chunk(b"iTXt", keyword + b"\x00" + bytes([int(compressed), 0]) + b"\x00\x00" + data)


def webp_with(fourcc: bytes, body: bytes) -> bytes:
    """A real little WEBP (simple format) with one more chunk appended and the RIFF size fixed."""
    data = pixels((32, 24), fmt="WEBP")
    extra = fourcc + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")
    data += extra
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
    b'<rdf:li xml:lang="x-default">&lol9;</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>'
)
