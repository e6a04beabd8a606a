"""Edit masks: a PNG, white where the change goes, checked and fitted to the picture being edited.

A mask of another size is stretched to fit (with a warning); an empty mask or one covering everything is
refused, because the first changes nothing and the second leaves nothing for paste-back to keep.
Masks are stored in the library's ``.seedream/masks/`` by content hash, so lineage can name them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, UnidentifiedImageError

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.atomic import atomic_write
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.edits.errors import UnusableEdit, read_edit_file

MAX_MASK_BYTES = 64 * 1024 * 1024
MASKS_DIR = Path(".seedream") / "masks"
THRESHOLD = 128  # grey above this is "change here": antialiased brush edges count from their middle


@dataclass(frozen=True, slots=True)
class FittedMask:
    """A binary mask (mode "L", 0 or 255) at the picture's size, and what was done to make it fit."""

    image: Image.Image
    warnings: tuple[str, ...] = ()


def read_mask(path: Path, size: tuple[int, int]) -> FittedMask:
    """Read a mask file for a picture of ``size``; UnusableEdit when it cannot serve."""
    data = read_edit_file(path, MAX_MASK_BYTES)
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            grey = _coverage(im)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise UnusableEdit(
            path.name,
            QT_TRANSLATE_NOOP(CONTEXT, "it is not a readable mask picture"),
            QT_TRANSLATE_NOOP(CONTEXT, "Save the mask as a PNG, white where the change goes."),
        ) from exc
    return fit_mask(grey, size, path.name)


def fit_mask(grey: Image.Image, size: tuple[int, int], name: str = "mask") -> FittedMask:
    """Threshold ``grey`` to 0/255, stretch it to ``size`` if needed, refuse empty or full masks."""
    warnings: list[str] = []
    if grey.size != size:
        warnings.append(
            QT_TRANSLATE_NOOP(
                CONTEXT,
                "The mask is {mask_size} and the picture is {picture_size}: the mask was stretched to fit.",
            ).format(mask_size=_dims(grey.size), picture_size=_dims(size))
        )
        grey = grey.resize(size, Image.Resampling.BILINEAR)
    binary = grey.point(lambda v: 255 if v >= THRESHOLD else 0)
    check_coverage(binary, name)
    return FittedMask(binary, tuple(warnings))


def check_coverage(binary: Image.Image, name: str = "mask") -> None:
    """Refuse a mask that marks nothing, or everything (then paste-back would keep nothing)."""
    low, high = binary.getextrema()
    if high == 0:
        raise UnusableEdit(
            name,
            QT_TRANSLATE_NOOP(CONTEXT, "the mask is empty"),
            QT_TRANSLATE_NOOP(CONTEXT, "Paint white where the change goes, or edit with markup only."),
        )
    if low == 255:
        raise UnusableEdit(
            name,
            QT_TRANSLATE_NOOP(CONTEXT, "the mask covers the whole picture"),
            QT_TRANSLATE_NOOP(CONTEXT, "Leave unmasked what must stay, or edit without a mask."),
        )


def feathered(binary: Image.Image, feather: int) -> Image.Image:
    """The blend weights for paste-back: the mask's edge ramped linearly over ``feather`` px each side.

    A box blur, not a Gaussian: a box blur of zeros is exactly zero, so every pixel farther than
    ``feather`` (along x or y) from the mask keeps weight 0 and paste-back leaves it identical to the
    original; Pillow's Gaussian has a longer, rounding tail, and costs twice as much on a 4K mask.
    """
    if feather <= 0:
        return binary
    return binary.filter(ImageFilter.BoxBlur(feather))


def protected_area(binary: Image.Image, feather: int) -> Image.Image:
    """255 where paste-back must keep the original exactly: farther than ``feather`` from the mask."""
    grown = binary.filter(ImageFilter.MaxFilter(2 * feather + 1)) if feather > 0 else binary
    return ImageChops.invert(grown)


def mask_png(binary: Image.Image) -> bytes:
    out = io.BytesIO()
    binary.convert("1").save(out, "PNG", optimize=False)
    return out.getvalue()


def store_mask(library_root: Path, binary: Image.Image) -> tuple[Path, str]:
    """Save the mask as ``.seedream/masks/<sha256>.png`` (once per content); return its path and hash."""
    data = mask_png(binary)
    digest = hashlib.sha256(data).hexdigest()
    path = library_root / MASKS_DIR / f"{digest}.png"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    return path, digest


def _coverage(im: Image.Image) -> Image.Image:
    """How much each pixel asks for change, 0–255: brightness, times opacity when there is alpha."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        grey = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    else:
        grey = im.convert("L")
    if "A" in im.getbands() or "transparency" in im.info:
        grey = ImageChops.multiply(grey, im.convert("RGBA").getchannel("A"))
    return grey


def _dims(size: tuple[int, int]) -> str:
    return f"{size[0]}×{size[1]}"
