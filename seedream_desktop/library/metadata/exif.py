"""A small EXIF (TIFF) block carrying A1111's UserComment, and the reader that gets it back.

A1111 writes its infotext into JPEG and WEBP files with piexif as ExifIFD UserComment =
b"UNICODE\\0" + UTF-16 in a big-endian ("MM") TIFF, and reads it back with piexif; exiftool decodes it
the same way. We write exactly that layout, plus the few tags exiftool -validate expects.
"""

from __future__ import annotations

import struct

from seedream_desktop.library.record import GenerationRecord

UNICODE_PREFIX = b"UNICODE\x00"
ASCII_PREFIX = b"ASCII\x00\x00\x00"
EXIF_HEADER = b"Exif\x00\x00"  # JPEG APP1 only; the WEBP EXIF chunk holds the bare TIFF

_ASCII, _SHORT, _LONG, _RATIONAL, _UNDEFINED = 2, 3, 4, 5, 7
_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}

TAG_EXIF_IFD = 0x8769
TAG_USER_COMMENT = 0x9286

Entry = tuple[int, int, int, bytes]  # tag, type, count, value bytes (big-endian)


def _ascii(tag: int, text: str) -> Entry:
    data = text.encode("ascii", "replace") + b"\x00"
    return (tag, _ASCII, len(data), data)


def _short(tag: int, value: int) -> Entry:
    return (tag, _SHORT, 1, struct.pack(">H", value))


def _long(tag: int, value: int) -> Entry:
    return (tag, _LONG, 1, struct.pack(">I", value))


def _undefined(tag: int, data: bytes) -> Entry:
    return (tag, _UNDEFINED, len(data), data)


def _exif_datetime(iso: str) -> str:
    # "2026-11-22T02:36:00Z" -> "2026:11:22 02:36:00" (EXIF has no zone; OffsetTime says UTC).
    date, _, time = iso.rstrip("Z").partition("T")
    return f"{date.replace('-', ':')} {time[:8]}" if len(date) == 10 and len(time) >= 8 else ""


def user_comment(text: str) -> bytes:
    return UNICODE_PREFIX + text.encode("utf-16-be", "replace")


def exif_tiff(record: GenerationRecord, fmt: str) -> bytes:
    """The TIFF block: IFD0 (resolution, Software, DateTime) and the Exif IFD with the UserComment."""
    when = _exif_datetime(record.created)
    ifd0: list[Entry] = [
        (0x011A, _RATIONAL, 1, struct.pack(">II", 72, 1)),  # XResolution
        (0x011B, _RATIONAL, 1, struct.pack(">II", 72, 1)),  # YResolution
        _short(0x0128, 2),  # ResolutionUnit: inches
        _ascii(0x0131, record.app),  # Software
    ]
    if when:
        ifd0.append(_ascii(0x0132, when))  # DateTime
    if fmt == "JPG":
        ifd0.append(_short(0x0213, 1))  # YCbCrPositioning: centered (required for JPEG)
    exif: list[Entry] = [_undefined(0x9000, b"0232")]  # ExifVersion
    if when:
        exif += [_ascii(0x9003, when), _ascii(0x9004, when)]  # DateTimeOriginal, DateTimeDigitized
        exif += [_ascii(0x9010, "+00:00"), _ascii(0x9011, "+00:00"), _ascii(0x9012, "+00:00")]
    if fmt == "JPG":
        exif.append(_undefined(0x9101, b"\x01\x02\x03\x00"))  # ComponentsConfiguration: YCbCr
    exif.append(_undefined(TAG_USER_COMMENT, user_comment(record.a1111_parameters())))
    exif.append(_undefined(0xA000, b"0100"))  # FlashpixVersion
    exif.append(_short(0xA001, 1))  # ColorSpace: sRGB
    if record.width and record.height:
        exif += [_long(0xA002, record.width), _long(0xA003, record.height)]  # PixelX/YDimension
    # Layout: header, IFD0, IFD0's values, Exif IFD, its values (offsets from the TIFF start).
    ifd0.append((TAG_EXIF_IFD, _LONG, 1, b"\x00\x00\x00\x00"))  # patched below
    ifd0.sort()
    exif.sort()
    first = 8
    ifd0_bytes = _ifd(ifd0, first, next_ifd=0, exif_ifd_at=None)
    exif_at = first + len(ifd0_bytes)
    ifd0_bytes = _ifd(ifd0, first, next_ifd=0, exif_ifd_at=exif_at)
    return b"MM\x00\x2a" + struct.pack(">I", first) + ifd0_bytes + _ifd(exif, exif_at, 0, None)


def _ifd(entries: list[Entry], at: int, next_ifd: int, exif_ifd_at: int | None) -> bytes:
    table = bytearray(struct.pack(">H", len(entries)))
    values = bytearray()
    values_at = at + 2 + 12 * len(entries) + 4
    for tag, kind, count, data in entries:
        if tag == TAG_EXIF_IFD and exif_ifd_at is not None:
            data = struct.pack(">I", exif_ifd_at)
        if len(data) <= 4:
            field = data.ljust(4, b"\x00")
        else:
            field = struct.pack(">I", values_at + len(values))
            values += data
            if len(values) % 2:
                values += b"\x00"  # values start on word boundaries
        table += struct.pack(">HHI", tag, kind, count) + field
    table += struct.pack(">I", next_ifd)
    return bytes(table + values)


