"""The Library's index: opening, adding files, marks, boards, tags, lineage, rebuild, corruption, trash."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from seedream_desktop.library.record import ParentImage, ReferenceRecord
from tests.library.make_images import save


@pytest.fixture
def library(library_dir: Path) -> Iterator[Library]:
    with Library.open(library_dir) as lib:
        yield lib


def test_open_creates_a_wal_index_inside_the_library(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        assert library.index_path == library_dir.resolve() / ".seedream" / "index.sqlite3"
        assert library.needs_scan
        assert library.notice is None
    conn = sqlite3.connect(library_dir / ".seedream" / "index.sqlite3")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    with Library.open(library_dir) as again:
        assert not again.needs_scan


def _index_mapped(library: Library) -> bool:
    """Whether this process maps the index file itself (not its -shm, which WAL always maps)."""
    target = str(library.index_path)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return any(line.rstrip("\n").endswith(" " + target) for line in maps)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_only_a_browsing_connection_maps_the_index_into_memory(library_dir: Path) -> None:
    for n in range(3):
        save(library_dir / f"{n}.png", f"image {n}")
    with Library.open(library_dir, browsing=False) as background:
        background.scan()
        assert background.count() == 3
        assert background.search(Query())
        assert not _index_mapped(background), "a background pass would stay resident"
    with Library.open(library_dir) as browsing:
        assert len(browsing.search(Query())) == 3
        assert _index_mapped(browsing)


def test_add_file_with_record_fills_every_field(library: Library) -> None:
    path = library.root / "2025" / "fox.png"
    rec = save(
        path,
        "a red fox",
        size=(64, 48),
        seed=42,
        cost=0.03,
        task_uuid="t-1",
        image_uuid="i-1",
        references=[ReferenceRecord(name="ref.png", sha256="ab")],
    )
    entry = library.add_file(path, rec)
    assert entry.path == path
    assert (entry.prompt, entry.width, entry.height, entry.format) == ("a red fox", 64, 48, "PNG")
    assert (entry.seed, entry.cost, entry.task_uuid, entry.image_uuid) == (42, 0.03, "t-1", "i-1")
    assert entry.has_references and not entry.is_edit
    assert entry.created == datetime(2025, 9, 1, 10, tzinfo=UTC)
    assert (entry.tier, entry.aspect, entry.size_key) == ("1K", "4:3", None)
    assert entry.file_size == path.stat().st_size
    assert library.get(entry.id) == entry
    assert library.by_path(path) == entry
    # Adding the same path again updates the row instead of duplicating it.
    assert library.add_file(path, rec).id == entry.id
    assert library.count() == 1


def test_add_file_reads_the_record_when_none_is_given(library: Library) -> None:
    path = library.root / "lighthouse.webp"
    save(path, "海边的灯塔", size=(64, 64), seed=7)
    entry = library.add_file(path)
    assert (entry.prompt, entry.seed, entry.format, entry.source) == (
        "海边的灯塔",
        7,
        "WEBP",
        "seedream-desktop",
    )


def test_add_file_outside_the_library_is_refused(library: Library, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.png"
    save(outside)
    with pytest.raises(ValueError, match="not inside"):
        library.add_file(outside)


def _marked_library(library_dir: Path) -> tuple[Path, Path]:
    fox, cat = library_dir / "fox.png", library_dir / "cat.jpg"
    save(fox, "a red fox", color=(1, 2, 3))
    save(cat, "a cat", color=(4, 5, 6))
    with Library.open(library_dir) as library:
        library.scan()
        fox_id, cat_id = library.by_path(fox).id, library.by_path(cat).id  # type: ignore[union-attr]
        library.set_favourite([fox_id], True)
        library.set_rating([fox_id, cat_id], 4)
        library.set_rating([cat_id], 2)
        board = library.create_board("Brand kit")
        library.add_to_board([fox_id, cat_id], board)
        library.remove_from_board([cat_id], board)
        library.add_tag([cat_id], "pets")
    return fox, cat


def _assert_marks_kept(library: Library, fox: Path, cat: Path) -> None:
    fox_entry, cat_entry = library.by_path(fox), library.by_path(cat)
    assert fox_entry is not None and cat_entry is not None
    assert (fox_entry.favourite, fox_entry.rating) == (True, 4)
    assert (cat_entry.favourite, cat_entry.rating) == (False, 2)
    assert [(b.name, b.count) for b in library.boards()] == [("Brand kit", 1)]
    assert [e.path for e in library.search(Query(board="Brand kit"))] == [fox]
    assert library.tags_of(cat_entry.id) == ["pets"]


def test_a_deleted_index_is_rebuilt_with_every_mark(library_dir: Path) -> None:
    fox, cat = _marked_library(library_dir)
    for leftover in (library_dir / ".seedream").glob("index.sqlite3*"):
        leftover.unlink()
    with Library.open(library_dir) as library:
        assert library.needs_scan
        report = library.scan()
        assert report.added == 2
        _assert_marks_kept(library, fox, cat)


def test_rebuild_keeps_marks(library_dir: Path) -> None:
    fox, cat = _marked_library(library_dir)
    with Library.open(library_dir) as library:
        report = library.rebuild()
        assert report.added == 2
        _assert_marks_kept(library, fox, cat)


def test_a_corrupt_index_is_set_aside_and_rebuilt(library_dir: Path) -> None:
    fox, cat = _marked_library(library_dir)
    index = library_dir / ".seedream" / "index.sqlite3"
    for extra in (library_dir / ".seedream").glob("index.sqlite3-*"):
        extra.unlink()
    index.write_bytes(b"this is not a database" * 100)
    with Library.open(library_dir) as library:
        assert "set aside as index.corrupt-" in str(library.notice)
        aside = list((library_dir / ".seedream").glob("index.corrupt-*.sqlite3"))
        assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
        assert library.needs_scan
        library.scan()
        _assert_marks_kept(library, fox, cat)


def test_an_index_from_a_newer_version_is_set_aside(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        index = library.index_path
    conn = sqlite3.connect(index)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with Library.open(library_dir) as library:
        assert library.notice
        assert library.count() == 0


def test_marks_boards_and_tags_take_a_select_all_of_any_size(library: Library) -> None:
    paths = [library.root / f"{n}.png" for n in range(3)]
    for path in paths:
        save(path, f"image {path.stem}")
    ids = [library.add_file(p).id for p in paths]
    everything = range(1, 40_001)  # more ids than SQLite takes as bound variables in one statement
    library.set_favourite(everything, True)
    board = library.create_board("All")
    library.add_to_board(everything, board.id)
    library.add_tag(everything, "kept")
    assert all(library.get(i).favourite for i in ids)  # type: ignore[union-attr]
    assert library.count(Query(board=board.id)) == 3
    assert library.tags_on(everything) == ["kept"]
    assert library.tags_on([]) == []


def test_boards_never_move_files_and_can_be_renamed_and_deleted(library: Library) -> None:
    path = library.root / "fox.png"
    entry = library.add_file(path, save(path))
    board = library.create_board("  Posters ")
    assert board.name == "Posters"
    with pytest.raises(ValueError, match="already exists"):
        library.create_board("Posters")
    with pytest.raises(ValueError):
        library.create_board(" ")
    library.add_to_board([entry.id], "Posters")
    library.add_to_board([entry.id], board.id)  # twice is once
    library.rename_board(board, "Autumn posters")
    assert [(b.name, b.count) for b in library.boards()] == [("Autumn posters", 1)]
    assert [b.name for b in library.boards_of(entry.id)] == ["Autumn posters"]
    library.delete_board("Autumn posters")
    assert library.boards() == []
    assert path.exists() and library.count() == 1
    with pytest.raises(KeyError):
        library.add_to_board([entry.id], "Autumn posters")


def test_tags_and_ratings(library: Library) -> None:
    a, b = library.root / "a.png", library.root / "b.png"
    ea = library.add_file(a, save(a, color=(1, 1, 1)))
    eb = library.add_file(b, save(b, color=(2, 2, 2)))
    library.add_tag([ea.id, eb.id], "brand")
    library.add_tag([ea.id], "blue")
    assert library.tags() == [("blue", 1), ("brand", 2)]
    library.remove_tag([eb.id], "brand")
    assert library.tags() == [("blue", 1), ("brand", 1)]
    with pytest.raises(ValueError):
        library.set_rating([ea.id], 6)
    with pytest.raises(ValueError):
        library.add_tag([ea.id], "")
    library.set_rating([ea.id], 5)
    library.set_favourite([ea.id, eb.id], True)
    library.set_favourite([eb.id], False)
    assert (library.get(ea.id).rating, library.get(ea.id).favourite) == (5, True)  # type: ignore[union-attr]
    assert library.get(eb.id).favourite is False  # type: ignore[union-attr]


def test_lineage_by_image_uuid_and_by_content(library: Library) -> None:
    root = library.root
    base = library.add_file(
        root / "base.png", save(root / "base.png", "base", color=(9, 9, 9), image_uuid="u-base")
    )
    edit = library.add_file(
        root / "edit.png",
        save(
            root / "edit.png",
            "edit",
            color=(8, 8, 8),
            image_uuid="u-edit",
            parent=ParentImage(image_uuid="u-base"),
        ),
    )
    edit2 = library.add_file(
        root / "edit2.png",
        save(root / "edit2.png", "edit 2", color=(7, 7, 7), parent=ParentImage(content_id=edit.content_id)),
    )
    other = library.add_file(root / "other.png", save(root / "other.png", "other", color=(6, 6, 6)))
    assert [e.id for e in library.lineage(edit2.id).parents] == [edit.id, base.id]
    assert [e.id for e in library.lineage(base.id).children] == [edit.id]
    assert [e.id for e in library.lineage(edit.id).children] == [edit2.id]
    assert library.lineage(other.id).parents == [] and library.lineage(other.id).children == []
    assert library.lineage(123456).parents == []


def test_a_parent_pointing_at_itself_does_not_loop(library: Library) -> None:
    path = library.root / "loop.png"
    entry = library.add_file(
        path, save(path, "loop", image_uuid="u-loop", parent=ParentImage(image_uuid="u-loop"))
    )
    lineage = library.lineage(entry.id)
    assert lineage.parents == [] and lineage.children == []


def test_trash_sends_files_to_the_os_trash_and_the_index_follows(library: Library, tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME into tmp_path, so the "OS trash" is a folder of this test.
    a, b = library.root / "a.png", library.root / "b.png"
    ea = library.add_file(a, save(a, color=(1, 1, 1)))
    eb = library.add_file(b, save(b, color=(2, 2, 2)))
    trashed = library.trash([ea.id])
    assert [e.id for e in trashed] == [ea.id]
    assert not a.exists() and b.exists()
    assert (tmp_path / "xdg-data" / "Trash" / "files" / "a.png").exists()
    assert library.get(ea.id) is None and library.get(eb.id) is not None
    b.unlink()  # already gone: nothing to trash, the row still goes
    assert [e.id for e in library.trash([eb.id])] == [eb.id]
    assert library.count() == 0


_OTHER_PROCESS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from seedream_desktop.library.index import Library
    from tests.library.make_images import save
    root = Path(sys.argv[1])
    with Library.open(root) as library:
        for i in range(40):
            path = root / "child" / f"{i}.png"
            entry = library.add_file(path, save(path, f"child {i}", color=(i, 1, 1)))
            library.set_favourite([entry.id], True)
    """
)


