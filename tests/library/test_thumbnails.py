"""The thumbnail cache: formats, orientation, broken files, hits, the size cap, many threads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.library.thumbnails import ThumbnailCache
from tests.library.make_images import pixels


@pytest.fixture
def cache(tmp_path: Path) -> ThumbnailCache:
    return ThumbnailCache(tmp_path / "thumbs", max_bytes=10 * 1024 * 1024)


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        assert image.format == "WEBP"
        return image.size


@pytest.mark.parametrize("fmt", ["PNG", "JPG", "WEBP"])
def test_each_format_becomes_a_webp_thumbnail(cache: ThumbnailCache, tmp_path: Path, fmt: str) -> None:
    source = tmp_path / f"image.{fmt.lower()}"
    source.write_bytes(pixels((1024, 768), fmt=fmt))
    thumb = cache.get_or_make(source, "cid-" + fmt, 256)
    assert thumb == cache.path_for("cid-" + fmt, 256)
    assert _size(thumb) == (256, 192)
    assert _size(cache.get_or_make(source, "cid-" + fmt, 512)) == (512, 384)


def test_small_images_are_not_enlarged(cache: ThumbnailCache, tmp_path: Path) -> None:
    source = tmp_path / "small.png"
    source.write_bytes(pixels((100, 50)))
    assert _size(cache.get_or_make(source, "small", 256)) == (100, 50)


def test_exif_orientation_is_respected(cache: ThumbnailCache, tmp_path: Path) -> None:
    source = tmp_path / "rotated.jpg"
    source.write_bytes(pixels((400, 200), color=(250, 0, 0), fmt="JPG", exif_orientation=6))
    thumb = cache.get_or_make(source, "rotated", 256)
    assert _size(thumb) == (128, 256)  # stored landscape, shown portrait
    with Image.open(thumb) as image:
        # The marked top-left corner of the stored pixels is at the top-right once turned upright.
        rgb = image.convert("RGB")
        top_right, top_left = rgb.getpixel((120, 5)), rgb.getpixel((5, 5))
        assert isinstance(top_right, tuple) and isinstance(top_left, tuple)
        assert top_right[1] > 200 > top_right[0]  # the green marker
        assert top_left[0] > 200 > top_left[1]


def test_transparency_is_kept(cache: ThumbnailCache, tmp_path: Path) -> None:
    source = tmp_path / "alpha.png"
    Image.new("RGBA", (300, 300), (255, 0, 0, 0)).save(source)
    with Image.open(cache.get_or_make(source, "alpha", 256)) as image:
        pixel = image.getpixel((10, 10))
        assert image.mode == "RGBA" and isinstance(pixel, tuple) and pixel[3] == 0


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, None])
def test_a_broken_or_missing_file_gets_the_placeholder(
    cache: ThumbnailCache, tmp_path: Path, content: bytes | None
) -> None:
    source = tmp_path / "broken.png"
    if content is not None:
        source.write_bytes(content)
    thumb = cache.get_or_make(source, "broken", 256)
    assert thumb == cache.placeholder(256)
    assert _size(thumb) == (256, 256)
    assert not cache.path_for("broken", 256).exists()


def test_a_truncated_jpeg_gets_the_placeholder(cache: ThumbnailCache, tmp_path: Path) -> None:
    source = tmp_path / "cut.jpg"
    source.write_bytes(pixels((800, 600), fmt="JPG")[:2000])
    assert cache.get_or_make(source, "cut", 256) == cache.placeholder(256)


def test_a_cached_thumbnail_is_reused(cache: ThumbnailCache, tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    source.write_bytes(pixels((300, 300)))
    first = cache.get_or_make(source, "a", 256)
    source.unlink()  # a hit must not need the source any more
    assert cache.get_or_make(source, "a", 256) == first
    assert cache.get("a", 256) == first and cache.get("b", 256) is None
    with pytest.raises(ValueError):
        cache.get_or_make(source, "a", 100)


def test_the_least_recently_used_go_first_when_over_the_cap(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path / "thumbs", max_bytes=1)  # measured below
    sources = []
    for i in range(6):
        source = tmp_path / f"{i}.png"
        Image.effect_noise((300, 300), 50 + i).convert("RGB").save(source)
        sources.append(source)
    sizes = []
    unlimited = ThumbnailCache(tmp_path / "measure", max_bytes=1 << 40)
    for i, source in enumerate(sources):
        sizes.append(unlimited.get_or_make(source, str(i), 256).stat().st_size)
    cache.max_bytes = sum(sizes[:4]) + 10  # room for four
    for i, source in enumerate(sources[:4]):
        made = cache.get_or_make(source, f"id{i}", 256)
        os.utime(made, (1000 + i, 1000 + i))  # id0 used longest ago
    os.utime(cache.path_for("id0", 256), (5000, 5000))  # …until used again
    cache.get_or_make(sources[4], "id4", 256)
    kept = [i for i in range(5) if cache.path_for(f"id{i}", 256).exists()]
    assert 0 in kept and 4 in kept and 1 not in kept
    total = sum(cache.path_for(f"id{i}", 256).stat().st_size for i in kept)
    assert total <= cache.max_bytes


def test_many_threads_at_once(cache: ThumbnailCache, tmp_path: Path) -> None:
    items = []
    for i in range(8):
        source = tmp_path / f"{i}.jpg"
        source.write_bytes(pixels((640, 480), color=(i * 20, 0, 0), fmt="JPG"))
        items.append((source, f"same-{i % 2}"))  # pairs race for the same key
    broken = tmp_path / "broken.webp"
    broken.write_bytes(b"RIFF0000WEBPnope")
    items.append((broken, "bad"))
    results = cache.make_all(items, 256, workers=4)
    assert len(results) == 9
    for path in results[:8]:
        assert _size(path) == (256, 192)
    assert results[8] == cache.placeholder(256)
    leftovers = [p for p in (tmp_path / "thumbs").rglob("*") if p.name.startswith(".partial-")]
    assert leftovers == []


def test_the_library_hands_out_its_cache(tmp_path: Path) -> None:
    from seedream_desktop.library.index import Library

    with Library.open(tmp_path / "library", cache_dir=tmp_path / "cache") as library:
        source = library.root / "fox.png"
        source.write_bytes(pixels((600, 400)))
        entry = library.add_file(source)
        thumb = library.thumbnails.get_or_make(entry.path, entry.content_id, 256)
        assert thumb.is_relative_to(tmp_path / "cache") and _size(thumb) == (256, 171)
