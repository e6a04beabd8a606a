"""Byte-level makers for the hostile corpus: PNG chunks, JPEG segments, deflate bombs, a cheap 12000² JPEG.

Written by hand where Pillow would refuse to write the file (wrong CRCs, lying headers) or would need
gigabytes to do it (a real 12000×12000 JPEG is made here in milliseconds, a zip bomb without deflating
a gigabyte).
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ---- PNG ----------------------------------------------------------------------------------------
def chunk(kind: bytes, data: bytes, crc: int | None = None) -> bytes:
    crc = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc & 0xFFFFFFFF)


def ihdr(width: int, height: int, depth: int = 8, colour: int = 2) -> bytes:
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))


def png(width: int = 32, height: int = 32, extra: bytes = b"", *, depth: int = 8, shade: int = 0x80) -> bytes:
    """An RGB PNG of one colour with ``extra`` chunks (text, EXIF …) before its pixels."""
    row = b"\x00" + bytes([shade, 0x40, 0xFF - shade]) * width * (depth // 8)
    idat = chunk(b"IDAT", zlib.compress(row * height))
    return PNG_SIGNATURE + ihdr(width, height, depth) + extra + idat + chunk(b"IEND", b"")


def header_only_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` with a tiny IDAT: a decompression bomb by header."""
    return (
        PNG_SIGNATURE
        + ihdr(width, height)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def text(key: bytes, value: bytes) -> bytes:
    return chunk(b"tEXt", key + b"\x00" + value)


def ztxt(key: bytes, deflated: bytes) -> bytes:
    return chunk(b"zTXt", key + b"\x00\x00" + deflated)


def itxt(key: bytes, data: bytes, *, compressed: bool = False) -> bytes:
    return chunk(b"iTXt", key + b"\x00" + bytes([int(compressed), 0]) + b"\x00\x00" + data)


def zero_bomb(megabytes: int) -> bytes:
    """A zlib stream that inflates to ``megabytes`` MiB of zeros, from ~1 KB per MiB.

    One MiB is deflated once and its blocks repeated: a full flush makes them byte-aligned and free
    of back-references, so the copies decode one after another. A final empty block and the Adler-32
    of the whole (known in closed form for zeros) end the stream.
    """
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = raw.compress(b"\x00" * (1 << 20)) + raw.flush(zlib.Z_FULL_FLUSH)
    final_empty_fixed_block = b"\x03\x00"
    size = megabytes << 20
    adler = ((size % 65521) << 16) | 1
    return b"\x78\xda" + segment * megabytes + final_empty_fixed_block + struct.pack(">I", adler)


# ---- JPEG ---------------------------------------------------------------------------------------
def jpeg(
    size: tuple[int, int] = (32, 32), colour: object = (200, 80, 40), mode: str = "RGB", **save: object
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "JPEG", **save)  # type: ignore[arg-type]
    return buffer.getvalue()


def segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def with_segments(jpeg_bytes: bytes, *segments: bytes) -> bytes:
    """``jpeg_bytes`` with ``segments`` inserted right after SOI."""
    return jpeg_bytes[:2] + b"".join(segments) + jpeg_bytes[2:]


def huge_grey_jpeg(width: int, height: int) -> bytes:
    """A valid baseline greyscale JPEG of mid-grey, any size, without ever holding its pixels.

    Both Huffman tables hold one symbol with the one-bit code ``0``: DC difference category 0 and
    end-of-block. Every 8×8 block is then two zero bits, so the scan is just zero bytes.
    """
    dqt = segment(0xDB, b"\x00" + b"\x01" * 64)
    sof = segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    one_code = b"\x01" + b"\x00" * 15  # one code of length 1
    dht = segment(0xC4, b"\x00" + one_code + b"\x00" + b"\x10" + one_code + b"\x00")
    sos = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    scan = b"\x00" * ((2 * blocks + 7) // 8)
    return b"\xff\xd8" + dqt + sof + dht + sos + scan + b"\xff\xd9"


def xmp_app1(packet: bytes) -> bytes:
    return segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x:xmpmeta [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
    b'<rdf:li xml:lang="x-default">&lol9;</rdf:li></rdf:Alt></dc:description></rdf:Description>'
    b"</rdf:RDF></x:xmpmeta>"
)


# ---- EXIF ---------------------------------------------------------------------------------------
PRIVATE_MARKERS = (b"HOSTILE-SERIAL-0042", b"Jane Q. Hostile")  # must never leave the machine
GPS_IFD, CAMERA_OWNER, BODY_SERIAL = 0x8825, 0xA430, 0xA431


def private_exif() -> Image.Exif:
    """EXIF as a phone writes it: GPS position, camera serial number, owner name."""
    exif = Image.Exif()
    exif[0x010F] = "HostilePhone"
    exif[0x0110] = "HP-1"
    ifd = exif.get_ifd(0x8769)
    ifd[CAMERA_OWNER] = PRIVATE_MARKERS[1].decode()
    ifd[BODY_SERIAL] = PRIVATE_MARKERS[0].decode()
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (48.0, 51.0, 29.88), 3: "E", 4: (2.0, 17.0, 40.2)})
    return exif


def huge_exif(size: int) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "x" * size  # ImageDescription
    return exif.tobytes()


def tiff_with_corrupt_exif() -> bytes:
    """A little-endian 4×4 grey TIFF whose ImageDescription claims a megabyte past the end of the file."""
    pixels = b"\x80" * 16
    entries = [
        (256, 3, 1, 4), (257, 3, 1, 4), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
        (270, 2, 1_000_000, 0x7FFFFFF0),  # the lie
        (273, 4, 1, 8), (278, 3, 1, 4), (279, 4, 1, 16),
    ]  # fmt: skip
    ifd_offset = 8 + len(pixels)
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", ifd_offset) + pixels + ifd


# ---- other formats ------------------------------------------------------------------------------
def pillow(image: Image.Image, fmt: str, **save: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)  # type: ignore[arg-type]
    return buffer.getvalue()


def frames(count: int = 3, size: tuple[int, int] = (32, 32), mode: str = "RGB") -> list[Image.Image]:
    return [Image.new(mode, size, (40 * i, 200 - 40 * i, 90)) for i in range(count)]


def gif_with_huge_canvas() -> bytes:
    """A GIF whose logical screen is 65535×65535 around one 1×1 image."""
    header = b"GIF89a" + struct.pack("<HHBBB", 65535, 65535, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return header + image + b"\x3b"