def test_two_processes_share_one_library_without_corrupting_it(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        library.scan()
    child = subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROCESS, str(library_dir)], cwd=Path(__file__).parents[2]
    )
    try:
        with Library.open(library_dir) as library:
            for i in range(40):
                path = library_dir / "parent" / f"{i}.png"
                entry = library.add_file(path, save(path, f"parent {i}", color=(i, 2, 2)))
                library.set_rating([entry.id], 3)
    finally:
        assert child.wait(timeout=60) == 0
    with Library.open(library_dir) as library:
        assert library.count() == 80
        assert library.count(Query(favourite=True)) == 40
        assert library.count(Query(min_rating=3)) == 40
        assert library.count(Query(text="child")) == 40
        assert library._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert library.journal.replay().favourites and len(library.journal.replay().ratings) == 40


def test_damage_deep_inside_the_index_is_found_by_verify(library_dir: Path) -> None:
    fox, cat = _marked_library(library_dir)
    with Library.open(library_dir) as library:
        for i in range(300):  # enough rows for the tables to span many pages
            path = library_dir / "more" / f"{i}.png"
            library.add_file(path, save(path, f"prompt {i} " * 20, color=(i % 256, 3, 3)))
        assert library.verify()
        library._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        index = library.index_path
    data = bytearray(index.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # every other page after the schema
        data[offset + 8 : offset + 400] = b"\xa5" * 392
    index.write_bytes(bytes(data))
    with Library.open(library_dir) as library:
        if not library.notice:  # the damage was not in a page the open-time check reads
            assert not library.verify()
        assert "set aside" in str(library.notice) and library.needs_scan
        library.scan()
        assert library.count() == 302
        _assert_marks_kept(library, fox, cat)
