"""Masks fitted or refused, markup JSON read and drawn, the marked copy, the template and the size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from seedream_desktop.api.sizes import by_key
from seedream_desktop.library.edits.errors import UnusableEdit
from seedream_desktop.library.edits.marked_copy import LONG_SIDE, OVERLAY_RGB, marked_copy
from seedream_desktop.library.edits.markup import BadMarkup, Markup, parse_markup
from seedream_desktop.library.edits.mask import read_mask, store_mask
from seedream_desktop.library.edits.original import open_original
from seedream_desktop.library.edits.plan import edit_prompt, nearest_size


def _mask_file(tmp_path: Path, size: tuple[int, int], box: tuple[int, int, int, int] | None) -> Path:
    mask = Image.new("L", size, 0)
    if box:
        mask.paste(255, box)
    path = tmp_path / "mask.png"
    mask.save(path)
    return path


def test_mask_of_the_right_size_is_used_as_is(tmp_path: Path) -> None:
    fitted = read_mask(_mask_file(tmp_path, (100, 50), (10, 10, 30, 30)), (100, 50))
    assert fitted.warnings == () and fitted.image.getbbox() == (10, 10, 30, 30)


def test_mask_of_another_size_is_stretched_with_a_warning(tmp_path: Path) -> None:
    fitted = read_mask(_mask_file(tmp_path, (50, 25), (5, 5, 15, 15)), (100, 50))
    assert fitted.image.size == (100, 50)
    assert fitted.warnings and "50×25" in fitted.warnings[0] and "100×50" in fitted.warnings[0]


@pytest.mark.parametrize(("box", "words"), [(None, "empty"), ((0, 0, 100, 50), "whole picture")])
def test_empty_or_full_mask_is_refused(
    tmp_path: Path, box: tuple[int, int, int, int] | None, words: str
) -> None:
    with pytest.raises(UnusableEdit) as caught:
        read_mask(_mask_file(tmp_path, (100, 50), box), (100, 50))
    assert words in str(caught.value) and "mask.png" in str(caught.value) and caught.value.remedy


def test_transparent_mask_counts_only_painted_pixels(tmp_path: Path) -> None:
    mask = Image.new("RGBA", (40, 40), (255, 255, 255, 0))  # white but fully transparent
    mask.paste((255, 255, 255, 255), (0, 0, 10, 10))
    mask.save(tmp_path / "alpha.png")
    assert read_mask(tmp_path / "alpha.png", (40, 40)).image.getbbox() == (0, 0, 10, 10)


def test_not_a_mask_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.png").write_bytes(b"not a picture")
    with pytest.raises(UnusableEdit, match="not a readable mask"):
        read_mask(tmp_path / "m.png", (10, 10))


def test_stored_mask_is_keyed_by_content(tmp_path: Path) -> None:
    mask = Image.new("L", (20, 20), 0)
    mask.paste(255, (2, 2, 8, 8))
    path, digest = store_mask(tmp_path, mask)
    assert path == tmp_path / ".seedream" / "masks" / f"{digest}.png"
    assert store_mask(tmp_path, mask.copy()) == (path, digest)
    with Image.open(path) as again:
        assert ImageChops.difference(again.convert("L"), mask).getbbox() is None


def test_markup_round_trips_and_scales() -> None:
    doc = {
        "version": 1,
        "size": [200, 100],
        "items": [
            {"kind": "arrow", "colour": "red", "points": [[10, 10], [50, 50]]},
            {"kind": "box", "colour": "yellow", "points": [[60, 10], [90, 40]], "width": 4},
            {"kind": "line", "colour": "green", "points": [[0, 90], [40, 80], [80, 95]]},
            {"kind": "text", "colour": "white", "points": [[120, 20]], "text": "把天空变成粉色"},
        ],
    }
    markup = parse_markup(json.dumps(doc))
    assert len(markup.items) == 4 and markup.size == (200, 100)
    assert parse_markup(markup.to_json()) == markup
    half = markup.scaled_to((100, 50))
    assert half.items[0].points[1] == (25.0, 25.0) and half.items[1].width == 2.0


@pytest.mark.parametrize(
    "doc",
    [
        "[]",
        '{"version": 2, "items": []}',
        '{"version": 1, "items": [{"kind": "star", "points": [[1, 1]]}]}',
        '{"version": 1, "items": [{"kind": "arrow", "points": [[1, 1]]}]}',
        '{"version": 1, "items": [{"kind": "box", "colour": "plaid", "points": [[1, 1], [2, 2]]}]}',
        '{"version": 1, "items": [{"kind": "text", "points": [[1, 1]], "text": ""}]}',
        "not json",
    ],
)
def test_bad_markup_is_refused(doc: str) -> None:
    with pytest.raises(BadMarkup):
        parse_markup(doc)


def test_marked_copy_shows_the_mask_and_the_markup() -> None:
    original = Image.new("RGB", (3000, 1500), (20, 120, 20))
    mask = Image.new("L", original.size, 0)
    mask.paste(255, (300, 300, 900, 900))
    markup = parse_markup(
        '{"version":1,"items":[{"kind":"box","colour":"yellow","points":[[2000,200],[2600,800]]}]}'
    )
    copy = marked_copy(original, mask, markup)
    assert copy.size == (LONG_SIDE, 1024)
    inside = copy.getpixel((400, 400))
    assert inside != (20, 120, 20) and inside[0] > 100 and inside[2] > 80  # the magenta wash
    assert copy.getpixel((1000, 1000)) == (20, 120, 20)  # untouched elsewhere
    assert copy.getpixel((round(300 * 2048 / 3000) - 2, 300)) == OVERLAY_RGB  # the outline
    assert copy.getpixel((round(2000 * 2048 / 3000), 300)) == (250, 215, 30)  # the yellow box


def test_marked_copy_with_markup_only() -> None:
    original = Image.new("RGB", (200, 100), "black")
    copy = marked_copy(
        original,
        None,
        Markup(
            None, parse_markup('{"version":1,"items":[{"kind":"arrow","points":[[10,50],[150,50]]}]}').items
        ),
    )
    assert copy.getpixel((80, 50)) == (235, 40, 40)


def test_prompt_template() -> None:
    assert edit_prompt("make the sky pink.") == (
        "Edit image 1. Change only the area marked in image 2: make the sky pink. "
        "Keep everything else exactly the same."
    )
    assert edit_prompt("  a red  hat ", "Image 1, marked in image 2: {instruction}!") == (
        "Image 1, marked in image 2: a red hat!"
    )


@pytest.mark.parametrize(
    ("size", "key"),
    [
        ((1024, 1024), "1K-1:1"),
        ((1500, 1500), "2K-1:1"),
        ((1920, 1080), "2K-16:9"),
        ((3840, 2160), "4K-16:9"),
        ((1080, 1920), "2K-9:16"),
        ((4000, 3000), "4K-4:3"),
        ((800, 600), "2K-4:3"),
        ((10000, 3000), "4K-21:9"),
        ((3000, 2000), "4K-3:2"),
    ],
)
def test_nearest_size(size: tuple[int, int], key: str) -> None:
    assert nearest_size(*size) == by_key(key)


@pytest.mark.parametrize("kind", ["exif", "cmyk", "palette", "sixteen"])
def test_original_read_as_the_tray_reads_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.png"
    if kind == "exif":
        im = Image.new("RGB", (60, 30), "red")
        exif = im.getexif()
        exif[0x0112] = 6  # rotated 90°: shown upright as 30×60
        path = tmp_path / "exif.jpg"
        im.save(path, exif=exif)
    elif kind == "cmyk":
        path = tmp_path / "cmyk.jpg"
        Image.new("CMYK", (60, 30), (0, 255, 255, 0)).save(path)
    elif kind == "palette":
        Image.new("RGB", (60, 30), "blue").convert("P").save(path)
    else:
        Image.new("I;16", (60, 30), 40000).save(path)
    original = open_original(path)
    assert original.image.mode == "RGB"
    assert original.size == ((30, 60) if kind == "exif" else (60, 30))
    assert original.exact is (kind in ("exif", "palette"))
