"""The hostile file corpus: every kind of file a person might drop, paste, name or keep in a library folder.

Generated at test time (no binaries in git) by ``build(folder)``. Each entry has an id, the file name it
is saved under, a note saying what it is, and what ``seedream generate --ref`` must do with it:
"ok" (exit 0, the image is used), "refused" (exit 2, nothing sent or journalled) or "either".
Regular files are made once and hard-linked into other folders by ``place``; pipes, sockets, folders and
links are made anew in each folder.
"""

from __future__ import annotations

import os
import socket
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image

from tests.hostile import makers as m

SPARSE_BYTES = 2 << 30
BAD_UTF8_NAME = os.fsdecode(b"bad-\xff\xfe-utf8.png")


@dataclass(frozen=True)
class Hostile:
    id: str
    name: str
    note: str
    make: Callable[[Path], None]
    ref: str  # "ok" | "refused" | "either"
    special: bool = False  # not a plain regular file: made anew wherever it is placed
    fixed_path: str | None = None  # a path of the system (/dev/zero), not a file in a folder
    canary: bool = False  # an ordinary image: a scan must index it whatever its neighbours do
    private: bool = False  # carries a phone's private metadata (makers.PRIVATE_MARKERS), never to be sent


def _bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data())


def _plain_png(shade: int) -> Callable[[Path], None]:
    return _bytes(lambda: m.png(48, 40, shade=shade))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    # A socket path is limited to ~108 bytes: bind a short name, then move the socket file in place.
    short = Path(tempfile.mkdtemp(prefix="hs", dir="/tmp")) / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(short))
    os.replace(short, path)
    short.parent.rmdir()


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.png").write_bytes(m.png(20, 20, shade=7))


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _unreadable(path: Path) -> None:
    path.write_bytes(m.png(30, 30, shade=99))
    path.chmod(0)


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(m.PNG_SIGNATURE + m.ihdr(4096, 4096))
        handle.truncate(SPARSE_BYTES)


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("image.png", m.png())


def _with_exif(
    fmt: str, exif: Callable[[], Image.Exif | bytes], size: tuple[int, int] = (40, 40)
) -> Callable[[Path], None]:
    return _bytes(lambda: m.pillow(Image.new("RGB", size, (10, 120, 200)), fmt, exif=exif()))


def _animated(fmt: str) -> Callable[[Path], None]:
    def make() -> bytes:
        first, *rest = m.frames()
        return m.pillow(first, fmt, save_all=True, append_images=rest, duration=100, loop=0)

    return _bytes(make)


def _palette(path: Path) -> None:
    image = Image.new("P", (32, 32), 1)
    image.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0] + [0] * (256 * 3 - 9))
    image.paste(2, (8, 8, 24, 24))
    image.save(path, "PNG", transparency=1)


def _heic(path: Path) -> None:
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200)


A1111_ESCAPES = "hostileescape \x1b]0;pwned title\x07\x1b[2J\x1b[31mred\x1b[0m \x9b31m C1 \x07bell\x08\x7f"
A1111_MALFORMED = (
    'a "prompt\nNegative prompt: \x00\nSteps: x, Seed: 99999999999999999999999999999, '
    'Size: 99999999999x99999999999, Cost: nan, Sequential: 5/0, Model: "unterminated, Task: ../../etc'
)


def _text_png(*chunks: tuple[bytes, bytes]) -> Callable[[Path], None]:
    return _bytes(lambda: m.png(extra=b"".join(m.text(k, v) for k, v in chunks)))


def _params_1mb() -> bytes:
    # No comma and no colon: a parameter pattern that backtracks tries every start against the whole line.
    line = ("masterpiece best quality " * 45_000)[: 1 << 20]
    return m.png(extra=m.text(b"parameters", line.encode("latin-1")))


def _many_chunks() -> bytes:
    return m.png(
        extra=b"".join(m.text(b"parameters" if i % 2 else b"k%d" % i, b"v%d" % i) for i in range(10_000))
    )


def _bomb(kind: str) -> bytes:
    bomb = m.zero_bomb(1024)
    extra = m.ztxt(b"parameters", bomb) if kind == "z" else m.itxt(b"parameters", bomb, compressed=True)
    return m.png(extra=extra + m.itxt(b"seedream", bomb, compressed=True))


def _deep_json() -> bytes:
    deep = b"[" * 10_000 + b"]" * 10_000
    record = b'{"app": "x", "prompt": ' + b'{"a": ' * 10_000 + b"1" + b"}" * 10_000 + b"}"
    return m.png(
        extra=m.itxt(b"seedream", deep) + m.itxt(b"XML:com.adobe.xmp", record) + m.text(b"prompt", deep)
    )


