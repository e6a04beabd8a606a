"""Opening a library picture with Pillow for its pixels: a size limit, and Pillow's warnings handled.

Pillow warns, on stderr, about pictures it can still draw: a DecompressionBombWarning above 89.5
megapixels, a UserWarning for damaged EXIF, a malformed MPO, an invalid APNG. In the library those
are outcomes, not noise: a picture is drawn when it can be (a damaged EXIF just has no orientation)
and refused, with a reason, when it is larger than the documented limit below.

Limits (pixels, width × height): ``LARGEST_PICTURE`` = 50 megapixels for PNG and WEBP, which are
decoded whole (50 MP of RGBA is 200 MB); ``LARGEST_JPEG`` = 150 megapixels, since a JPEG is decoded
at 1/8 scale for a thumbnail. Seedream's largest output is 16.7 MP; a 50 MP phone photo still fits.
"""

from __future__ import annotations

import contextlib
import re
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from seedream_desktop.i18n import QT_TRANSLATE_NOOP

LARGEST_PICTURE = 50_000_000
LARGEST_JPEG = 150_000_000
FORMATS = ("PNG", "JPEG", "WEBP")  # what the library holds (rows.is_library_file)
CONTEXT = "Library"
TOO_LARGE = QT_TRANSLATE_NOOP(
    CONTEXT,
    "{name} is {megapixels} megapixels, more than the {limit} the library draws; it is shown as a grey tile.",
)


class PictureTooLarge(ValueError):
    def __init__(self, path: Path, pixels: int, limit: int) -> None:
        self.path = Path(path)
        self.params = {"name": self.path.name, "megapixels": pixels // 1_000_000, "limit": limit // 1_000_000}
        super().__init__(TOO_LARGE.format(**self.params))


# Pillow's own module names: its warnings, and only its, are silenced while a picture is open.
_PILLOW = r"PIL(\.|$)"
_lock = threading.Lock()
_users = 0


@contextlib.contextmanager
def pillow_warnings_handled() -> Iterator[None]:
    """Pillow's warnings ignored while any thread is inside (the size limit is checked separately).

    warnings.catch_warnings saves and restores the process-wide filter list, so two threads using it at
    once can leave the wrong filters behind; here the first thread in adds one filter and the last one
    out removes that filter alone, whatever else changed the list meanwhile."""
    global _users
    with _lock:
        if _users == 0:
            warnings.filterwarnings("ignore", module=_PILLOW)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                with contextlib.suppress(ValueError):
                    warnings.filters.remove(  # type: ignore[attr-defined]
                        ("ignore", None, Warning, re.compile(_PILLOW), 0)
                    )
                # Each module remembers warnings it has seen, valid until the filters change; this
                # is how filterwarnings() itself tells them (CPython's warnings.py, 3.11–3.13).
                mutated = getattr(warnings, "_filters_mutated", None)
                if mutated is not None:
                    mutated()


@contextlib.contextmanager
def open_picture(path: Path) -> Iterator[Image.Image]:
    """``path`` opened by Pillow (headers only; pixels load on first use), refused with PictureTooLarge
    above the limit for its format, and with Pillow's warnings handled for as long as it is open."""
    with pillow_warnings_handled():
        try:
            opened = Image.open(path, formats=FORMATS)
        except Image.DecompressionBombError:
            raise PictureTooLarge(path, 2 * (Image.MAX_IMAGE_PIXELS or 0) + 1, LARGEST_PICTURE) from None
        with opened:
            width, height = opened.size
            limit = LARGEST_JPEG if opened.format in ("JPEG", "MPO") else LARGEST_PICTURE
            if width * height > limit:
                raise PictureTooLarge(path, width * height, limit)
            yield opened