# ---- reading ------------------------------------------------------------------------------------
def read_user_comment(tiff: bytes) -> str | None:
    """The UserComment text of a TIFF/EXIF block (with or without the "Exif\\0\\0" header), or None."""
    try:
        return _user_comment(tiff)
    except (struct.error, ValueError, LookupError):
        return None  # a damaged EXIF block: other metadata in the file still counts


def _user_comment(tiff: bytes) -> str | None:
    if tiff.startswith(EXIF_HEADER):
        tiff = tiff[len(EXIF_HEADER) :]
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return None
    order = "<" if tiff[:2] == b"II" else ">"
    (ifd0,) = struct.unpack_from(order + "I", tiff, 4)
    exif_ifd = _find(tiff, order, ifd0, TAG_EXIF_IFD)
    if exif_ifd is None:
        return None
    (exif_at,) = struct.unpack_from(order + "I", exif_ifd[2])
    found = _find(tiff, order, exif_at, TAG_USER_COMMENT)
    if found is None:
        return None
    kind, count, field = found
    size = _SIZES.get(kind, 1) * count
    if size <= 4:
        raw = field[:size]
    else:
        (offset,) = struct.unpack_from(order + "I", field)
        raw = tiff[offset : offset + size]
    return decode_user_comment(raw, big_endian=order == ">")


# ComfyUI's SaveAnimatedWEBP (comfy_extras/nodes_images.py) has no text chunks in WEBP: it writes
# "prompt:<API graph JSON>" into IFD0 Model (0x0110) and each extra_pnginfo item, "workflow:<JSON>"
# first, into Make (0x010F), ImageDescription (0x010E) and downwards. Several save nodes copy it.
COMFY_TAGS = (0x0110, 0x010F, 0x010E, 0x010D)
COMFY_KEYS = ("prompt", "workflow")


def read_comfy_texts(tiff: bytes) -> dict[str, str]:
    """ComfyUI's ``prompt``/``workflow`` texts from a TIFF/EXIF block's first IFD (keyword → JSON text);
    a camera's own Make or Model ("Canon") is no such text and gives nothing."""
    try:
        return _comfy_texts(tiff)
    except (struct.error, ValueError, LookupError):
        return {}


def _comfy_texts(tiff: bytes) -> dict[str, str]:
    if tiff.startswith(EXIF_HEADER):
        tiff = tiff[len(EXIF_HEADER) :]
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return {}
    order = "<" if tiff[:2] == b"II" else ">"
    (ifd0,) = struct.unpack_from(order + "I", tiff, 4)
    texts: dict[str, str] = {}
    for tag in COMFY_TAGS:
        found = _find(tiff, order, ifd0, tag)
        if found is None or found[0] not in (2, 7):  # ASCII (Pillow writes UTF-8 there) or UNDEFINED
            continue
        _, count, field = found
        if count <= 4:
            raw = field[:count]
        else:
            (offset,) = struct.unpack_from(order + "I", field)
            raw = tiff[offset : offset + count]
        key, colon, rest = raw.decode("utf-8", "replace").rstrip("\x00").partition(":")
        if colon and key in COMFY_KEYS and key not in texts:
            texts[key] = rest
    return texts


def _find(tiff: bytes, order: str, at: int, wanted: int) -> tuple[int, int, bytes] | None:
    if at <= 0 or at + 2 > len(tiff):
        return None
    (count,) = struct.unpack_from(order + "H", tiff, at)
    for i in range(min(count, 1000)):
        start = at + 2 + 12 * i
        if start + 12 > len(tiff):
            return None
        tag, kind, n = struct.unpack_from(order + "HHI", tiff, start)
        if tag == wanted:
            return kind, n, tiff[start + 8 : start + 12]
    return None


def decode_user_comment(raw: bytes, *, big_endian: bool) -> str | None:
    prefix, body = raw[:8], raw[8:]
    if prefix == UNICODE_PREFIX:
        if body[:2] in (b"\xfe\xff", b"\xff\xfe"):
            text = body.decode("utf-16", "replace")
        else:
            text = body.decode(_utf16_order(body, big_endian), "replace")
    elif prefix in (ASCII_PREFIX, b"\x00" * 8):
        text = body.decode("utf-8", "replace")
    elif prefix.startswith(b"JIS"):
        text = body.decode("shift_jis", "replace")
    else:
        text = raw.decode("utf-8", "replace")  # no charset prefix: what some writers do anyway
    text = text.rstrip("\x00 ")
    return text or None


def _utf16_order(body: bytes, big_endian: bool) -> str:
    """The TIFF byte order normally; but some writers put UTF-16LE in a big-endian TIFF (and the
    reverse): for Latin text the zero bytes tell which order the text really uses, as exiftool does."""
    high_first = body[0::2].count(0)
    low_first = body[1::2].count(0)
    if big_endian and low_first > 2 * high_first:
        return "utf-16-le"
    if not big_endian and high_first > 2 * low_first:
        return "utf-16-be"
    return "utf-16-be" if big_endian else "utf-16-le"
