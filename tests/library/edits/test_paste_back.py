"""Paste-back keeps every pixel outside the mask and its feather exactly, and notices a moved framing."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageChops, ImageDraw

from seedream_desktop.library.edits.mask import feathered, protected_area
from seedream_desktop.library.edits.paste_back import check_framing, paste_back


def _noise(size: tuple[int, int], seed: int) -> Image.Image:
    rng = random.Random(seed)
    return Image.frombytes("RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3)))


def _scene(size: tuple[int, int]) -> Image.Image:
    """A picture with structure at every scale, so a shift of a few pixels shows in a small copy."""
    im = Image.new("RGB", size, (30, 60, 90))
    pen = ImageDraw.Draw(im)
    rng = random.Random(4)
    for _ in range(60):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(4, max(6, size[0] // 6))
        pen.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    return im


def _mask(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    return mask


@pytest.mark.parametrize("feather", [0, 1, 5, 12])
def test_pixels_outside_mask_and_feather_are_the_originals(feather: int) -> None:
    original = _noise((240, 160), 1)
    output = _noise((512, 340), 2)  # another size: resized to the original's first
    mask = _mask(original.size, (60, 40, 150, 120))
    result = paste_back(original, output, mask, feather)
    assert result.size == original.size and result.mode == "RGB"
    keep = protected_area(mask, feather)
    outside = ImageChops.difference(result, original)
    # Not one channel of one pixel differs where the original must be kept.
    assert Image.composite(outside, Image.new("RGB", original.size), keep).getbbox() is None
    # Inside the mask (away from the feathered edge) the output shows.
    inner = mask.filter(__import__("PIL.ImageFilter", fromlist=["MinFilter"]).MinFilter(2 * feather + 3))
    changed = ImageChops.difference(result, original).convert("L").point(lambda v: 255 if v else 0)
    assert ImageChops.multiply(changed, inner).getbbox() is not None


def test_feather_reaches_no_farther_than_its_radius() -> None:
    mask = Image.new("L", (60, 60), 0)
    mask.paste(255, (20, 20, 40, 40))
    soft = feathered(mask, 6)
    assert soft.getbbox() == (14, 14, 46, 46)  # exactly 6 px each side, never a long tail
    assert soft.getpixel((30, 30)) == 255


def test_mask_at_the_picture_edge() -> None:
    original = _noise((100, 80), 3)
    mask = Image.new("L", original.size, 0)
    mask.paste(255, (0, 0, 30, 80))
    result = paste_back(original, Image.new("RGB", (200, 160), "red"), mask, 4)
    assert result.getpixel((5, 40)) == (255, 0, 0)
    assert result.crop((35, 0, 100, 80)).tobytes() == original.crop((35, 0, 100, 80)).tobytes()


def test_unmoved_output_is_trusted() -> None:
    original = _scene((400, 300))
    output = original.resize((800, 600), Image.Resampling.BICUBIC)
    mask = _mask(original.size, (150, 100, 250, 200))
    ImageDraw.Draw(output).rectangle((320, 220, 480, 380), fill="yellow")  # the edit, inside the mask
    framing = check_framing(original, output, mask, 8)
    assert framing.trustworthy and framing.shift == (0, 0)


def test_shifted_output_is_noticed() -> None:
    original = _scene((400, 300))
    moved = Image.new("RGB", original.size, (30, 60, 90))
    moved.paste(original, (9, -6))  # the model re-framed: everything slid right and up
    mask = _mask(original.size, (150, 100, 250, 200))
    framing = check_framing(original, moved, mask, 8)
    assert framing.moved and not framing.trustworthy
    assert abs(framing.shift[0] - 9) <= 4 and abs(framing.shift[1] + 6) <= 4


def test_restyled_output_is_noticed() -> None:
    original = _scene((400, 300))
    output = ImageChops.invert(original)
    framing = check_framing(original, output, _mask(original.size, (150, 100, 250, 200)), 8)
    assert framing.drifted and not framing.trustworthy


@pytest.mark.parametrize("feather", [0, 3, 12])
def test_tiled_paste_back_equals_one_full_frame_composite(feather: int) -> None:
    """Feathering only the tiles on the mask's edge gives the very same pixels as blurring it all."""
    original = _noise((700, 520), 5)
    output = _noise((700, 520), 6)
    mask = _mask(original.size, (40, 30, 650, 480))
    ImageDraw.Draw(mask).rectangle((300, 200, 420, 300), fill=0)  # a hole: edges inside too
    expected = Image.composite(output, original, feathered(mask, feather))
    assert paste_back(original, output, mask, feather).tobytes() == expected.tobytes()


@pytest.mark.parametrize("where", [(0, 0), (255, 256), (699, 519), (333, 17)])
def test_a_single_masked_pixel_is_found_and_feathered(where: tuple[int, int]) -> None:
    """One white pixel among 256 in a cell still marks its tile as an edge (no rounding it away)."""
    original, output = _noise((700, 520), 7), _noise((700, 520), 8)
    mask = Image.new("L", original.size, 0)
    mask.putpixel(where, 255)
    expected = Image.composite(output, original, feathered(mask, 5))
    assert paste_back(original, output, mask, 5).tobytes() == expected.tobytes()
    hole = Image.new("L", original.size, 255)  # and one unmasked pixel in a masked area
    hole.putpixel(where, 0)
    expected = Image.composite(output, original, feathered(hole, 5))
    assert paste_back(original, output, hole, 5).tobytes() == expected.tobytes()
