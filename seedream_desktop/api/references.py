"""Local reference images made sendable: oriented, 8-bit RGB/grey, at most 4096 px, stripped of metadata.

``prepare_reference`` is a pure function of the file (no globals touched, no Qt), so the GUI's reference
tray can run it in a thread pool and the CLI's ``--ref`` can call it directly.

Anything a person drops or names arrives here, so nothing is trusted: only regular files are opened
(never a FIFO, a device, a folder), the size is checked from ``stat`` before a byte is read and the read
is bounded; only a few image formats are decoded; the pixel count is checked before decoding; and what
is uploaded carries no GPS position, camera serial or owner name (reference_privacy.py).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import logging
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.api.reference_privacy import without_metadata
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.regular_files import PERMISSION_DENIED, RefusedFile, check_regular, read_regular

MAX_FILE_BYTES = 30 * 1024 * 1024
# Long side cap: Seedream reads references at up to 4096 px (and Runware's imageUpload stores at most
# 2048 px anyway), so larger pixels only cost upload time. 4096² is also well under the provider's
# 6000×6000 total-pixel input limit (protocol.md §5), so one cap covers both rules.
MAX_LONG_SIDE = 4096
MAX_TOTAL_PIXELS = 6000 * 6000
# The most pixels decoded for one reference (README, "References"). Pillow holds RGB and RGBA in 4 bytes
# a pixel; decoded, flattened onto white and resized, 25 million pixels peak at about 220 MB, what one
# preparation may cost. A larger JPEG is decoded at 1/2, 1/4 or 1/8 scale (its DCT allows that for
# free) and only refused if even that is too large. Anything else above it is refused before decoding:
# a 12000² PNG of one colour is a few KB on disk and 576 MB in memory.
MAX_DECODE_PIXELS = 25_000_000
MIN_SIDE = 15  # the provider wants each side > 14 px
MAX_ASPECT = 16.0
# Formats Runware takes as they are (metadata stripped); anything else (GIF, BMP, TIFF …) is re-encoded.
PASS_THROUGH = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# The only decoders a reference reaches. Pillow knows forty formats; EPS runs Ghostscript, others are
# rarely exercised parsers. A designer's pictures are in these (JPEG includes MPO, Pillow's name for a JPEG
# with a second picture).
READABLE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "DIB", "TIFF", "AVIF")
_PLAIN_MODES = ("RGB", "L")
_ORIENTATION_TAG = 0x0112
_ICC_SPACE = {"RGB": b"RGB ", "L": b"GRAY"}
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
_log = logging.getLogger(__name__)
# warnings.catch_warnings swaps process-wide state: two preparations at once (the tray has two workers)
# would restore each other's filters. One at a time keeps the swap whole.
_warnings_lock = threading.Lock()
# Reasons given in more than one place.
TOO_MANY_PIXELS = QT_TRANSLATE_NOOP(CONTEXT, "it has more than 25 million pixels")
_TOO_LARGE = QT_TRANSLATE_NOOP(CONTEXT, "the file is larger than 30 MB")
_NOT_A_PICTURE = QT_TRANSLATE_NOOP(CONTEXT, "it is not a picture format Seedream can read")


class UnusableImage(SeedreamError):
    """A local file cannot serve as a reference image (nothing was sent)."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "“{name}” cannot be used as a reference: {detail}")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Export it as a PNG or JPEG under 30 MB and add it again.")
    exit_code = 2

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(detail, code="unusableImage", parameter="referenceImages", name=Path(path).name)
        self.path = Path(path)


