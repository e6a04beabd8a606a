"""What a reference carries besides its pixels, taken out before it is uploaded.

A phone photo holds the GPS position it was taken at, the camera's serial number, often the owner's
name; an edited file holds XMP with the editing history and file paths. None of it helps Seedream,
and all of it would go to the provider. So the bytes sent carry the pixels, the colour profile (ICC,
which changes how the pixels look) and the few structural markers a decoder needs; nothing else.

This works on the compressed bytes, never re-encoding: a JPEG keeps every quantised coefficient, a PNG
its IDAT stream, a WEBP its VP8/VP8L bitstream, so the pixels decode exactly as before. ``None`` means
the layout was not what the format promises; the caller then re-encodes from decoded pixels instead.
"""

from __future__ import annotations

import struct

# JPEG: APP0 "JFIF" (pixel aspect), APP2 "ICC_PROFILE" (colour) and APP14 "Adobe" (says whether the
# channels are YCbCr or RGB/CMYK: dropping it changes the colours) stay. APP1 (Exif, XMP), APP13 (IPTC,
# Photoshop), COM and every other APPn go, and so does anything after the first picture's end marker
# (a phone's second picture, a vendor trailer).
_JPEG_KEPT_APPS = {0xE0: (b"JFIF\0",), 0xE2: (b"ICC_PROFILE\0",), 0xEE: (b"Adobe",)}
_JPEG_SOS, _JPEG_EOI, _JPEG_COM = 0xDA, 0xD9, 0xFE

# PNG: the chunks that make the picture and its colour; text (tEXt/zTXt/iTXt), eXIf and tIME go.
_PNG_KEPT = {
    b"IHDR",
    b"PLTE",
    b"tRNS",
    b"IDAT",
    b"IEND",
    b"iCCP",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"pHYs",
    b"sBIT",
}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# WEBP: VP8X's flags name the chunks that follow; EXIF and "XMP " go and their flags are cleared.
_WEBP_KEPT = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ICCP", b"ANIM", b"ANMF"}
_VP8X_EXIF_FLAG, _VP8X_XMP_FLAG = 0x08, 0x04


def without_metadata(data: bytes, fmt: str) -> bytes | None:
    """``data`` with everything but pixels and colour profile removed; None when it cannot be parsed."""
    try:
        if fmt == "JPEG":
            return _jpeg(data)
        if fmt == "PNG":
            return _png(data)
        if fmt == "WEBP":
            return _webp(data)
    except (IndexError, struct.error):
        return None
    return None


def _jpeg(data: bytes) -> bytes | None:
    if data[:2] != b"\xff\xd8":
        return None
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            return None
        while data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        marker = data[pos]
        pos += 1
        if marker == _JPEG_EOI:
            return None  # an end before any picture data
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += bytes((0xFF, marker))
            continue
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            return None
        segment = data[pos : pos + length]
        pos += length
        if marker == _JPEG_SOS:
            end = _entropy_end(data, pos)
            if end is None:
                return None
            out += bytes((0xFF, marker)) + segment + data[pos:end]
            return bytes(out)
        if _jpeg_keeps(marker, segment[2:]):
            out += bytes((0xFF, marker)) + segment
    return None


def _jpeg_keeps(marker: int, payload: bytes) -> bool:
    if marker == _JPEG_COM:
        return False
    if 0xE0 <= marker <= 0xEF:
        return payload.startswith(_JPEG_KEPT_APPS.get(marker, ()))
    return True  # tables, frame headers, restart interval: the picture itself


def _entropy_end(data: bytes, pos: int) -> int | None:
    """The offset just past the first picture's end marker (EOI), scans and tables in between kept.

    Inside entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker, so the first
    FF D9 after the first scan is the end of the picture (progressive files put more tables and scans
    before it, which are kept as they are)."""
    end = data.find(b"\xff\xd9", pos)
    return None if end < 0 else end + 2


def _png(data: bytes) -> bytes | None:
    if not data.startswith(_PNG_SIGNATURE):
        return None
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return None
        if kind in _PNG_KEPT:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            return bytes(out)  # anything appended after the end goes too
    return None


def _webp(data: bytes) -> bytes | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    (riff_size,) = struct.unpack("<I", data[4:8])
    stop = min(len(data), 8 + riff_size)
    body = bytearray()
    pos = 12
    vp8x_at: int | None = None
    while pos + 8 <= stop:
        kind = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + size + (size & 1)  # chunks are padded to an even length
        if pos + 8 + size > stop:
            return None
        if kind in _WEBP_KEPT:
            if kind == b"VP8X":
                vp8x_at = len(body)
            body += data[pos:end]
        pos = end
    if vp8x_at is not None:
        flags_at = vp8x_at + 8
        body[flags_at] &= ~(_VP8X_EXIF_FLAG | _VP8X_XMP_FLAG) & 0xFF
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + bytes(body)
