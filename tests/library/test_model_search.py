"""The library records each image's model: ``model:`` in search, a model filter, and older indexes gain
the column on open (their rows from this app, made when only Seedream 4.0 existed, count as 4.0)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from tests.library.make_images import record, save

IMAGES = [
    ("forty", "bytedance:5@0", "seedream-desktop"),
    ("fortyfive", "bytedance:seedream@4.5", "seedream-desktop"),
    ("lite", "bytedance:seedream@5.0-lite", "seedream-desktop"),
    ("edit", "bytedance:4@1", "seedream-desktop"),
    ("foreign", "", "a1111"),
]


@pytest.fixture
def library(library_dir: Path) -> Iterator[Library]:
    with Library.open(library_dir) as lib:
        for i, (name, model, source) in enumerate(IMAGES):
            path = library_dir / f"{name}.png"
            save(path, f"picture {name}", "PNG", (32, 32), color=(i * 40, 10, 10), model=model, source=source)
            lib.add_file(path, record(f"picture {name}", 32, 32, "PNG", model=model, source=source))
        yield lib


def names(library: Library, query: Query) -> set[str]:
    found = {e.path.stem for e in library.search(query)}
    assert library.count(query) == len(found)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("model:4.5", {"fortyfive"}),
        ("model:lite", {"lite"}),
        ("model:seededit", {"edit"}),
        ("model:bytedance:5@0", {"forty"}),
        ("model:4.0", {"forty"}),
        ("-model:4.0 picture", {"fortyfive", "lite", "edit", "foreign"}),
        ("model:nothing-like-it", set()),
    ],
)
def test_model_in_search(library: Library, text: str, expected: set[str]) -> None:
    assert names(library, Query(text=text)) == expected


def test_model_filter_takes_any_of_several(library: Library) -> None:
    assert names(library, Query(models=("4.5", "bytedance:4@1"))) == {"fortyfive", "edit"}


def test_an_older_index_gains_the_column_and_its_rows_count_as_40(library_dir: Path) -> None:
    with Library.open(library_dir) as lib:
        path = library_dir / "old.png"
        save(path, "an old picture", "PNG", (32, 32))
        lib.add_file(path, record("an old picture", 32, 32, "PNG", source="seedream-desktop"))
    index_file = next(library_dir.rglob("index.sqlite3"))
    # Make it look like an index from before the column existed: drop it (SQLite ≥ 3.35).
    conn = sqlite3.connect(index_file)
    conn.execute("DROP INDEX IF EXISTS images_facets")
    conn.execute("ALTER TABLE images DROP COLUMN model")
    conn.commit()
    conn.close()
    with Library.open(library_dir) as lib:
        assert names(lib, Query(text="model:4.0")) == {"old"}
        assert names(lib, Query(text="model:4.5")) == set()
    conn = sqlite3.connect(index_file)
    assert "model" in {row[1] for row in conn.execute("PRAGMA table_info(images)")}
    conn.close()


def test_a_3k_image_is_filed_under_3k(library_dir: Path) -> None:
    with Library.open(library_dir) as lib:
        path = library_dir / "wide.png"
        save(path, "a wide harbour", "PNG", (64, 36))
        rec = record(
            "a wide harbour", 4096, 2304, "PNG", model="bytedance:seedream@5.0-lite", size_key="3K-16:9"
        )
        lib.add_file(path, rec)
        assert names(lib, Query(text="tier:3K")) == {"wide"}
        assert names(lib, Query(text="tier:4K")) == set()