class RefusedReference(UnusableImage):
    """Not a file that can be read at all: a pipe, a device, a folder, a broken link, a missing file."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "“{name}” {detail}, so it cannot be used as a reference.")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Choose a picture file (PNG, JPEG or WEBP under 30 MB) and add it again."
    )


class UnreadableReference(RefusedReference):
    """The file is there but this user may not read it."""

    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Make the file readable for your user, or copy it somewhere you can read, and add it again."
    )


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
    path = Path(path)
    try:
        size = check_regular(path).st_size
        if size > MAX_FILE_BYTES:
            raise UnusableImage(path, _TOO_LARGE)
        original = read_regular(path, MAX_FILE_BYTES)
    except RefusedFile as refused:
        kind = UnreadableReference if refused.reason == PERMISSION_DENIED else RefusedReference
        raise kind(path, refused.reason) from None
    return prepare_bytes(original, path)


def prepare_data_uri(uri: str) -> PreparedImage:
    """A ``data:`` reference typed on the command line, prepared like a file (metadata stripped too)."""
    name = Path("data URI")
    header, comma, payload = uri.partition(",")
    if not comma or not header.endswith(";base64") or len(payload) > MAX_FILE_BYTES * 4 // 3 + 4:
        too_big = len(payload) > MAX_FILE_BYTES * 4 // 3 + 4
        raise UnusableImage(name, _TOO_LARGE if too_big else _NOT_A_PICTURE)
    try:
        original = base64.b64decode(payload, validate=True)
    except ValueError:  # binascii.Error
        raise UnusableImage(name, _NOT_A_PICTURE) from None
    return prepare_bytes(original, name)


def prepare_bytes(original: bytes, path: Path) -> PreparedImage:
    """``prepare_reference`` for bytes already in memory (a drop from another app); ``path`` names it."""
    if not original:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the file is empty"))
    if len(original) > MAX_FILE_BYTES:
        raise UnusableImage(path, _TOO_LARGE)
    try:
        with _pillow_kept_quiet():
            im = Image.open(io.BytesIO(original), formats=READABLE_FORMATS)
        with im:
            return _prepare_open(im, original, path)
    except UnusableImage:
        raise
    except (Image.DecompressionBombError, MemoryError) as exc:
        raise UnusableImage(path, TOO_MANY_PIXELS) from exc
    except UnidentifiedImageError as exc:
        raise UnusableImage(path, _unknown_format(original)) from exc
    except Exception as exc:
        # Pillow's decoders answer hostile bytes with OSError, SyntaxError, ValueError, EOFError, but also
        # struct.error, IndexError or TypeError, depending on the codec: each means a damaged file.
        _log.info("reference image %s refused: %r", path.name, exc)
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "the file is damaged or incomplete")) from exc


@contextlib.contextmanager
def _pillow_kept_quiet() -> Iterator[None]:
    """Pillow's warnings (DecompressionBombWarning, "Corrupt EXIF data" …) become handled outcomes here
    (the pixel limit, a re-encode) instead of lines on stderr; they are kept in the log only.

    Only the steps that read the file (open, EXIF, decode) run under it: they are where Pillow warns,
    and the lock it takes must not hold the other preparations back while one resizes and encodes."""
    with _warnings_lock, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                _log.info("reference image: %s: %s", warning.category.__name__, warning.message)


def _unknown_format(original: bytes) -> str:
    if original[4:8] == b"ftyp" and original[8:12] in _HEIF_BRANDS:
        return QT_TRANSLATE_NOOP(CONTEXT, "it is a HEIC photo, which Seedream cannot read")
    if b"<svg" in original[:4096].lower():
        return QT_TRANSLATE_NOOP(CONTEXT, "it is a drawing (SVG), not a picture made of pixels")
    return _NOT_A_PICTURE


def _prepare_open(im: Image.Image, original: bytes, path: Path) -> PreparedImage:
    width, height = im.size
    if min(width, height) < MIN_SIDE:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "it is too small (at least 15 pixels a side)"))
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise UnusableImage(path, QT_TRANSLATE_NOOP(CONTEXT, "it is too long and thin (at most 16:1)"))
    # MPO is how Pillow names a JPEG carrying a second picture (phones add a depth map): the first
    # picture is an ordinary JPEG, and the stripping below cuts off the rest.
    fmt = "JPEG" if im.format == "MPO" else (im.format or "")
    if fmt == "JPEG" and width * height > MAX_DECODE_PIXELS:
        # Decode at 1/2, 1/4 or 1/8 scale (JPEG's DCT gives these for free): the largest that fits.
        scale = next((s for s in (2, 4, 8) if (width // s) * (height // s) <= MAX_DECODE_PIXELS), 8)
        im.draft(im.mode, (max(1, width // scale), max(1, height // scale)))
    if im.size[0] * im.size[1] > MAX_DECODE_PIXELS:
        raise UnusableImage(path, TOO_MANY_PIXELS)
    with _pillow_kept_quiet():
        orientation = _orientation(im)
        animated = bool(getattr(im, "is_animated", False)) and im.format != "MPO"
    oversize = max(width, height) > MAX_LONG_SIDE or width * height > MAX_TOTAL_PIXELS
    needs_work = (
        fmt not in PASS_THROUGH
        or im.mode not in _PLAIN_MODES
        or animated
        or orientation not in (1, None)
        or oversize
        or _is_16_bit_png(fmt, original)
    )
    with _pillow_kept_quiet():
        im.load()  # decode now: a truncated or corrupt file fails here, before anything is sent
    if not needs_work:
        clean = without_metadata(original, fmt)
        if clean is not None:
            return PreparedImage(clean, PASS_THROUGH[fmt], hashlib.sha256(clean).hexdigest(), width, height)
        # A layout the byte-level stripping does not follow: re-encoding the pixels drops the metadata.
    icc = im.info.get("icc_profile")
    with _pillow_kept_quiet():
        if animated:
            im.seek(0)
        upright = ImageOps.exif_transpose(im) if orientation not in (1, None) else im
        flat = to_plain_pixels(upright)  # Pillow warns about some palette transparencies here
    del upright
    if flat is not im:
        im.close()  # frees the decoded original before the resize needs room of its own
    if max(flat.size) > MAX_LONG_SIDE:
        flat.thumbnail((MAX_LONG_SIDE, MAX_LONG_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # PNG is lossless: a conversion must not add a second generation of JPEG artefacts. Only the colour
    # profile is written, and only when it describes these pixels (a CMYK profile on RGB would not).
    flat.save(out, "PNG", icc_profile=_matching_icc(icc, flat.mode))
    data = without_metadata(out.getvalue(), "PNG") or out.getvalue()
    return PreparedImage(data, "image/png", hashlib.sha256(data).hexdigest(), *flat.size, converted=True)


def _orientation(im: Image.Image) -> object:
    """The EXIF orientation; 1 (as shot) when the EXIF is missing or too broken to read."""
    try:
        return im.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # metadata is optional: a damaged EXIF block must not cost the picture
        return 1


def _matching_icc(icc: object, mode: str) -> bytes | None:
    if isinstance(icc, bytes) and len(icc) >= 20 and icc[16:20] == _ICC_SPACE.get(mode):
        return icc
    return None


def _is_16_bit_png(fmt: str, original: bytes) -> bool:
    # Pillow silently narrows 48-bit RGB PNGs to "RGB"; the IHDR bit-depth byte tells the truth.
    return fmt == "PNG" and len(original) > 24 and original[24] == 16


def to_plain_pixels(im: Image.Image) -> Image.Image:
    """8-bit RGB or greyscale; transparency flattened onto white (how the picture looks on a page)."""
    mode = im.mode
    if mode.startswith("I"):
        # 16-bit greyscale: scale 0–65535 down to 0–255 instead of clipping everything to white.
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode == "F":
        return im.convert("L")
    if mode in _PLAIN_MODES:
        return im  # no copy: the caller is done with the original, a copy would double the peak
    if mode == "1":
        return im.convert("L")
    if mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    elif mode in ("LA", "PA", "La", "RGBa"):
        im = im.convert("RGBA")
    if im.mode == "RGBA":
        page = Image.new("RGB", im.size, (255, 255, 255))
        page.paste(im, mask=im)  # an RGBA mask is read through its alpha band, without a copy of it
        return page
    return im.convert("RGB")  # CMYK, YCbCr, LAB, HSV, RGBX …
