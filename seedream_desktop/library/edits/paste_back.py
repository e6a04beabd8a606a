"""Paste-back: the model's output put into the original only through the feathered mask.

Every pixel farther than the feather from the mask is copied from the original untouched, so the
unmarked part of the picture is exactly the original's (for an 8-bit RGB or grey original; others are
first read as the tray reads them). Only the mask's bounding box (plus feather) is resized and blended,
and only tiles along the mask's edge are feathered (bench/bench_paste_back.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageStat

from seedream_desktop.library.edits.mask import feathered

CELL = 16  # px: the grain of the map that sorts tiles (at most 256 pixels a cell keeps it exact)
TILE = 256  # px: sorts the region quickly into unmasked, masked and edge tiles …
SMALL_TILE = 128  # … and the edge tiles again, so the blur covers little more than the edge itself
DEFAULT_FEATHER = 12  # px at the original's size: hides the seam without reaching far past the mask
# Framing check: both pictures shrunk to this long side, the output tried at shifts up to MAX_SHIFT.
CHECK_SIDE = 128
MAX_SHIFT = 4  # at CHECK_SIDE: ±3 % of the picture, beyond that the edit is not a touch-up anyway
# The output moved when a shifted comparison beats the straight one by this much …
SHIFT_GAIN = 0.7
# … and drifted (recoloured, restyled) when the unmarked area differs on average by more than this.
DRIFT_LEVEL = 24.0  # of 255


@dataclass(frozen=True, slots=True)
class Framing:
    """How the output's unmarked area lines up with the original's."""

    shift: tuple[int, int]  # best (dx, dy) in original pixels; (0, 0) when it did not move
    difference: float  # mean absolute difference in the unmarked area without shifting, 0–255

    @property
    def moved(self) -> bool:
        return self.shift != (0, 0)

    @property
    def drifted(self) -> bool:
        return self.difference > DRIFT_LEVEL

    @property
    def trustworthy(self) -> bool:
        """True when pasting back will look right; otherwise offer the model's full output instead."""
        return not (self.moved or self.drifted)


def paste_back(
    original: Image.Image, output: Image.Image, mask: Image.Image, feather: int = DEFAULT_FEATHER
) -> Image.Image:
    """A new image: ``original`` with ``output`` (any size, resized to fit) blended in through ``mask``."""
    if original.mode != "RGB":
        original = original.convert("RGB")
    if output.mode != "RGB":
        output = output.convert("RGB")
    box = _region(mask, feather, original.size)
    if box is None:
        return original.copy()
    x0, y0, x1, y1 = box
    if output.size == original.size:
        part = output.crop(box)
    else:
        sx, sy = output.width / original.width, output.height / original.height
        part = output.resize(
            (x1 - x0, y1 - y0), Image.Resampling.BICUBIC, box=(x0 * sx, y0 * sy, x1 * sx, y1 * sy)
        )
    weights = mask.crop(box)
    _feather_edges(weights, mask, feather, box, (x0, y0))
    result = original.copy()
    result.paste(part, (x0, y0), weights)
    return result


def _feather_edges(
    weights: Image.Image,
    mask: Image.Image,
    feather: int,
    box: tuple[int, int, int, int],
    origin: tuple[int, int],
) -> None:
    """Soften ``weights`` (a copy of ``mask`` placed at ``origin``) in place, only near the mask's edge.

    A tile whose surroundings (within the feather) are all unmasked or all masked is the same blurred
    or not, so only tiles on the edge pay for the blur. The tiles are sorted on a map of the mask
    shrunk 16 times (one byte per 16×16 cell, no crop of the mask per tile), then the mixed ones
    again in smaller tiles, which keeps the blurred area close to a thin band along the edge.
    """
    if feather <= 0:
        return
    cells = _CellMap(mask, feather)
    for tile in _tiles(box, TILE):
        if cells.uniform(tile):
            continue
        for small in _tiles(tile, SMALL_TILE):
            if cells.uniform(small):
                continue
            reach = (
                max(0, small[0] - feather),
                max(0, small[1] - feather),
                min(mask.width, small[2] + feather),
                min(mask.height, small[3] + feather),
            )
            soft = feathered(mask.crop(reach), feather).crop(
                (small[0] - reach[0], small[1] - reach[1], small[2] - reach[0], small[3] - reach[1])
            )
            weights.paste(soft, (small[0] - origin[0], small[1] - origin[1]))


