"""Scanning and reconciling: first scan, rescans by stat, moves, edits, deletions, the watcher."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import threading
from pathlib import Path

from seedream_desktop.library.entry import ScanReport
from seedream_desktop.library.identity import EDGE, prefetch, quick_id
from seedream_desktop.library.index import Library
from seedream_desktop.library.query import Query
from seedream_desktop.library.record import ParentImage
from seedream_desktop.library.watch import LibraryWatcher
from tests.library.make_images import pixels, save, save_a1111


def _folder(root: Path) -> None:
    save(root / "ours" / "fox.png", "a red fox", color=(1, 0, 0), image_uuid="u-fox")
    save(root / "ours" / "lighthouse.jpg", "海边的灯塔", color=(2, 0, 0))
    save(root / "ours" / "cat.webp", "a cat", color=(3, 0, 0), parent=ParentImage(image_uuid="u-fox"))
    save_a1111(
        root / "a1111" / "00001.png",
        "a castle at night\nNegative prompt: blurry\nSteps: 20, Seed: 99, Size: 64x64",
    )
    (root / "plain.png").write_bytes(pixels((32, 32)))
    (root / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (root / "notes.txt").write_text("not an image")
    save(root / ".hidden" / "secret.png", "hidden")
    save(root / ".partial-abc.png", "half written")


def test_first_scan_indexes_every_image_of_every_kind(library_dir: Path) -> None:
    _folder(library_dir)
    seen: list[tuple[int, int]] = []
    with Library.open(library_dir) as library:
        report = library.scan(lambda done, total: seen.append((done, total)))
        assert (report.added, report.removed, report.errors) == (6, 0, [])
        assert seen[0] == (0, 6) and seen[-1] == (6, 6)
        assert library.count() == 6
        a1111 = library.by_path(library_dir / "a1111" / "00001.png")
        assert a1111 is not None
        assert (a1111.prompt, a1111.seed, a1111.source) == ("a castle at night", 99, "a1111")
        plain = library.by_path(library_dir / "plain.png")
        assert plain is not None and (plain.prompt, plain.width, plain.format) == ("", 32, "PNG")
        broken = library.by_path(library_dir / "broken.png")
        assert broken is not None and broken.width == 0
        assert library.by_path(library_dir / ".hidden" / "secret.png") is None
        assert [e.path.name for e in library.search(Query(text="灯塔"))] == ["lighthouse.jpg"]


def test_a_rescan_without_changes_reads_nothing(library_dir: Path) -> None:
    _folder(library_dir)
    with Library.open(library_dir) as library:
        library.scan()
        assert library.scan() == ScanReport(unchanged=6)


def test_the_process_pool_gives_the_same_index(library_dir: Path) -> None:
    for i in range(6):
        save(library_dir / f"{i}.png", f"prompt number {i}", color=(i, 9, 9))
    with Library.open(library_dir) as library:
        library.pool_threshold = 1  # force the worker processes
        report = library.scan()
        assert report.added == 6
        assert library.count(Query(text="number")) == 6


def test_the_process_pool_reads_every_file_as_this_process_does(library_dir: Path) -> None:
    _folder(library_dir)
    rows = []
    for threshold in (1, 10_000):  # worker processes (with prefetching), then this process
        shutil.rmtree(library_dir / ".seedream", ignore_errors=True)
        with Library.open(library_dir) as library:
            library.pool_threshold = threshold
            assert library.scan().added == 6
            rows.append(sorted((dataclasses.replace(e, id=0) for e in library.search(Query())), key=str))
    assert rows[0] == rows[1]


def test_the_quick_id_hashes_exactly_the_first_and_last_64_kib(tmp_path: Path) -> None:
    for size in (10, EDGE, EDGE + 1, 2 * EDGE, 2 * EDGE + 1, 5 * EDGE + 7):
        path = tmp_path / f"{size}.bin"
        data = bytes(i % 251 for i in range(size))
        path.write_bytes(data)
        covered = data if size <= 2 * EDGE else data[:EDGE] + data[-EDGE:]
        expected = f"{size:x}-{hashlib.blake2b(covered, digest_size=16).hexdigest()}"
        prefetch(path, size)
        assert quick_id(path) == quick_id(path, size) == expected
    prefetch(tmp_path / "gone.png", 123)  # a file that vanished since the walk: nothing happens


def test_files_moved_and_renamed_while_closed_keep_their_marks_and_lineage(library_dir: Path) -> None:
    _folder(library_dir)
    with Library.open(library_dir) as library:
        library.scan()
        fox = library.by_path(library_dir / "ours" / "fox.png")
        cat = library.by_path(library_dir / "ours" / "cat.webp")
        assert fox is not None and cat is not None
        library.set_favourite([fox.id], True)
        library.set_rating([fox.id], 5)
        library.add_to_board([fox.id], library.create_board("Best"))
        library.add_tag([fox.id], "animals")
    (library_dir / "archive" / "2025").mkdir(parents=True)
    (library_dir / "ours" / "fox.png").rename(library_dir / "archive" / "2025" / "renamed fox.png")
    (library_dir / "ours").rename(library_dir / "theirs")  # a whole folder moves
    with Library.open(library_dir) as library:
        report = library.scan()
        assert (report.moved, report.added, report.removed) == (3, 0, 0)
        moved = library.by_path(library_dir / "archive" / "2025" / "renamed fox.png")
        assert moved is not None and moved.id == fox.id
        assert (moved.favourite, moved.rating) == (True, 5)
        assert [b.name for b in library.boards_of(moved.id)] == ["Best"]
        assert library.tags_of(moved.id) == ["animals"]
        cat_now = library.by_path(library_dir / "theirs" / "cat.webp")
        assert cat_now is not None
        assert [p.id for p in library.lineage(cat_now.id).parents] == [fox.id]


def test_deleted_files_leave_the_index(library_dir: Path) -> None:
    _folder(library_dir)
    with Library.open(library_dir) as library:
        library.scan()
        (library_dir / "plain.png").unlink()
        shutil.rmtree(library_dir / "a1111")
        report = library.scan()
        assert (report.removed, report.unchanged) == (2, 4)
        assert library.count() == 4


def test_a_file_changed_in_place_is_reread_and_keeps_its_marks(library_dir: Path) -> None:
    path = library_dir / "fox.png"
    save(path, "a red fox")
    with Library.open(library_dir) as library:
        library.scan()
        before = library.by_path(path)
        assert before is not None
        library.set_favourite([before.id], True)
        library.add_tag([before.id], "keep")
        save(path, "a blue fox", color=(0, 0, 250))  # another tool re-saved it
        os.utime(path, ns=(1, 10**18))
        report = library.scan()
        assert report.updated == 1
        after = library.by_path(path)
        assert after is not None and after.id == before.id
        assert after.prompt == "a blue fox" and after.content_id != before.content_id
        assert after.favourite and library.tags_of(after.id) == ["keep"]
    # …and the carried marks are in the journal too, so a rebuild keeps them.
    with Library.open(library_dir) as library:
        library.rebuild()
        again = library.by_path(path)
        assert again is not None and again.favourite


def test_a_touched_but_identical_file_is_not_an_update(library_dir: Path) -> None:
    path = library_dir / "fox.png"
    save(path)
    with Library.open(library_dir) as library:
        library.scan()
        os.utime(path, ns=(1, 10**18))
        report = library.scan()
        assert (report.updated, report.unchanged) == (0, 1)
        assert library.scan() == ScanReport(unchanged=1)


def test_copies_share_their_marks(library_dir: Path) -> None:
    save(library_dir / "fox.png")
    with Library.open(library_dir) as library:
        library.scan()
        original = library.by_path(library_dir / "fox.png")
        assert original is not None
        library.set_rating([original.id], 3)
        shutil.copy2(library_dir / "fox.png", library_dir / "copy of fox.png")
        assert library.scan().added == 1
        copy = library.by_path(library_dir / "copy of fox.png")
        assert copy is not None and copy.content_id == original.content_id and copy.rating == 3


def test_sync_paths_handles_new_deleted_and_moved_files(library_dir: Path) -> None:
    save(library_dir / "a.png", "alpha", color=(1, 1, 1))
    save(library_dir / "b.png", "beta", color=(2, 2, 2))
    with Library.open(library_dir) as library:
        library.scan()
        b = library.by_path(library_dir / "b.png")
        assert b is not None
        save(library_dir / "c.png", "gamma", color=(3, 3, 3))
        (library_dir / "a.png").unlink()
        (library_dir / "sub").mkdir()
        (library_dir / "b.png").rename(library_dir / "sub" / "b.png")
        report = library.sync_paths(
            [library_dir / "c.png", library_dir / "a.png", library_dir / "sub" / "b.png"]
        )
        assert (report.added, report.removed, report.moved) == (1, 1, 1)
        moved = library.by_path(library_dir / "sub" / "b.png")
        assert moved is not None and moved.id == b.id
        (library_dir / "sub").rename(library_dir / "folder")
        report = library.sync_paths([library_dir / "sub", library_dir / "folder"])
        assert report.moved == 1
        assert library.by_path(library_dir / "folder" / "b.png") is not None


def test_the_watcher_picks_up_changes_while_running(library_dir: Path, tmp_path: Path) -> None:
    with Library.open(library_dir) as library:
        library.scan()
        changed = threading.Event()
        reports: list[ScanReport] = []

        def on_change(report: ScanReport) -> None:
            reports.append(report)
            changed.set()

        outside = tmp_path / "incoming.png"
        save(outside, "a watched fox")
        with LibraryWatcher(library, on_change, quiet=0.05):
            shutil.copy(outside, library_dir / "incoming.png")
            assert changed.wait(10), "the watcher never reported the new file"
            assert library.by_path(library_dir / "incoming.png") is not None
            entry = library.by_path(library_dir / "incoming.png")
            changed.clear()
            (library_dir / "moved").mkdir()
            (library_dir / "incoming.png").rename(library_dir / "moved" / "incoming.png")
            assert changed.wait(10)
            while library.by_path(library_dir / "moved" / "incoming.png") is None:
                changed.clear()
                assert changed.wait(10)
        moved = library.by_path(library_dir / "moved" / "incoming.png")
        assert moved is not None and entry is not None and moved.id == entry.id
        assert library.count() == 1


def test_the_librarys_own_folder_is_never_indexed(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        save(library.root / ".seedream" / "stray.png", "inside the state folder")
        save(library.root / "Thumbs" / ".partial-x.png", "a temp file of an atomic write")
        assert library.scan().added == 0


def _twins(root: Path) -> tuple[Path, Path]:
    """Two different files with equal size and equal first and last 64 KiB: equal quick ids."""
    head = pixels((32, 32)).ljust(EDGE, b"\0")
    tail = b"\x5a" * EDGE
    twins = (root / "twin-a.png", root / "twin-b.png")
    for path, middle in zip(twins, (b"\x01" * 4096, b"\x02" * 4096), strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(head + middle + tail)
    assert quick_id(twins[0]) == quick_id(twins[1])
    return twins


def test_a_quick_id_collision_is_settled_by_the_full_hash(library_dir: Path) -> None:
    a, b = _twins(library_dir)
    shutil.copy(a, library_dir / "copy of a.png")
    with Library.open(library_dir) as library:
        assert library.scan().added == 3
        ea, eb, copy = (library.by_path(p) for p in (a, b, library_dir / "copy of a.png"))
        assert ea is not None and eb is not None and copy is not None
        assert ea.content_id != eb.content_id
        assert {ea.content_id, eb.content_id} & {quick_id(a)}, "one keeps the quick id"
        assert "~" in (ea.content_id + eb.content_id)
        assert copy.content_id in (ea.content_id, eb.content_id), "same bytes: the same identity"
        library.set_favourite([eb.id], True)
        assert not library.get(ea.id).favourite  # type: ignore[union-attr]


def test_add_file_settles_a_collision_too(library_dir: Path, tmp_path: Path) -> None:
    a, b = _twins(library_dir)
    b.rename(tmp_path / "elsewhere.png")
    with Library.open(library_dir) as library:
        library.scan()
        ea = library.by_path(a)
        library.set_rating([ea.id], 4)  # type: ignore[union-attr]
        shutil.copy(tmp_path / "elsewhere.png", library_dir / "later.png")  # as the job pipeline saves
        eb = library.add_file(library_dir / "later.png")
        assert ea is not None and eb.content_id != ea.content_id
        assert eb.content_id.startswith(ea.content_id + "~") and eb.rating == 0
        assert library.add_file(library_dir / "later.png").content_id == eb.content_id  # stable
