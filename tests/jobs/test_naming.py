"""File names for saved images: readable, and valid on Windows, macOS and Linux."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from seedream_desktop.jobs.naming import SLUG_MAX, candidates, date_folder, file_stem, prompt_slug

WHEN = datetime(2026, 11, 22, 14, 30, 5)


def test_example_from_the_brief() -> None:
    stem = file_stem(WHEN, "A red fox in snow", 123456)
    assert stem + ".png" == "20261122-143005_a-red-fox-in-snow_s123456.png"
    assert date_folder(WHEN) == "2026-11-22"


@pytest.mark.parametrize(
    ("prompt", "slug"),
    [
        ('poster: "sale" <50%> off / now? *yes* | a\\b', "poster-sale-50-off-now-yes-a-b"),
        ("雪中的红狐狸，水彩", "雪中的红狐狸-水彩"),
        ("Café  crème...", "café-crème"),
        ("line\nbreak\ttab\x00nul", "line-break-tab-nul"),
        ("...   ", "image"),
        ("", "image"),
        ("CON", "con-image"),
        ("nul", "nul-image"),
        ("com1", "com1-image"),
        ("trailing dot.", "trailing-dot"),
    ],
)
def test_slug(prompt: str, slug: str) -> None:
    assert prompt_slug(prompt) == slug


def test_slug_is_capped_on_a_word_boundary() -> None:
    slug = prompt_slug("word " * 100)
    assert len(slug) <= SLUG_MAX
    assert slug.endswith("word")
    long_chinese = prompt_slug("狐" * 500)
    assert len(long_chinese) == SLUG_MAX
    assert len((file_stem(WHEN, "狐" * 500, 2**63 - 1, 15) + ".webp").encode()) < 255


@pytest.mark.parametrize("prompt", ['a<b>c:d"e/f\\g|h?i*j', "CON", " . ", "x" * 3000, "aux.txt"])
def test_names_contain_nothing_windows_refuses(prompt: str) -> None:
    name = file_stem(WHEN, prompt, 7) + ".png"
    assert not set('<>:"/\\|?*') & set(name)
    assert not name.rstrip(".png").endswith((".", " "))
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_sequence_index_and_collisions() -> None:
    assert file_stem(WHEN, "set", 1, 3).endswith("_s1_03")
    assert file_stem(WHEN, "no seed", None) == "20261122-143005_no-seed"
    assert list(itertools.islice(candidates("x", ".png"), 3)) == ["x.png", "x-2.png", "x-3.png"]
