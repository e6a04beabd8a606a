"""The marked copy sent as image 2: the original with the mask as a translucent overlay and the markup.

The model reads visual cues, so the region is shown the way a person would mark a print: a magenta
wash with a solid outline, plus arrows, boxes, lines and labels in the markup colours.
"""

from __future__ import annotations

import functools
import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from seedream_desktop.library.edits.markup import Mark, Markup

OVERLAY_RGB = (255, 0, 200)  # magenta: rare in photos, distinct from every markup colour
OVERLAY_ALPHA = 0.45
# Image 2 is only a cue: at most 2048 px long (Runware's imageUpload keeps no more), which also keeps
# the upload and the PNG encode of a 4K original short.
LONG_SIDE = 2048
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def marked_copy(original: Image.Image, mask: Image.Image | None, markup: Markup | None) -> Image.Image:
    """The RGB marked copy, at most LONG_SIDE px long, same aspect ratio as ``original``."""
    copy = original.convert("RGB")
    if max(copy.size) > LONG_SIDE:
        copy.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.BILINEAR)
    if mask is not None:
        small = mask.resize(copy.size, Image.Resampling.NEAREST) if mask.size != copy.size else mask
        wash = Image.blend(copy, Image.new("RGB", copy.size, OVERLAY_RGB), OVERLAY_ALPHA)
        copy = Image.composite(wash, copy, small)
        outline_px = max(2, round(max(copy.size) / 400))
        # Grown by a box blur and any-above-zero: a dilation whose cost does not grow with its size
        # (a MaxFilter of 11 px takes over a second on a 2048-px mask).
        grown = small.filter(ImageFilter.BoxBlur(outline_px)).point(lambda v: 255 if v else 0)
        grown.paste(0, mask=small)  # leaves only the ring just outside the mask
        copy.paste(OVERLAY_RGB, mask=grown)
    if markup:
        draw_markup(copy, markup.scaled_to(copy.size) if markup.size else _scaled(markup, original, copy))
    return copy


def marked_copy_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # sent once and kept only for resume: speed over size
    return out.getvalue()


def draw_markup(canvas: Image.Image, markup: Markup) -> None:
    """Draw every mark onto ``canvas`` (in place), coordinates already in its pixels."""
    pen = ImageDraw.Draw(canvas)
    default = max(3.0, max(canvas.size) / 250)
    for mark in markup.items:
        width = max(1, round(mark.width if mark.width is not None else default))
        _draw(pen, mark, width, max(canvas.size))


def _draw(pen: ImageDraw.ImageDraw, mark: Mark, width: int, long_side: int) -> None:
    rgb = mark.rgb
    points = list(mark.points)
    if mark.kind == "box":
        (x0, y0), (x1, y1) = points[0], points[1]
        pen.rectangle((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), outline=rgb, width=width)
    elif mark.kind == "line":
        pen.line(points, fill=rgb, width=width, joint="curve")
    elif mark.kind == "arrow":
        (x0, y0), (x1, y1) = points[0], points[-1]
        pen.line([(x0, y0), (x1, y1)], fill=rgb, width=width)
        angle = math.atan2(y1 - y0, x1 - x0)
        head = width * 4
        wings = [
            (x1 - head * math.cos(angle - side), y1 - head * math.sin(angle - side)) for side in (0.45, -0.45)
        ]
        pen.polygon([(x1, y1), *wings], fill=rgb)
    else:
        font = _font(max(12, round(long_side / 40)))
        pen.text(points[0], mark.text, font=font, fill=rgb, stroke_width=2, stroke_fill=(0, 0, 0))


def _scaled(markup: Markup, original: Image.Image, copy: Image.Image) -> Markup:
    # No size in the document: its coordinates are the original's pixels.
    return Markup(original.size, markup.items).scaled_to(copy.size)


@functools.lru_cache(maxsize=8)
def _font(size: int) -> Font:
    """Noto Sans CJK when installed (labels in Chinese too), else Pillow's bundled font."""
    try:
        return ImageFont.truetype(str(CJK_FONT), size)
    except OSError:
        return ImageFont.load_default(size)
