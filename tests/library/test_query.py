"""Searching the index: text (words, prefixes, Chinese, phrases, key:value), every filter, sorts, paging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from seedream_desktop.library.record import ParentImage, ReferenceRecord
from tests.library.make_images import record, save

# name, prompt, format, (w, h), day of September 2025, extra record fields
IMAGES: list[tuple[str, str, str, tuple[int, int], int, dict[str, Any]]] = [
    ("fox", "A red fox in the snow", "PNG", (64, 64), 1, {"seed": 42, "image_uuid": "u-fox"}),
    ("foxes", "Three foxes, Café crème light", "JPG", (96, 54), 2, {"seed": 7}),
    ("lighthouse", "海边的灯塔，黄昏", "WEBP", (48, 64), 3, {"references": [ReferenceRecord(name="r.png")]}),
    ("cat", "一只猫 sleeping on a sofa", "PNG", (64, 48), 4, {"parent": ParentImage(image_uuid="u-fox")}),
    ("city", "灯塔lighthouse city at night, neon", "JPG", (64, 27), 5, {"cost": 0.03}),
    ("blank", "", "PNG", (32, 32), 6, {}),
]


@pytest.fixture
def library(library_dir: Path) -> Iterator[Library]:
    with Library.open(library_dir) as lib:
        for i, (name, prompt, fmt, size, day, extra) in enumerate(IMAGES):
            path = library_dir / f"{name}.{fmt.lower()}"
            save(
                path,
                prompt,
                fmt,
                size,
                color=(i * 30, 10, 10),
                created=f"2025-09-{day:02d}T12:00:00Z",
                **extra,
            )
            lib.add_file(path, record(prompt, *size, fmt, created=f"2025-09-{day:02d}T12:00:00Z", **extra))
        yield lib


def names(library: Library, query: Query | str) -> list[str]:
    if isinstance(query, str):
        query = Query(text=query)
    found = [e.path.stem for e in library.search(query)]
    assert library.count(query) == len(found)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fox", ["foxes", "fox"]),  # a word is a prefix: "fox" finds "foxes"
        ("FOX snow", ["fox"]),
        ("f", ["foxes", "fox"]),
        ("灯塔", ["city", "lighthouse"]),  # two characters inside "海边的灯塔"
        ("的灯塔", ["lighthouse"]),
        ("边灯", []),  # not a substring
        ("猫", ["cat"]),  # one character
        ("黄昏", ["lighthouse"]),
        ("lighthouse", ["city"]),  # split from Chinese written without a space
        ("cafe", ["foxes"]),  # accents fold
        ('"red fox"', ["fox"]),
        ('"fox red"', []),
        ("-fox", ["blank", "city", "cat", "lighthouse"]),
        ("fox -snow", ["foxes"]),
        ("seed:42", ["fox"]),
        ("seed:43", []),
        ("format:jpg", ["city", "foxes"]),
        ("is:edit", ["cat"]),
        ("has:refs", ["lighthouse"]),
        ("size:64x48", ["cat"]),
        ("size:1K-1:1", []),
        ("tier:1k aspect:1:1", ["blank", "fox"]),
        ("nosuchkey:value", []),
        ("!!!", names_all := ["blank", "city", "cat", "lighthouse", "foxes", "fox"]),
        ("", names_all),
    ],
)
def test_text(library: Library, text: str, expected: list[str]) -> None:
    assert names(library, text) == expected


def test_marks_in_the_text_box(library: Library) -> None:
    fox = library.by_path(library.root / "fox.png")
    cat = library.by_path(library.root / "cat.png")
    assert fox is not None and cat is not None
    library.set_favourite([fox.id], True)
    library.set_rating([fox.id], 4)
    library.set_rating([cat.id], 2)
    library.add_to_board([cat.id], library.create_board("Pets"))
    library.add_tag([fox.id], "wild")
    assert names(library, "is:fav") == ["fox"]
    assert names(library, "rating>=2") == ["cat", "fox"]
    assert names(library, "rating>3") == ["fox"]
    assert names(library, "rating:2") == ["cat"]
    assert names(library, "board:Pets") == ["cat"]
    assert names(library, '"board:Pets"') == []  # quoted: plain text
    assert names(library, "-board:Pets rating>=1") == ["fox"]
    assert names(library, "tag:wild") == ["fox"]


def test_filters(library: Library) -> None:
    fox = library.by_path(library.root / "fox.png")
    cat = library.by_path(library.root / "cat.png")
    assert fox is not None and cat is not None
    library.set_favourite([fox.id], True)
    library.set_rating([cat.id], 3)
    board = library.create_board("Best")
    library.add_to_board([fox.id, cat.id], board)
    library.add_tag([cat.id], "pets")
    assert names(library, Query(favourite=True)) == ["fox"]
    assert len(names(library, Query(favourite=False))) == 5
    assert names(library, Query(min_rating=3)) == ["cat"]
    assert names(library, Query(board="Best")) == ["cat", "fox"]
    assert names(library, Query(board=board.id)) == ["cat", "fox"]
    assert names(library, Query(board="nope")) == []
    assert names(library, Query(tag="pets")) == ["cat"]
    assert names(library, Query(has_references=True)) == ["lighthouse"]
    assert "lighthouse" not in names(library, Query(has_references=False))
    assert names(library, Query(edits_only=True)) == ["cat"]
    assert "cat" not in names(library, Query(edits_only=False))
    assert names(library, Query(formats=("jpeg",))) == ["city", "foxes"]
    assert names(library, Query(formats=("webp", "PNG"))) == ["blank", "cat", "lighthouse", "fox"]
    assert names(library, Query(tiers=("1K",))) == names(library, Query())
    assert names(library, Query(tiers=("4K",))) == []
    assert names(library, Query(aspects=("16:9",))) == ["foxes"]
    assert names(library, Query(aspects=("3:4", "21:9"))) == ["city", "lighthouse"]
    assert names(library, Query(text="fox", favourite=True)) == ["fox"]


def test_date_range(library: Library) -> None:
    # Dates are local days; the images were made at 12:00 UTC, inside the same local day everywhere
    # from UTC-11 to UTC+11.
    assert names(library, Query(date_from=date(2025, 9, 5))) == ["blank", "city"]
    assert names(library, Query(date_to=date(2025, 9, 2))) == ["foxes", "fox"]
    assert names(library, Query(date_from=date(2025, 9, 3), date_to=date(2025, 9, 3))) == ["lighthouse"]
    noon = datetime.fromisoformat("2025-09-03T12:00:00+00:00")
    assert names(library, Query(date_from=noon, date_to=noon)) == ["lighthouse"]
    assert names(library, Query(date_from=noon + timedelta(seconds=1), date_to=noon + timedelta(days=1))) == [
        "cat"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date:2025-09-03", ["lighthouse"]),
        ("date:2025-09", ["blank", "city", "cat", "lighthouse", "foxes", "fox"]),
        ("date:2025", ["blank", "city", "cat", "lighthouse", "foxes", "fox"]),
        ("date:2024", []),
        ("date>=2025-09-05", ["blank", "city"]),
        ("date>2025-09-05", ["blank"]),  # after that whole day
        ("date<2025-09-02", ["fox"]),
        ("date<=2025-09-02", ["foxes", "fox"]),
        ("date>=2025-09-02 date<2025-09-04 fox", ["foxes"]),
        ("-date:2025-09-03 date<2025-09-05", ["cat", "foxes", "fox"]),
        ("date:2025-02-30", []),  # no such day: plain text, which no prompt holds
    ],
)
def test_dates_typed_in_the_search_box(library: Library, text: str, expected: list[str]) -> None:
    assert names(library, text) == expected


def test_sorts(library: Library) -> None:
    newest = names(library, Query())
    assert newest == ["blank", "city", "cat", "lighthouse", "foxes", "fox"]
    assert names(library, Query(sort="oldest")) == list(reversed(newest))
    city = library.by_path(library.root / "city.jpg")
    fox = library.by_path(library.root / "fox.png")
    assert city is not None and fox is not None
    library.set_rating([fox.id], 5)
    library.set_rating([city.id], 1)
    assert names(library, Query(sort="rating"))[:3] == ["fox", "city", "blank"]
    with pytest.raises(ValueError, match="unknown sort"):
        library.search(Query(sort="random"))  # type: ignore[arg-type]


def test_paging_windows_cover_everything_once(library: Library) -> None:
    everything = [e.id for e in library.search(Query())]
    pages = [library.search(Query(), offset=offset, limit=4) for offset in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 2, 0]
    assert [e.id for page in pages for e in page] == everything
    assert library.count() == 6


@pytest.mark.parametrize("sort", ["newest", "oldest", "rating"])
def test_the_frequent_word_plan_gives_the_same_pages(
    library: Library, monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    fox = library.by_path(library.root / "fox.png")
    assert fox is not None
    library.set_rating([fox.id], 2)
    queries = [Query(text=t, sort=sort) for t in ("fox", "a", "灯塔", "-fox", "fox format:png")]  # type: ignore[arg-type]
    expected = [
        [e.id for e in library.search(q, 0, 2)] + [e.id for e in library.search(q, 2, 10)] for q in queries
    ]
    monkeypatch.setattr("seedream_desktop.library.index.FREQUENT", 1)  # every match counts as frequent
    again = [
        [e.id for e in library.search(q, 0, 2)] + [e.id for e in library.search(q, 2, 10)] for q in queries
    ]
    assert again == expected
    assert any(expected)


# Text with every kind of filter: counted by joining the matches to the facet index when it holds
# every column the filters read, else to the rows.
TEXT_AND_FILTERS = [
    ("fox format:png", ["fox"]),
    ("fox rating>=3", ["fox"]),
    ("a is:fav", ["fox"]),
    ("a -fox", ["city", "cat"]),
    ("a -is:fav", ["city", "cat"]),
    ("灯塔 has:refs", ["lighthouse"]),
    ("fox seed:42", ["fox"]),
    ("a is:edit", ["cat"]),
    ("a board:Pets", ["cat"]),
    ("a -tag:wild", ["city", "cat"]),
    ("fox size:96x54", ["foxes"]),
    ("a date>=2025-09-04", ["city", "cat"]),
    ("fox tier:1K aspect:16:9", ["foxes"]),
]


@pytest.mark.parametrize("with_facet_index", [True, False])
def test_text_with_filters_is_counted_like_it_is_listed(
    library_dir: Path, library: Library, with_facet_index: bool
) -> None:
    fox = library.by_path(library.root / "fox.png")
    cat = library.by_path(library.root / "cat.png")
    assert fox is not None and cat is not None
    library.set_favourite([fox.id], True)
    library.set_rating([fox.id], 4)
    library.add_to_board([cat.id], library.create_board("Pets"))
    library.add_tag([fox.id], "wild")
    if not with_facet_index:
        # An index from before images_facets, on a drive where it cannot be added.
        library._conn.execute("DROP INDEX images_facets")
        library._facets = None
    for text, expected in TEXT_AND_FILTERS:
        assert names(library, text) == expected, text
    assert names(library, Query(text="fox", favourite=False, formats=("jpeg",))) == ["foxes"]
    assert names(library, Query(text="灯塔", min_rating=1)) == []
