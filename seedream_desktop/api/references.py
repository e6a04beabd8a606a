"""Local reference images made sendable: oriented, 8-bit RGB/grey, at most 4096 px, original bytes when possible.

``prepare_reference`` is a pure function of the file (no globals touched, no Qt), so the GUI's reference
tray can run it in a thread pool and the CLI's ``--ref`` can call it directly.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

MAX_FILE_BYTES = 30 * 1024 * 1024
# Long side cap: Seedream reads references at up to 4096 px (and Runware's imageUpload stores at most
# 2048 px anyway), so larger pixels only cost upload time. 4096² is also well under the provider's
# 6000×6000 total-pixel input limit (protocol.md §5), so one cap covers both rules.
MAX_LONG_SIDE = 4096
MAX_TOTAL_PIXELS = 6000 * 6000
MIN_SIDE = 15  # the provider wants each side > 14 px
MAX_ASPECT = 16.0
# Formats Runware takes as they are; anything else (GIF, BMP, TIFF …) is re-encoded.
PASS_THROUGH = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_PLAIN_MODES = ("RGB", "L")
_ORIENTATION_TAG = 0x0112


class UnusableImage(SeedreamError):
    """A local file cannot serve as a reference image (nothing was sent)."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "“{name}” cannot be used as a reference: {detail}")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Export it as a PNG or JPEG under 30 MB and add it again.")
    exit_code = 2

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(detail, code="unusableImage", parameter="referenceImages", name=path.name)
        self.path = path


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """The bytes to send for one reference, with their identity (sha256) and final pixel size."""

    data: bytes
    mime: str
    sha256: str
    width: int
    height: int
    converted: bool = False

    def __repr__(self) -> str:  # never dump megabytes into a log line
        return f"PreparedImage({self.mime}, {self.width}x{self.height}, {len(self.data)} bytes, {self.sha256[:12]})"

    @property
    def data_uri(self) -> str:
        return data_uri(self.data, self.mime)


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def prepare_reference(path: Path) -> PreparedImage:
    """Read ``path`` and return what to send; raise UnusableImage in designer words when it cannot be used."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the file cannot be read")) from exc
    if size > MAX_FILE_BYTES:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the file is larger than 30 MB"))
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the file cannot be read")) from exc
    return prepare_bytes(original, path)


def prepare_bytes(original: bytes, path: Path) -> PreparedImage:
    """``prepare_reference`` for bytes already in memory (a drop from another app); ``path`` names it."""
    try:
        with Image.open(io.BytesIO(original)) as im:
            return _prepare_open(im, original, path)
    except UnusableImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the picture is impossibly large")) from exc
    except UnidentifiedImageError as exc:
        raise UnusableImage(
            path, QT_TRANSLATE_NOOP(CONTEXT, "it is not a picture format Seedream can read")
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # Pillow reports damaged files with any of these, depending on the codec.
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the file is damaged or incomplete")) from exc


def _prepare_open(im: Image.Image, original: bytes, path: Path) -> PreparedImage:
    width, height = im.size
    bomb_limit = Image.MAX_IMAGE_PIXELS
    if bomb_limit and width * height > bomb_limit:
        # Pillow only warns at this size; no real photo has that many pixels, a hostile header does.
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the picture is impossibly large"))
    if min(width, height) < MIN_SIDE:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "it is too small (at least 15 pixels a side)"))
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "it is too long and thin (at most 16:1)"))
    fmt = im.format or ""
    orientation = im.getexif().get(_ORIENTATION_TAG, 1)
    animated = bool(getattr(im, "is_animated", False))
    oversize = max(width, height) > MAX_LONG_SIDE or width * height > MAX_TOTAL_PIXELS
    needs_work = (
        fmt not in PASS_THROUGH
        or im.mode not in _PLAIN_MODES
        or animated
        or orientation not in (1, None)
        or oversize
        or _is_16_bit_png(fmt, original)
    )
    im.load()  # decode now: a truncated or corrupt file fails here, before anything is sent
    if not needs_work:
        return PreparedImage(original, PASS_THROUGH[fmt], hashlib.sha256(original).hexdigest(), width, height)
    if animated:
        im.seek(0)
    flat = _to_plain_pixels(ImageOps.exif_transpose(im) if orientation not in (1, None) else im)
    if max(flat.size) > MAX_LONG_SIDE:
        flat.thumbnail((MAX_LONG_SIDE, MAX_LONG_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # PNG is lossless: a conversion must not add a second generation of JPEG artefacts.
    flat.save(out, "PNG")
    data = out.getvalue()
    return PreparedImage(data, "image/png", hashlib.sha256(data).hexdigest(), *flat.size, converted=True)


def _is_16_bit_png(fmt: str, original: bytes) -> bool:
    # Pillow silently narrows 48-bit RGB PNGs to "RGB"; the IHDR bit-depth byte tells the truth.
    return fmt == "PNG" and len(original) > 24 and original[24] == 16


def _to_plain_pixels(im: Image.Image) -> Image.Image:
    """8-bit RGB or greyscale; transparency flattened onto white (how the picture looks on a page)."""
    mode = im.mode
    if mode.startswith("I"):
        # 16-bit greyscale: scale 0–65535 down to 0–255 instead of clipping everything to white.
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode == "F":
        return im.convert("L")
    if mode in _PLAIN_MODES:
        return im.copy()
    if mode == "1":
        return im.convert("L")
    if mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    elif mode in ("LA", "PA", "La", "RGBa"):
        im = im.convert("RGBA")
    if im.mode == "RGBA":
        page = Image.new("RGB", im.size, (255, 255, 255))
        page.paste(im, mask=im.getchannel("A"))
        return page
    return im.convert("RGB")  # CMYK, YCbCr, LAB, HSV, RGBX …
