"""Region edits in the emulator: image 2 is a marked copy of image 1, so change only the marked area.

The app marks the region on a copy of the original (a translucent wash, an outline, arrows, boxes), so
differencing image 2 against image 1 finds it. The stand-in result is then image 1 with new paint only
there, which lets the demo and the tests show paste-back end to end with no key.
"""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageFilter, UnidentifiedImageError

WORK_SIDE = 640  # as the painter's: regions are found and painted at this size, then scaled once
CHANGED = 40  # of 255, on the largest channel: marks differ far more; JPEG noise and resampling far less
LEAST, MOST = 0.0005, 0.9  # shares of the picture: below, image 2 is not a marked copy; above, not a region
ASPECT_SLACK = 0.02


def find_region(first: bytes | None, second: bytes | None) -> tuple[bytes, bytes] | None:
    """(image 1, region mask) as PNGs at work size when ``second`` is a marked copy of ``first``."""
    if first is None or second is None:
        return None
    try:
        base = _decode(first)
        marked = _decode(second)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if abs(base.width / base.height - marked.width / marked.height) > ASPECT_SLACK * base.width / base.height:
        return None
    scale = WORK_SIDE / max(base.size)
    size = (max(1, round(base.width * scale)), max(1, round(base.height * scale)))
    base = base.resize(size, Image.Resampling.BOX)
    marked = marked.resize(size, Image.Resampling.BOX)
    bands = ImageChops.difference(base, marked).split()
    strongest = ImageChops.lighter(ImageChops.lighter(bands[0], bands[1]), bands[2])
    region = strongest.point(lambda v: 255 if v > CHANGED else 0)
    share = sum(region.histogram()[255:]) / (size[0] * size[1])
    if not LEAST <= share <= MOST:
        return None
    # Close small gaps (anti-aliased outline, a thin arrow) into one area to repaint.
    region = region.filter(ImageFilter.MaxFilter(5))
    return _png(base), _png(region)


def _decode(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (WORK_SIDE * 2, WORK_SIDE * 2))
        return image.convert("RGB")


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()
