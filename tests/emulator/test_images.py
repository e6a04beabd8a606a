"""Stand-in pictures: exact size and format, deterministic, different per prompt, refs and sets visible."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageChops, ImageStat

from seedream_desktop.api.sizes import SIZES, SizePreset
from seedream_desktop.emulator import Emulator, painter
from seedream_desktop.emulator.painter import Painter, Picture
from tests.emulator.runware_calls import inference, open_image, png_data_uri, post

MAGENTA = (255, 0, 255)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as http:
        yield http


def fetch(client: httpx.Client, emulator: Emulator, **fields: object) -> list[Image.Image]:
    response = post(client, emulator, [inference(**fields)])
    assert response.status_code == 200, response.text
    return [open_image(client.get(item["imageURL"]).content) for item in response.json()["data"]]


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute pixel difference, 0–255."""
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def near(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 12) -> int:
    """How many pixels are within ``tolerance`` of ``colour`` on every channel."""
    bands = image.convert("RGB").split()
    masks = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
        for band, c in zip(bands, colour, strict=True)
    ]
    both = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])
    return int(ImageStat.Stat(both).sum[0] / 255)


@pytest.mark.parametrize("size", SIZES, ids=[s.key for s in SIZES])
def test_every_size_is_exact(size: SizePreset) -> None:
    data = Painter().paint(Picture("sizes", 3, size.width, size.height, "JPG", 60))
    image = open_image(data)
    assert image.format == "JPEG"
    assert image.size == (size.width, size.height)


def test_4k_png_through_http(emulator: Emulator, client: httpx.Client) -> None:
    [image] = fetch(client, emulator, width=6048, height=2592, outputFormat="PNG")
    assert image.format == "PNG" and image.size == (6048, 2592) and image.mode == "RGB"


def test_same_prompt_and_seed_give_identical_bytes(emulator: Emulator, client: httpx.Client) -> None:
    post(client, emulator, [inference(seed=99, outputFormat="PNG")])
    post(client, emulator, [inference(seed=99, outputFormat="PNG")])
    post(client, emulator, [inference(seed=100, outputFormat="PNG")])
    first, second, other_seed = (digest for _, _, digest in emulator.produced)
    assert first == second
    assert first != other_seed


def test_painting_is_deterministic_across_painters() -> None:
    picture = Picture("a lighthouse at dusk", 5, 1024, 1024, "WEBP", 80)
    assert Painter().paint(picture) == Painter().paint(picture)


def test_different_prompts_look_different(emulator: Emulator, client: httpx.Client) -> None:
    [fox] = fetch(client, emulator, positivePrompt="a red fox in the snow", seed=1, outputFormat="PNG")
    [sea] = fetch(client, emulator, positivePrompt="a calm green sea at noon", seed=1, outputFormat="PNG")
    assert difference(fox, sea) > 20


def test_references_are_visibly_composited(emulator: Emulator, client: httpx.Client) -> None:
    [plain] = fetch(client, emulator, seed=4, outputFormat="PNG")
    [edited] = fetch(client, emulator, seed=4, outputFormat="PNG", referenceImages=[png_data_uri(MAGENTA)])
    assert near(plain, MAGENTA) == 0
    # The copy sits in the lower part of the picture and is big enough to see.
    lower = edited.crop((0, edited.height // 2, edited.width, edited.height))
    assert near(lower, MAGENTA) > 0.005 * edited.width * edited.height


def test_many_references_each_get_a_tile(emulator: Emulator, client: httpx.Client) -> None:
    colours = [(255, 0, 255), (0, 255, 255), (255, 255, 0)]
    [image] = fetch(
        client, emulator, seed=4, outputFormat="PNG", referenceImages=[png_data_uri(c) for c in colours]
    )
    for colour in colours:
        assert near(image, colour, tolerance=3) > 1000


def test_sequential_set_is_coherent_and_numbered() -> None:
    def frame(number: int, of: int, set_seed: int) -> Image.Image:
        data = Painter().paint(
            Picture(
                "a comic strip",
                set_seed + number - 1,
                1024,
                1024,
                "PNG",
                frame=(number, of),
                set_seed=set_seed,
            )
        )
        return open_image(data)

    one, two = frame(1, 4, 10), frame(2, 4, 10)
    other_set = frame(1, 4, 50)
    assert difference(one, two) > 0  # the label and the moving disc differ
    assert difference(one, two) < difference(one, other_set)  # same layout across one set


def test_cjk_prompt_draws_and_differs(emulator: Emulator, client: httpx.Client) -> None:
    [cat] = fetch(client, emulator, positivePrompt="一只猫坐在月亮上", seed=2, outputFormat="PNG")
    [dog] = fetch(client, emulator, positivePrompt="一只狗坐在月亮上", seed=2, outputFormat="PNG")
    assert difference(cat, dog) > 0


def test_falls_back_to_the_default_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(painter, "CJK_FONT", tmp_path / "missing.ttc")
    painter._font.cache_clear()
    try:
        data = Painter().paint(Picture("no noto here", 1, 1024, 1024, "PNG"))
    finally:
        painter._font.cache_clear()
    assert open_image(data).size == (1024, 1024)


def test_cache_returns_the_same_bytes_and_stays_bounded() -> None:
    small = Painter(cache_bytes=1)
    first = small.paint(Picture("a", 1, 1024, 1024, "JPG", 50))
    second = small.paint(Picture("b", 1, 1024, 1024, "JPG", 50))
    again = small.paint(Picture("a", 1, 1024, 1024, "JPG", 50))
    assert hashlib.sha256(first).digest() == hashlib.sha256(again).digest()
    assert first != second
    assert len(small._cache) == 1
