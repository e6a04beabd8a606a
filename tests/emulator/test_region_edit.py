"""Given a marked copy of image 1 as image 2, the emulator changes only the marked area of image 1."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from seedream_desktop.emulator import Emulator
from seedream_desktop.emulator.region_edit import find_region
from seedream_desktop.library.edits.marked_copy import marked_copy
from tests.emulator.runware_calls import inference, open_image, post


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _uri(image: Image.Image) -> str:
    return "data:image/png;base64," + base64.b64encode(_png(image)).decode("ascii")


def _photo(size: tuple[int, int] = (800, 600)) -> Image.Image:
    im = Image.new("RGB", size, (40, 90, 160))
    pen = ImageDraw.Draw(im)
    pen.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(60, 140, 60))
    pen.ellipse((500, 80, 620, 200), fill=(250, 220, 80))
    return im


def _mask(size: tuple[int, int]) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rectangle((100, 100, 340, 300), fill=255)
    return mask


def _mean(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as http:
        yield http


def test_marked_copy_is_found() -> None:
    photo = _photo()
    found = find_region(_png(photo), _png(marked_copy(photo, _mask(photo.size), None)))
    assert found is not None
    with Image.open(io.BytesIO(found[1])) as region:
        box = region.getbbox()
    assert box is not None
    scale = 640 / 800
    assert abs(box[0] - 100 * scale) <= 6 and abs(box[2] - 340 * scale) <= 6


def test_unrelated_references_are_no_region() -> None:
    assert (
        find_region(_png(_photo()), _png(Image.new("RGB", (800, 600), "red"))) is None
    )  # everything differs
    assert find_region(_png(_photo()), _png(_photo())) is None  # nothing differs
    assert find_region(_png(_photo()), _png(_photo((600, 600)))) is None  # another shape


def test_edit_changes_only_the_marked_area(emulator: Emulator, client: httpx.Client) -> None:
    photo = _photo()
    refs = [_uri(photo), _uri(marked_copy(photo, _mask(photo.size), None))]
    task = inference(width=2304, height=1728, outputFormat="PNG", inputs={"referenceImages": refs})
    response = post(client, emulator, [task])
    assert response.status_code == 200, response.text
    output = open_image(client.get(response.json()["data"][0]["imageURL"]).content)
    back = output.resize(photo.size, Image.Resampling.BILINEAR)
    inside, outside = (100, 100, 340, 300), (420, 320, 800, 600)
    assert _mean(back.crop(inside), photo.crop(inside)) > 20  # visibly changed where marked
    assert _mean(back.crop(outside), photo.crop(outside)) < 3  # image 1 elsewhere
