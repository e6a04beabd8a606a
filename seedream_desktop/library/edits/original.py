"""The picture being edited, read the way the reference tray reads it: upright, 8-bit RGB.

A 16-bit, CMYK, palette or EXIF-rotated file becomes the same pixels the tray would send as image 1, so
the mask (drawn on what the person sees), the marked copy and the paste-back all line up with it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.api.references import MAX_FILE_BYTES
from seedream_desktop.api.references import to_plain_pixels as plain_pixels  # the tray's own rule
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.edits.errors import UnusableEdit, read_edit_file


@dataclass(frozen=True, slots=True)
class Original:
    """The upright RGB pixels of the edited file, with where they came from."""

    path: Path
    image: Image.Image  # mode "RGB", EXIF orientation applied
    sha256: str  # of the file's bytes, as the reference tray and the record identify it
    format: str  # the file's own format (PNG, JPEG, …)
    exact: bool  # the file's own values (8-bit RGB/grey/palette, maybe turned upright): paste-back is exact

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def open_original(path: Path) -> Original:
    """Read ``path`` for editing; UnusableEdit in designer words when it is not a readable picture."""
    data = read_edit_file(path, MAX_FILE_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            fmt = im.format or ""
            upright = ImageOps.exif_transpose(im)
            deep = fmt == "PNG" and len(data) > 24 and data[24] == 16
            # Turning upright and expanding a palette keep every value; 16-bit, CMYK and alpha do not.
            see_through = "transparency" in im.info or "A" in im.getbands()
            exact = im.mode in ("RGB", "L", "P", "1") and not see_through and not deep
            flat = plain_pixels(upright)
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise UnusableEdit(
            path.name, QT_TRANSLATE_NOOP(CONTEXT, "it is not a picture format Seedream can read")
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise UnusableEdit(
            path.name, QT_TRANSLATE_NOOP(CONTEXT, "the file is damaged or incomplete")
        ) from exc
    return Original(path, flat.convert("RGB"), hashlib.sha256(data).hexdigest(), fmt, exact)
