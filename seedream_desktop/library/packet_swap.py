"""Find and replace the XMP packet inside a PNG, JPEG or WEBP, byte for byte (no Qt, no decoding).

Only the container is walked: the PNG chunk list, the JPEG segments before the image data, the WEBP
RIFF chunks. Every other byte (pixels, colour profile, EXIF, other tools' chunks) is copied as it is,
so the picture is exactly the one it was; only the XMP block and the lengths that count it change.
"""

from __future__ import annotations

import struct
import zlib

from seedream_desktop.library.metadata import jpeg, png, webp


class CannotEmbed(ValueError):
    """The file is not one whose XMP the app knows how to replace safely (damaged, or a layout such as
    JPEG's extended XMP that would need more than one block rewritten)."""


def image_kind(data: bytes) -> str:
    if data.startswith(png.SIGNATURE):
        return "PNG"
    if data.startswith(jpeg.SOI):
        return "JPG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return ""


def find_xmp(data: bytes) -> bytes | None:
    """The XMP packet in the file, or None when it has none."""
    return _swap(data, None)[0]


def with_xmp(data: bytes, packet: bytes) -> bytes:
    """The file with ``packet`` as its only XMP: replaced where it was, else put where the format says."""
    result = _swap(data, packet)[1]
    assert result is not None
    return result


def _swap(data: bytes, packet: bytes | None) -> tuple[bytes | None, bytes | None]:
    kind = image_kind(data)
    if kind == "PNG":
        return _png(data, packet)
    if kind == "JPG":
        return _jpeg(data, packet)
    if kind == "WEBP":
        return _webp(data, packet)
    raise CannotEmbed("not a PNG, JPEG or WEBP")


# ---- PNG: one uncompressed iTXt "XML:com.adobe.xmp", before the first IDAT ---------------------------
def _png(data: bytes, packet: bytes | None) -> tuple[bytes | None, bytes | None]:
    pos, found, parts, placed = len(png.SIGNATURE), None, [data[: len(png.SIGNATURE)]], False
    new = png.chunk(b"iTXt", png.KEY_XMP + b"\x00\x00\x00\x00\x00" + packet) if packet is not None else b""
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise CannotEmbed("PNG cut short")
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"iTXt" and body.startswith(png.KEY_XMP + b"\x00"):
            if found is None:
                found = _itxt_text(body[len(png.KEY_XMP) + 1 :])
            if not placed:
                parts.append(new)
                placed = True
        else:
            if kind == b"IDAT" and not placed:
                parts.append(new)
                placed = True
            parts.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            parts.append(data[pos:])  # whatever trails the image stays, as it was
            break
    else:
        raise CannotEmbed("PNG without an end")
    if not placed:
        raise CannotEmbed("PNG without image data")
    return found, b"".join(parts) if packet is not None else None


def _itxt_text(rest: bytes) -> bytes | None:
    # compression flag, method, language tag NUL, translated keyword NUL, text
    if len(rest) < 2:
        return None
    compressed = rest[0] == 1
    try:
        _, _, text = rest[2:].split(b"\x00", 2)
    except ValueError:
        return None
    if compressed:
        try:
            return zlib.decompressobj().decompress(text, 16 * 1024 * 1024)
        except zlib.error:
            return None
    return text


# ---- JPEG: one APP1 "http://ns.adobe.com/xap/1.0/", after SOI, JFIF and EXIF --------------------------
def _jpeg(data: bytes, packet: bytes | None) -> tuple[bytes | None, bytes | None]:
    new = b""
    if packet is not None:
        if len(packet) > jpeg.XMP_LIMIT:
            raise CannotEmbed("XMP too large for one JPEG segment")
        new = jpeg.segment(jpeg.APP1, jpeg.XMP_HEADER + packet)
    pos, found, parts, placed, insert_at = 2, None, [data[:2]], False, 1
    for _ in range(jpeg.MAX_SEGMENTS):
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise CannotEmbed("JPEG damaged before its image data")
        code = data[pos + 1]
        if code in (jpeg.SOS, jpeg.EOI):
            break
        if code in jpeg.STANDALONE or code == 0xFF:
            parts.append(data[pos : pos + 2] if code != 0xFF else data[pos : pos + 1])
            pos += 2 if code != 0xFF else 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise CannotEmbed("JPEG segment cut short")
        body = data[pos + 4 : end]
        if code == jpeg.APP1 and body.startswith(jpeg.XMP_EXTENSION_HEADER):
            raise CannotEmbed("JPEG with extended XMP")
        if code == jpeg.APP1 and body.startswith(jpeg.XMP_HEADER):
            if found is None:
                found = body[len(jpeg.XMP_HEADER) :]
            if not placed:
                parts.append(new)
                placed = True
        else:
            parts.append(data[pos:end])
            leading = code == jpeg.APP0 or (code == jpeg.APP1 and body.startswith(b"Exif\x00"))
            if leading and len(parts) - 1 == insert_at:  # only while they come first
                insert_at = len(parts)
        pos = end
    else:
        raise CannotEmbed("JPEG with too many segments")
    if not placed:
        parts.insert(insert_at, new)
    parts.append(data[pos:])
    return found, b"".join(parts) if packet is not None else None


# ---- WEBP: an "XMP " chunk last, the VP8X XMP flag, the RIFF size -------------------------------------
def _webp(data: bytes, packet: bytes | None) -> tuple[bytes | None, bytes | None]:
    (riff_size,) = struct.unpack("<I", data[4:8])
    stop = min(len(data), 8 + riff_size)
    pos, found, chunks = 12, None, []
    for _ in range(webp.MAX_CHUNKS):
        if pos + 8 > stop:
            break
        fourcc = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + size + (size & 1)
        if pos + 8 + size > stop:
            raise CannotEmbed("WEBP cut short")
        if fourcc == b"XMP ":
            if found is None:
                found = data[pos + 8 : pos + 8 + size]
        else:
            chunks.append((fourcc, data[pos : min(end, stop)]))
        pos = end
    if packet is None:
        return found, None
    if not chunks:
        raise CannotEmbed("WEBP without image data")
    if chunks[0][0] == b"VP8X":
        header = chunks[0][1]
        chunks[0] = (b"VP8X", header[:8] + bytes([header[8] | webp.FLAG_XMP]) + header[9:])
    else:
        fourcc, whole = chunks[0]
        size = webp.bitstream_size(fourcc, whole[8:18])
        if size is None:
            raise CannotEmbed("WEBP of a kind the app cannot extend")
        width, height, alpha = size
        flags = webp.FLAG_XMP | (webp.FLAG_ALPHA if alpha else 0)
        chunks.insert(0, (b"VP8X", webp.vp8x(flags, width, height)))
    body = b"".join(c for _, c in chunks) + webp.chunk(b"XMP ", packet)
    return found, b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body + data[stop:]
