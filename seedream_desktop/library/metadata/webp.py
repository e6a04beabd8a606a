"""WEBP: the extended (VP8X) layout with EXIF and XMP chunks on the way in; a chunk walk on the way out.

A simple file (one VP8 or VP8L chunk) becomes extended: a VP8X chunk with the canvas size and the
alpha/EXIF/XMP flags goes in front of the untouched bitstream chunk, EXIF and XMP go last (the order the
container spec requires), and the RIFF size is patched once the length is known.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

from seedream_desktop.api.errors import BadImage
from seedream_desktop.library.metadata.exif import exif_tiff
from seedream_desktop.library.metadata.found import LARGEST_BLOCK, TOO_LARGE, Found
from seedream_desktop.library.metadata.steps import Emit, Pass, Patch, Read, Skip, Splicer
from seedream_desktop.library.metadata.xmp import xmp_packet
from seedream_desktop.library.record import GenerationRecord

FLAG_ALPHA, FLAG_EXIF, FLAG_XMP = 0x10, 0x08, 0x04
OURS = (b"EXIF", b"XMP ")
MAX_CHUNKS = 100_000


def chunk(fourcc: bytes, data: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) % 2 else b"")


def vp8x(flags: int, width: int, height: int) -> bytes:
    canvas = struct.pack("<I", width - 1)[:3] + struct.pack("<I", height - 1)[:3]
    return chunk(b"VP8X", bytes([flags, 0, 0, 0]) + canvas)


def bitstream_size(fourcc: bytes, prefix: bytes) -> tuple[int, int, bool] | None:
    """(width, height, has alpha) from the first bytes of a VP8 (10) or VP8L (5) bitstream."""
    if fourcc == b"VP8 " and len(prefix) >= 10 and prefix[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", prefix[6:10])
        return width & 0x3FFF, height & 0x3FFF, False
    if fourcc == b"VP8L" and len(prefix) >= 5 and prefix[0] == 0x2F:
        (bits,) = struct.unpack("<I", prefix[1:5])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bool((bits >> 28) & 1)
    return None


def splice(riff: bytes, record: GenerationRecord) -> Splicer:
    """``riff`` is the 12-byte RIFF/WEBP header, already read and checked."""
    (riff_size,) = struct.unpack("<I", riff[4:8])
    left = riff_size - 4  # chunk bytes the source declares
    first = yield Read(8)
    if len(first) < 8:
        raise BadImage("WEBP cut short")
    fourcc, (size,) = first[:4], struct.unpack("<I", first[4:8])
    padded = size + (size & 1)
    left -= 8 + padded
    if fourcc == b"VP8X":
        data = yield Read(padded)
        if size < 10 or len(data) < padded:
            raise BadImage("WEBP extended header damaged")
        marked = bytes([data[0] | FLAG_EXIF | FLAG_XMP])
        start = riff[:4] + b"\x00\x00\x00\x00" + riff[8:12] + first + marked + data[1:]
        yield Emit(start)
        body = len(start) - 8  # what follows the RIFF size field: "WEBP" and every chunk
    elif fourcc in (b"VP8 ", b"VP8L"):
        prefix = yield Read(min(padded, 10 if fourcc == b"VP8 " else 5))
        shape = bitstream_size(fourcc, prefix)
        if shape is None:
            raise BadImage("WEBP bitstream header damaged")
        width, height, alpha = shape
        flags = FLAG_EXIF | FLAG_XMP | (FLAG_ALPHA if alpha else 0)
        start = riff[:4] + b"\x00\x00\x00\x00" + riff[8:12] + vp8x(flags, width, height) + first + prefix
        yield Emit(start)
        yield Pass(padded - len(prefix))
        body = len(start) - 8 + padded - len(prefix)
    else:
        raise BadImage("WEBP without a bitstream")
    for _ in range(MAX_CHUNKS):
        if left < 8:
            break  # the RIFF ends here; anything after it is not part of the image
        header = yield Read(8)
        if len(header) < 8:
            raise BadImage("WEBP cut short")  # the RIFF size promised more chunks
        (size,) = struct.unpack("<I", header[4:8])
        padded = size + (size & 1)
        left -= 8 + padded
        if header[:4] in OURS:
            yield Skip(padded)  # replaced by ours
            continue
        yield Emit(header)
        yield Pass(padded)
        body += 8 + padded
    tail = chunk(b"EXIF", exif_tiff(record, "WEBP")) + chunk(b"XMP ", xmp_packet(record))
    yield Emit(tail)
    yield Patch(4, struct.pack("<I", body + len(tail)))


# ---- reading ------------------------------------------------------------------------------------
def read(f: BinaryIO, head: bytes) -> Found | None:
    """Walk the chunks by their sizes: VP8X or the bitstream header for the size, EXIF and XMP for us."""
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    found = Found("WEBP")
    f.seek(12)
    for _ in range(MAX_CHUNKS):
        header = f.read(8)
        if len(header) < 8:
            break
        fourcc, (size,) = header[:4], struct.unpack("<I", header[4:8])
        padded = size + (size & 1)
        if fourcc == b"VP8X" and size >= 10:
            data = f.read(padded)
            found.width = int.from_bytes(data[4:7], "little") + 1
            found.height = int.from_bytes(data[7:10], "little") + 1
        elif fourcc in (b"VP8 ", b"VP8L") and not found.width:
            prefix = f.read(10)
            shape = bitstream_size(fourcc, prefix)
            if shape:
                found.width, found.height, _ = shape
            f.seek(padded - len(prefix), 1)
        elif fourcc in OURS and size > LARGEST_BLOCK:
            found.note(TOO_LARGE)  # seeked over, never read
            f.seek(padded, 1)
        elif fourcc in OURS:
            data = f.read(padded)[:size]
            if fourcc == b"EXIF" and found.exif is None:
                found.exif = data
            elif fourcc == b"XMP " and found.xmp is None:
                found.xmp = data
        else:
            f.seek(padded, 1)
    return found if found.width else None