def _tiles(box: tuple[int, int, int, int], side: int) -> list[tuple[int, int, int, int]]:
    x0, y0, x1, y1 = box
    return [
        (tx, ty, min(tx + side, x1), min(ty + side, y1))
        for ty in range(y0, y1, side)
        for tx in range(x0, x1, side)
    ]


class _CellMap:
    """Which parts of a binary mask are all 0 or all 255 within the feather, 16 px cells at a time.

    ``reduce(16)`` averages each cell with rounding: one 255 among 256 pixels still averages 1, one 0
    averages 254, so 0 means "all unmasked" and 255 "all masked" exactly. Grown by the feather (in
    whole cells, rounded up), a tile is uniform only when every cell that could reach it agrees.
    """

    def __init__(self, mask: Image.Image, feather: int) -> None:
        cells = mask.reduce(CELL)
        reach = 2 * (-(-feather // CELL) + 1) + 1
        self._any = cells.point(lambda v: 255 if v else 0).filter(ImageFilter.MaxFilter(reach))
        self._all = cells.point(lambda v: 255 if v == 255 else 0).filter(ImageFilter.MinFilter(reach))

    def uniform(self, tile: tuple[int, int, int, int]) -> bool:
        box = (tile[0] // CELL, tile[1] // CELL, -(-tile[2] // CELL), -(-tile[3] // CELL))
        if self._any.crop(box).getextrema()[1] == 0:
            return True
        return bool(self._all.crop(box).getextrema()[0] == 255)


def check_framing(original: Image.Image, output: Image.Image, mask: Image.Image, feather: int) -> Framing:
    """Compare the unmarked areas of original and output at a small size, at a few shifts.

    WORKAROUND (no upstream bug: Pillow has no FFT, a missing feature): phase correlation needs an FFT
    and numpy is not a dependency; a sum of absolute
    differences over shifts of ±MAX_SHIFT px on CHECK_SIDE-px copies is a few hundred small Pillow
    operations (milliseconds) and finds the same thing for the small moves that spoil a paste-back.
    """
    scale = CHECK_SIDE / max(original.size)
    size = (max(8, round(original.width * scale)), max(8, round(original.height * scale)))
    a = original.convert("L").resize(size, Image.Resampling.BOX)
    b = output.convert("L").resize(size, Image.Resampling.BOX)
    # Where the model was allowed to change things (grown by the feather and the largest shift).
    reach = feathered(mask, feather).resize(size, Image.Resampling.BOX).point(lambda v: 255 if v else 0)
    grow = MAX_SHIFT + 1
    keep = ImageChops.invert(reach.filter(ImageFilter.MaxFilter(2 * grow + 1)))
    straight = _mean_difference(a, b, keep, 0, 0)
    best, best_shift = straight, (0, 0)
    for dy in range(-MAX_SHIFT, MAX_SHIFT + 1):
        for dx in range(-MAX_SHIFT, MAX_SHIFT + 1):
            if dx or dy:
                value = _mean_difference(a, b, keep, dx, dy)
                if value < best:
                    best, best_shift = value, (dx, dy)
    if best_shift != (0, 0) and not best < straight * SHIFT_GAIN:
        best_shift = (0, 0)
    shift = (round(best_shift[0] / scale), round(best_shift[1] / scale))
    return Framing(shift, straight)


def _mean_difference(a: Image.Image, b: Image.Image, keep: Image.Image, dx: int, dy: int) -> float:
    """Mean |a(x, y) − b(x + dx, y + dy)| over the kept pixels both pictures cover."""
    w, h = a.size
    ax0, ay0 = max(0, -dx), max(0, -dy)
    ax1, ay1 = min(w, w - dx), min(h, h - dy)
    region_a = a.crop((ax0, ay0, ax1, ay1))
    region_b = b.crop((ax0 + dx, ay0 + dy, ax1 + dx, ay1 + dy))
    region_keep = keep.crop((ax0, ay0, ax1, ay1))
    counted = ImageStat.Stat(region_keep).sum[0] / 255
    if counted < 16:
        return float("inf")
    diff = ImageChops.difference(region_a, region_b)
    return float(ImageStat.Stat(diff, region_keep).sum[0] / counted)


def _region(mask: Image.Image, feather: int, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The mask's bounding box grown by the feather: outside it paste-back changes nothing."""
    bbox = mask.getbbox()
    if bbox is None:
        return None
    x0, y0, x1, y1 = bbox
    return (
        max(0, x0 - feather),
        max(0, y0 - feather),
        min(size[0], x1 + feather),
        min(size[1], y1 + feather),
    )
