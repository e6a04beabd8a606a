"""The library browser's Qt-free parts and its background sync: import, restore from the trash, an
edit's parent, scanning and watching the folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from seedream_desktop.library.index import Library
from seedream_desktop.library.metadata import read_record
from seedream_desktop.library.parent import parent_image
from seedream_desktop.ui.library.importer import IMPORT_FOLDER, ImportMode, image_files, import_into
from seedream_desktop.ui.library.library_sync import LibrarySync
from seedream_desktop.ui.library.untrash import can_restore, restore_from_trash
from tests.library.make_images import save


def test_image_files_walks_folders_and_skips_the_rest(tmp_path: Path) -> None:
    save(tmp_path / "in" / "a.png", "a")
    save(tmp_path / "in" / "deep" / "b.webp", "b")
    save(tmp_path / "in" / ".hidden" / "c.png", "c")
    (tmp_path / "in" / "readme.md").write_text("no")
    found = image_files([tmp_path / "in", tmp_path / "in" / "readme.md"])
    assert [rel.as_posix() for _, rel in found] == ["in/a.png", "in/deep/b.webp"]


def test_import_copy_keep_and_name_clashes(tmp_path: Path) -> None:
    source = tmp_path / "photos" / "x.png"
    save(source, "imported prompt")
    with Library.open(tmp_path / "library", tmp_path / "thumbs") as library:
        day = date(2025, 9, 1)
        first = import_into(library, [source], ImportMode.COPY, day)
        second = import_into(library, [source], ImportMode.COPY, day)
        kept = import_into(library, [source], ImportMode.KEEP, day)
        folder = library.root / IMPORT_FOLDER / "2025-09-01"
        assert [p.name for p in first.placed + second.placed + kept.placed] == [
            "x.png",
            "x (2).png",
            "x (3).png",
        ]
        assert not (folder / "x.png").is_symlink() and (folder / "x (3).png").is_symlink()
        assert library.count() == 3 and first.report.added == 1
        entry = library.by_path(folder / "x (3).png")
        assert entry is not None and entry.prompt == "imported prompt"
        inside = import_into(library, [folder / "x.png"], ImportMode.COPY, day)
        assert inside.placed == [folder / "x.png"] and library.count() == 3  # already there: only indexed


@pytest.mark.skipif(not can_restore(), reason="restoring reads the freedesktop.org trash")
def test_restore_from_trash_puts_the_newest_copy_back(tmp_path: Path) -> None:
    from send2trash import send2trash

    path = tmp_path / "library" / "a.png"
    save(path, "first", color=(1, 1, 1))
    send2trash(path)
    save(path, "second", color=(2, 2, 2))
    send2trash(path)
    assert not path.exists()
    assert restore_from_trash(path)
    record = read_record(path)
    assert record is not None and record.prompt == "second"
    assert not restore_from_trash(path)  # something lives there again: nothing is overwritten
    path.unlink()
    assert restore_from_trash(path) and read_record(path).prompt == "first"  # type: ignore[union-attr]
    path.unlink()
    assert not restore_from_trash(path)


def test_parent_image_identifies_the_edited_file(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    save(path, "parent", image_uuid="uuid-a")
    parent = parent_image(str(path))
    assert parent is not None and parent.image_uuid == "uuid-a" and parent.path == str(path)
    with Library.open(tmp_path / "lib", tmp_path / "thumbs") as library:
        copy = library.root / "a.png"
        copy.write_bytes(path.read_bytes())
        assert parent.content_id == library.add_file(copy).content_id
    assert parent_image(None) is None
    gone = parent_image(tmp_path / "gone.png")
    assert gone is not None and gone.path and not gone.content_id and not gone.image_uuid


def test_sync_scans_then_watches_the_folder(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "library"
    save(root / "old.png", "there before", color=(5, 5, 5))
    with Library.open(root, tmp_path / "thumbs") as library:
        sync = LibrarySync(root, tmp_path / "thumbs")
        reports: list[object] = []
        sync.changed.connect(reports.append)
        try:
            with qtbot.waitSignal(sync.changed, timeout=10_000):
                sync.start()
            assert library.count() == 1
            qtbot.waitUntil(sync.watching.is_set, timeout=10_000)
            with qtbot.waitSignal(sync.changed, timeout=10_000):
                save(root / "new.png", "arrived while running", color=(6, 6, 6))
            assert library.count() == 2
        finally:
            sync.stop()