def _truncated(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return _bytes(lambda: (whole := data())[: len(whole) // 2])


def _noisy(fmt: str) -> bytes:
    return m.pillow(Image.effect_noise((96, 96), 60).convert("RGB"), fmt)


def _bad_crc() -> bytes:
    good = m.png()
    at = len(m.PNG_SIGNATURE) + 8 + 13  # the IHDR's CRC
    return good[:at] + b"\xde\xad\xbe\xef" + good[at + 4 :]


def _private_jpeg() -> bytes:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>'
        + m.PRIVATE_MARKERS[1]
        + b"</dc:creator></x:xmpmeta>"
    )
    return m.with_segments(m.jpeg((64, 48), exif=m.private_exif().tobytes()), m.xmp_app1(xmp))


def _png16(path: Path) -> None:
    path.write_bytes(m.png(24, 24, depth=16))


def _grey16(path: Path) -> None:
    Image.new("I;16", (24, 24), 40_000).save(path, "PNG")


def _avif(path: Path) -> None:
    try:
        Image.new("RGB", (32, 32), (200, 30, 90)).save(path, "AVIF")
    except (KeyError, OSError):  # a Pillow built without AVIF: the container's header is still hostile
        path.write_bytes(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 200)


# One entry a line: the table reads as the corpus's catalogue.
# fmt: off
CORPUS: tuple[Hostile, ...] = (
    Hostile("png-plain", "plain.png", "an ordinary 48×40 RGB PNG", _plain_png(10), "ok", canary=True),
    Hostile("jpeg-plain", "plain.jpg", "an ordinary JPEG", _bytes(lambda: m.jpeg()), "ok", canary=True),
    Hostile("webp-plain", "plain.webp", "an ordinary WEBP", _bytes(lambda: m.pillow(Image.new("RGB", (32, 32), "teal"), "WEBP")), "ok", canary=True),
    Hostile("png-empty", "empty.png", "0 bytes named .png", _bytes(lambda: b""), "refused"),
    Hostile("png-truncated", "truncated.png", "a noisy PNG cut in half", _truncated(lambda: _noisy("PNG")), "either"),
    Hostile("jpeg-truncated", "truncated.jpg", "a noisy JPEG cut in half", _truncated(lambda: _noisy("JPEG")), "either"),
    Hostile("jpeg-soi-only", "soi.jpg", "a JPEG that is only its SOI marker", _bytes(lambda: b"\xff\xd8"), "refused"),
    Hostile("png-bad-crc", "bad-crc.png", "a PNG whose IHDR CRC is wrong", _bytes(_bad_crc), "either"),
    Hostile("png-params-1mb", "params-1mb.png", "1 MB one-line A1111 `parameters` (quadratic-regex bait)", _bytes(_params_1mb), "ok"),
    Hostile("png-params-escapes", "escapes.png", "`parameters` with ESC]0;…BEL, ESC[2J, C1 CSI, BS, DEL", _text_png((b"parameters", A1111_ESCAPES.encode("latin-1"))), "ok"),
    Hostile("png-ztxt-bomb", "ztxt-bomb.png", "zTXt `parameters` and iTXt record inflating to 1 GiB each", _bytes(lambda: _bomb("z")), "either"),
    Hostile("png-itxt-bomb", "itxt-bomb.png", "compressed iTXt `parameters` and record inflating to 1 GiB each", _bytes(lambda: _bomb("i")), "either"),
    Hostile("jpeg-huge-exif", "huge-exif.jpg", "a JPEG with a 64 KB EXIF block", _bytes(lambda: m.jpeg(exif=m.huge_exif(64_000))), "ok"),
    Hostile("png-huge-exif", "huge-exif.png", "a PNG with a 600 KB eXIf chunk", _bytes(lambda: m.png(extra=m.chunk(b"eXIf", m.huge_exif(600_000)[6:]))), "either"),
    Hostile("tiff-corrupt-exif", "corrupt-exif.tif", "a TIFF whose description tag points past the end (Pillow warns)", _bytes(m.tiff_with_corrupt_exif), "either"),
    Hostile("png-16bit-rgb", "rgb16.png", "a 48-bit RGB PNG", _png16, "ok"),
    Hostile("png-16bit-grey", "grey16.png", "a 16-bit greyscale PNG", _grey16, "ok"),
    Hostile("jpeg-cmyk", "cmyk.jpg", "a CMYK JPEG (Adobe inverted)", _bytes(lambda: m.jpeg(mode="CMYK", colour=(0, 128, 255, 30))), "ok"),
    Hostile("png-palette-alpha", "palette.png", "a palette PNG with a transparent index", _palette, "ok"),
    Hostile("gif-animated", "animated.gif", "a 3-frame GIF", _animated("GIF"), "ok"),
    Hostile("png-animated", "animated.png", "a 3-frame APNG", _animated("PNG"), "ok"),
    Hostile("webp-animated", "animated.webp", "a 3-frame WEBP", _animated("WEBP"), "ok"),
    Hostile("avif", "photo.avif", "an AVIF (Pillow writes it)", _avif, "either"),
    Hostile("heic-ftyp", "photo.heic", "an ftyp/heic header and nothing decodable", _heic, "refused"),
    Hostile("tiff", "scan.tiff", "an ordinary TIFF", _bytes(lambda: m.pillow(Image.new("RGB", (40, 30), "navy"), "TIFF")), "ok"),
    Hostile("bmp", "paint.bmp", "an ordinary BMP", _bytes(lambda: m.pillow(Image.new("RGB", (40, 30), "olive"), "BMP")), "ok"),
    Hostile("svg-as-png", "vector.png", "SVG text named .png", _bytes(lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'), "refused"),
    Hostile("svg", "vector.svg", "an SVG file", _bytes(lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'), "refused"),
    Hostile("html-as-jpg", "page.jpg", "an HTML error page named .jpg", _bytes(lambda: b"<!doctype html><html><body>403 Forbidden</body></html>"), "refused"),
    Hostile("png-bomb-header", "bomb.png", "header says 50000×50000, IDAT of 64 bytes", _bytes(lambda: m.header_only_png(50_000, 50_000)), "refused"),
    Hostile("jpeg-12000", "huge-12000.jpg", "a real 12000×12000 JPEG (144 MP: DecompressionBombWarning)", _bytes(lambda: m.huge_grey_jpeg(12_000, 12_000)), "either"),
    Hostile("png-json-deep", "deep-json.png", "record, XMP and ComfyUI `prompt` JSON nested 10,000 deep", _bytes(_deep_json), "ok"),
    Hostile("png-invalid-utf8", "bad-utf8-text.png", "iTXt `parameters` and record that are not UTF-8", _bytes(lambda: m.png(extra=m.itxt(b"parameters", b"caf\xe9 \xff\xfe\xc3") + m.itxt(b"seedream", b'{"prompt": "\xff\xfe"}'))), "ok"),
    Hostile("png-nul-bytes", "nul-bytes.png", "`parameters` and record holding NUL bytes", _text_png((b"parameters", b"nul\x00inside\x00\x00Steps: 1, Seed: 2, Size: 3x4"), (b"seedream", b'{"prompt": "a\\u0000b", "app": "\\u0000"}')), "ok"),
    Hostile("name-emoji", "🦊 fox 🎨.png", "emoji in the name", _plain_png(20), "ok", canary=True),
    Hostile("name-255", "n" * 251 + ".png", "a 255-byte name", _plain_png(30), "ok", canary=True),
    Hostile("name-newline", "new\nline.png", "a newline in the name", _plain_png(40), "ok", canary=True),
    Hostile("name-dash", "-rf.png", "a name starting with '-'", _plain_png(50), "ok", canary=True),
    Hostile("name-flag", "--help.png", "a name that looks like a flag", _plain_png(60), "ok", canary=True),
    Hostile("name-bad-utf8", BAD_UTF8_NAME, "a name that is not UTF-8 (bytes FF FE): the scan names it and says to rename it", _plain_png(70), "ok"),
    Hostile("name-escape", "esc-\x1b[31mred\x1b[0m.png", "terminal escapes in the name", _plain_png(80), "ok", canary=True),
    Hostile("fifo", "x.png", "a FIFO named x.png (an open blocks for ever)", _fifo, "refused", special=True),
    Hostile("socket", "y.png", "a unix socket named y.png", _socket, "refused", special=True),
    Hostile("folder", "z.png", "a folder named z.png (with an image inside)", _folder, "refused", special=True),
    Hostile("link-dangling", "dangling.png", "a link to a file that does not exist", _link("nowhere.png"), "refused", special=True),
    Hostile("link-loop", "loop.png", "a link to itself", _link("loop.png"), "refused", special=True),
    Hostile("link-dev-zero", "zero.png", "a link to /dev/zero (reads never end)", _link("/dev/zero"), "refused", special=True),
    Hostile("unreadable", "secret.png", "a PNG with mode 000 (read as a user without root's override)", _unreadable, "refused"),
    Hostile("sparse-2gb", "huge-sparse.png", "a 2 GiB sparse file with a PNG header", _sparse, "refused"),
    Hostile("dev-zero", "zero", "the path /dev/zero itself", lambda path: None, "refused", special=True, fixed_path="/dev/zero"),
    Hostile("jpeg-private", "phone.jpg", "a phone JPEG: GPS position, camera serial, owner name (EXIF and XMP)", _bytes(_private_jpeg), "ok", canary=True, private=True),
    Hostile("webp-exif", "phone.webp", "a WEBP with the same private EXIF", _with_exif("WEBP", lambda: m.private_exif().tobytes()), "ok", private=True),
    Hostile("png-exif", "phone.png", "a PNG with the same private EXIF (eXIf chunk)", _with_exif("PNG", lambda: m.private_exif().tobytes()), "ok", private=True),
    Hostile("png-xmp-laughs", "laughs.png", "XMP with billion-laughs entities", _bytes(lambda: m.png(extra=m.itxt(b"XML:com.adobe.xmp", m.BILLION_LAUGHS))), "ok"),
    Hostile("jpeg-xmp-laughs", "laughs.jpg", "a JPEG whose XMP has billion-laughs entities", _bytes(lambda: m.with_segments(m.jpeg(), m.xmp_app1(m.BILLION_LAUGHS))), "ok"),
    Hostile("png-a1111-malformed", "a1111.png", "A1111 `parameters` with 30-digit seed, 11-digit size, NaN cost", _text_png((b"parameters", A1111_MALFORMED.encode("latin-1"))), "ok"),
    Hostile("png-comfyui-malformed", "comfyui.png", "ComfyUI `prompt`/`workflow` cut short and mistyped", _text_png((b"prompt", b'{"3": {"class_type": 5, "inputs": {"seed": "x", "text": null'), (b"workflow", b"[" * 5000)), "ok"),
    Hostile("png-invokeai-malformed", "invokeai.png", "InvokeAI metadata of the wrong types, sd-metadata garbage", _text_png((b"invokeai_metadata", b'{"positive_prompt": 12, "seed": -1e999, "width": -1}'), (b"sd-metadata", b"\x00\xff{"), (b"Dream", b'"unterminated -S 1e400')), "ok"),
    Hostile("png-record-overflow", "record-overflow.png", "our own record with a 31-digit seed and a 21-digit width", _text_png((b"seedream", b'{"app": "x", "prompt": "p", "seed": 1000000000000000000000000000000, "width": 100000000000000000000, "height": -1}')), "ok"),
    Hostile("png-10000-chunks", "chunks.png", "10,000 tEXt chunks, half named `parameters`", _bytes(_many_chunks), "ok"),
    Hostile("gif-1x1", "pixel.gif", "a 1×1 GIF", _bytes(lambda: m.pillow(Image.new("P", (1, 1)), "GIF")), "refused"),
    Hostile("png-1x100000", "tall.png", "a 1×100000 PNG (aspect 1:100000)", _bytes(lambda: m.pillow(Image.new("L", (1, 100_000), 9), "PNG")), "refused"),
    Hostile("zip-as-png", "archive.png", "a ZIP archive named .png", _zip, "refused"),
    Hostile("gif-huge-canvas", "canvas.gif", "a GIF whose canvas is 65535×65535", _bytes(m.gif_with_huge_canvas), "refused"),
    Hostile("png-zero-size", "zero-size.png", "a PNG whose header says 0×0", _bytes(lambda: m.header_only_png(0, 0)), "refused"),
    Hostile("jpeg-as-png", "really-a-jpeg.png", "a JPEG named .png", _bytes(lambda: m.jpeg((40, 40), (1, 2, 3))), "ok"),
)
# fmt: on

BY_ID = {entry.id: entry for entry in CORPUS}


def path_in(folder: Path, entry: Hostile) -> Path:
    return Path(entry.fixed_path) if entry.fixed_path else folder / entry.name


def build(folder: Path) -> dict[str, Path]:
    """Every entry made in ``folder`` (created); id → path."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for entry in CORPUS:
        path = path_in(folder, entry)
        if not entry.fixed_path:
            entry.make(path)
        made[entry.id] = path
    return made


def place(entry: Hostile, master: Path, folder: Path) -> Path:
    """``entry`` in ``folder``: a hard link to the master copy, or made anew when it is special."""
    folder.mkdir(parents=True, exist_ok=True)
    path = path_in(folder, entry)
    if entry.fixed_path:
        return path
    if entry.special:
        entry.make(path)
    else:
        os.link(master, path)
    return path


def image_bytes(data: bytes) -> Image.Image | None:
    """The decoded image in ``data``, or None (for checks on what was uploaded)."""
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except Exception:
        return None
    return image
