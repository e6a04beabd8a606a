"""JPEG: EXIF and XMP APP1 segments after SOI and JFIF on the way in; a segment walk up to SOS on the way out."""

from __future__ import annotations

import struct
from typing import BinaryIO

from seedream_desktop.api.errors import BadImage
from seedream_desktop.library.metadata.exif import EXIF_HEADER, exif_tiff
from seedream_desktop.library.metadata.found import Found
from seedream_desktop.library.metadata.steps import Emit, Pass, PassRest, Read, Skip, Splicer
from seedream_desktop.library.metadata.xmp import xmp_packet
from seedream_desktop.library.record import GenerationRecord

SOI = b"\xff\xd8"
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION_HEADER = b"http://ns.adobe.com/xmp/extension/\x00"
# A segment's length field counts itself: 65535 - 2 - len(XMP_HEADER) = 65504; keep a margin of two.
XMP_LIMIT = 65502
APP0, APP1, SOS, EOI = 0xE0, 0xE1, 0xDA, 0xD9
# Markers with no length field.
STANDALONE = {0x01, *range(0xD0, 0xD8)}
# Start-of-frame markers carry the picture size (C4 DHT, C8 JPG and CC DAC are not frames).
SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
APP1_PREFIX = max(len(EXIF_HEADER), len(XMP_HEADER), len(XMP_EXTENSION_HEADER))
MAX_SEGMENTS = 10_000


def segment(marker: int, data: bytes) -> bytes:
    if len(data) > 65533:
        raise ValueError("JPEG segment too large")
    return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data


def metadata_segments(record: GenerationRecord) -> bytes:
    exif = segment(APP1, EXIF_HEADER + exif_tiff(record, "JPG"))
    xmp = segment(APP1, XMP_HEADER + xmp_packet(record, limit=XMP_LIMIT))
    return exif + xmp


def _is_ours(prefix: bytes) -> bool:
    return prefix.startswith((EXIF_HEADER, XMP_HEADER, XMP_EXTENSION_HEADER))


def splice(head: bytes, record: GenerationRecord) -> Splicer:
    """``head`` is SOI. Ours go before the first segment that is not APP0 (JFIF must stay first)."""
    yield Emit(head)
    pending: bytes | None = metadata_segments(record)
    for _ in range(MAX_SEGMENTS):
        marker = yield Read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            raise BadImage("JPEG cut short or damaged before its image data")
        code = marker[1]
        while code == 0xFF:  # fill bytes before a marker: keep them
            yield Emit(b"\xff")
            more = yield Read(1)
            if not more:
                raise BadImage("JPEG cut short")
            code = more[0]
            marker = bytes([0xFF, code])
        if code in STANDALONE:
            yield Emit(marker)
            continue
        if code == EOI:
            raise BadImage("JPEG without image data")
        if pending is not None and code != APP0:
            yield Emit(pending)
            pending = None
        if code == SOS:
            yield Emit(marker)
            yield PassRest()  # scans, and everything after them, go through untouched
            return
        size = yield Read(2)
        if len(size) < 2:
            raise BadImage("JPEG cut short")
        length = struct.unpack(">H", size)[0] - 2
        if length < 0:
            raise BadImage("JPEG segment length out of range")
        if code == APP1:
            prefix = yield Read(min(length, APP1_PREFIX))
            if _is_ours(prefix):
                yield Skip(length - len(prefix))  # replaced by ours: one EXIF, one XMP
            else:
                yield Emit(marker + size + prefix)
                yield Pass(length - len(prefix))
            continue
        yield Emit(marker + size)
        yield Pass(length)
    raise BadImage("JPEG with too many segments")


# ---- reading ------------------------------------------------------------------------------------
def read(f: BinaryIO, head: bytes) -> Found | None:
    """Walk the segments from SOI to SOS: the frame header for the size, APP1 for EXIF and XMP."""
    if head[:2] != SOI:
        return None
    found = Found("JPG")
    f.seek(2)
    for _ in range(MAX_SEGMENTS):
        marker = f.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            break
        code = marker[1]
        while code == 0xFF:
            more = f.read(1)
            if not more:
                return None
            code = more[0]
        if code in STANDALONE:
            continue
        if code in (SOS, EOI):
            break
        size = f.read(2)
        if len(size) < 2:
            break
        length = struct.unpack(">H", size)[0] - 2
        if length < 0:
            break
        if code in SOF and length >= 5:
            data = f.read(length)
            found.height, found.width = struct.unpack(">HH", data[1:5])
        elif code == APP1:
            # Only the first EXIF and the first XMP are read; any other APP1 is seeked over after its
            # prefix (a file of thousands of 64 KB segments costs no more than its headers).
            prefix = f.read(min(length, APP1_PREFIX))
            if prefix.startswith(EXIF_HEADER) and found.exif is None:
                found.exif = (prefix + f.read(length - len(prefix)))[len(EXIF_HEADER) :]
            elif prefix.startswith(XMP_HEADER) and found.xmp is None:
                found.xmp = (prefix + f.read(length - len(prefix)))[len(XMP_HEADER) :]
            else:
                f.seek(length - len(prefix), 1)
        else:
            f.seek(length, 1)
    return found if found.width else None
