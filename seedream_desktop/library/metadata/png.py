"""PNG: text chunks right after IHDR on the way in; a chunk walk that seeks over IDAT on the way out."""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

from seedream_desktop.api.errors import BadImage
from seedream_desktop.library.metadata.foreign import FOREIGN_KEYS
from seedream_desktop.library.metadata.found import DAMAGED, LARGEST_BLOCK, LARGEST_TEXT, TOO_LARGE, Found
from seedream_desktop.library.metadata.steps import Emit, Pass, PassRest, Read, Skip, Splicer
from seedream_desktop.library.metadata.xmp import xmp_packet
from seedream_desktop.library.record import GenerationRecord

SIGNATURE = b"\x89PNG\r\n\x1a\n"
TEXT_CHUNKS = (b"tEXt", b"iTXt", b"zTXt")
KEY_PARAMETERS = b"parameters"  # what A1111, Forge and the AI asset browsers read
KEY_RECORD = b"seedream"
KEY_XMP = b"XML:com.adobe.xmp"
OUR_KEYS = (KEY_PARAMETERS, KEY_RECORD, KEY_XMP)
# A keyword is 1–79 bytes and a NUL: this much of a text chunk tells whose it is.
KEYWORD_PREFIX = 80
MAX_CHUNKS = 200_000


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def text_chunk(keyword: bytes, text: str, *, compress: bool = False) -> bytes:
    """tEXt when the text is Latin-1 (as Pillow, hence A1111, writes it), iTXt with UTF-8 otherwise."""
    if not compress:
        try:
            return chunk(b"tEXt", keyword + b"\x00" + text.encode("latin-1"))
        except UnicodeEncodeError:
            pass
    data = text.encode("utf-8", "replace")
    if compress:
        data = zlib.compress(data, 9)
    # keyword, NUL, compression flag, method 0, empty language tag, empty translated keyword.
    return chunk(b"iTXt", keyword + b"\x00" + bytes([int(compress), 0]) + b"\x00\x00" + data)


def metadata_chunks(record: GenerationRecord) -> bytes:
    # XMP stays an uncompressed iTXt: Adobe's XMP spec for PNG and exiftool -validate both want that.
    xmp = chunk(b"iTXt", KEY_XMP + b"\x00\x00\x00\x00\x00" + xmp_packet(record, with_record=False))
    return (
        text_chunk(KEY_PARAMETERS, record.a1111_parameters())
        + text_chunk(KEY_RECORD, record.to_json(), compress=True)
        + xmp
    )


def splice(signature: bytes, record: GenerationRecord) -> Splicer:
    """``signature`` has been read and checked; ours go right after IHDR, which must come first."""
    ihdr = yield Read(8 + 13 + 4)
    if len(ihdr) < 25 or ihdr[4:8] != b"IHDR":
        raise BadImage("PNG without an IHDR header")
    yield Emit(signature + ihdr + metadata_chunks(record))
    for _ in range(MAX_CHUNKS):
        header = yield Read(8)
        if len(header) < 8:
            # Ending on a chunk boundary is not enough: a PNG is complete only with its IEND.
            raise BadImage("PNG cut short")
        (length,) = struct.unpack(">I", header[:4])
        kind = header[4:8]
        if length >= 2**31:
            raise BadImage("PNG chunk length out of range")
        if kind in TEXT_CHUNKS:
            prefix = yield Read(min(length, KEYWORD_PREFIX))
            if prefix.split(b"\x00", 1)[0] in OUR_KEYS and b"\x00" in prefix:
                yield Skip(length - len(prefix) + 4)  # replaced by ours, so readers see one answer
            else:
                yield Emit(header + prefix)
                yield Pass(length - len(prefix) + 4)
            continue
        yield Emit(header)
        yield Pass(length + 4)
        if kind == b"IEND":
            yield PassRest()  # whatever trails the image is kept as it came
            return
    yield PassRest()


# ---- reading ------------------------------------------------------------------------------------
def read(f: BinaryIO, head: bytes) -> Found | None:
    """Walk the chunks: read IHDR and text chunks, seek over everything else (IDAT included)."""
    if head[:8] != SIGNATURE:
        return None
    found = Found("PNG")
    f.seek(8)
    for _ in range(MAX_CHUNKS):
        header = f.read(8)
        if len(header) < 8:
            break
        length, kind = struct.unpack(">I4s", header)
        if kind == b"IHDR" and length >= 8:
            data = f.read(length + 4)
            found.width, found.height = struct.unpack(">II", data[:8])
        elif kind in TEXT_CHUNKS:
            _read_text(f, found, kind, length)
            f.seek(4, 1)
        elif kind == b"IEND":
            break
        else:
            # Our text sits before IDAT: once something is found the rest of the file is pixels.
            if kind == b"IDAT" and (found.record_json or found.parameters):
                break
            f.seek(length + 4, 1)
    return found if found.width else None


def _read_text(f: BinaryIO, found: Found, kind: bytes, length: int) -> None:
    """One text chunk: only its keyword is read unless it is one of ours, and ours only up to the cap."""
    prefix = f.read(min(length, KEYWORD_PREFIX))
    keyword, nul, _ = prefix.partition(b"\x00")
    if not nul or keyword not in OUR_KEYS + FOREIGN_KEYS or _already_have(found, keyword):
        f.seek(length - len(prefix), 1)
        return
    if length > LARGEST_BLOCK:
        found.note(TOO_LARGE)  # seeked over, never read into memory
        f.seek(length - len(prefix), 1)
        return
    data = prefix + f.read(length - len(prefix))
    try:
        text = _decode_text(kind, data[len(keyword) + 1 :])
    except TextTooLarge:
        found.note(TOO_LARGE)
        return
    except (zlib.error, ValueError):
        found.note(DAMAGED)  # one damaged chunk: the size and the other chunks are still good
        return
    if keyword == KEY_RECORD:
        found.record_json = text
    elif keyword == KEY_PARAMETERS:
        found.parameters = text
    elif keyword == KEY_XMP:
        found.xmp = text.encode("utf-8")
    else:
        found.texts[keyword.decode("latin-1")] = text  # another AI tool's record (foreign.py)


def _already_have(found: Found, keyword: bytes) -> bool:
    if keyword == KEY_RECORD:
        return found.record_json is not None
    if keyword == KEY_PARAMETERS:
        return found.parameters is not None
    if keyword == KEY_XMP:
        return found.xmp is not None
    return keyword.decode("latin-1") in found.texts


class TextTooLarge(ValueError):
    """A text chunk that inflates past LARGEST_TEXT (a zip bomb, or simply not metadata)."""


def _decode_text(kind: bytes, rest: bytes) -> str:
    if kind == b"tEXt":
        if len(rest) > LARGEST_TEXT:
            raise TextTooLarge
        return rest.decode("latin-1")
    if kind == b"zTXt":
        return _inflate(rest[1:]).decode("latin-1")
    if len(rest) < 2:
        raise ValueError("iTXt chunk too short")
    flag = rest[0]
    _lang, _, rest = rest[2:].partition(b"\x00")
    _translated, _, rest = rest.partition(b"\x00")
    if not flag and len(rest) > LARGEST_TEXT:
        raise TextTooLarge
    return (_inflate(rest) if flag else rest).decode("utf-8", "replace")


def _inflate(data: bytes) -> bytes:
    # Bounded: a zip bomb (a few KiB inflating to gigabytes) is stopped one byte past the cap.
    inflater = zlib.decompressobj()
    text = inflater.decompress(data, LARGEST_TEXT + 1)
    if len(text) > LARGEST_TEXT:
        raise TextTooLarge
    return text
