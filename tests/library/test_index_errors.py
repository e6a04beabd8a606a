"""Opening an index that cannot be used: only a damaged one is set aside; a locked or unopenable one is
left as it is and said plainly. A library on a network file system uses the rollback journal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from seedream_desktop.cli import main
from seedream_desktop.library import schema
from seedream_desktop.library.index import Library
from seedream_desktop.library.notice import IndexUnavailable
from seedream_desktop.library.query import Query
from tests.library.make_images import save


def _set_aside(library_dir: Path) -> list[Path]:
    return list((library_dir / ".seedream").glob("index.corrupt-*"))


@pytest.fixture
def locked(library_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """An indexed library whose index another program holds locked; this process waits 0.1 s for it."""
    save(library_dir / "fox.png", "a fox")
    with Library.open(library_dir) as library:
        library.scan()
        index = library.index_path
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(index, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE images SET rating = rating")
    holder.execute("COMMIT")  # the exclusive lock stays held until the connection closes
    yield holder
    holder.close()


def test_a_locked_index_is_left_alone_and_said(library_dir: Path, locked: sqlite3.Connection) -> None:
    with pytest.raises(IndexUnavailable) as raised:
        Library.open(library_dir)
    assert "could not be used: database is locked" in str(raised.value)
    assert str(library_dir.resolve() / ".seedream" / "index.sqlite3") in str(raised.value)
    assert _set_aside(library_dir) == []
    locked.close()
    with Library.open(library_dir) as library:
        assert library.notice is None and library.count() == 1


def test_the_cli_says_a_locked_index_without_a_traceback(
    library_dir: Path, locked: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "scan"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "could not be used: database is locked" in err and "Traceback" not in err
    assert _set_aside(library_dir) == []


def test_an_index_that_cannot_be_opened_is_not_set_aside(library_dir: Path) -> None:
    (library_dir / ".seedream" / "index.sqlite3").mkdir(parents=True)  # not openable, yet not damaged
    with pytest.raises(IndexUnavailable, match="unable to open database file"):
        Library.open(library_dir)
    assert (library_dir / ".seedream" / "index.sqlite3").is_dir() and _set_aside(library_dir) == []


def test_only_damage_counts_as_damage(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 300)
    with pytest.raises(sqlite3.DatabaseError) as not_a_db:
        sqlite3.connect(junk).execute("PRAGMA user_version").fetchone()
    with pytest.raises(sqlite3.OperationalError) as cannot_open:
        sqlite3.connect(tmp_path / "missing" / "x.db")
    assert schema.is_damage(not_a_db.value)
    assert not schema.is_damage(cannot_open.value)
    assert not schema.is_damage(sqlite3.OperationalError("no code from SQLite"))


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
nas:/export /mnt/nas nfs4 rw,relatime 0 0
//server/share /media/my\\040share cifs rw 0 0
/dev/sdb1 /mnt/nas/local-disk ext4 rw 0 0
"""


def test_network_file_systems_are_recognised_from_the_mount_table() -> None:
    assert schema.network_filesystem(Path("/mnt/nas/library"), MOUNTS)
    assert schema.network_filesystem(Path("/media/my share/library/.seedream"), MOUNTS)
    assert not schema.network_filesystem(
        Path("/mnt/nas/local-disk/library"), MOUNTS
    )  # the deepest mount wins
    assert not schema.network_filesystem(Path("/mnt/nasty/library"), MOUNTS)
    assert not schema.network_filesystem(Path("/home/me/Pictures"), MOUNTS)


def test_a_library_on_a_network_file_system_uses_the_rollback_journal(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(library_dir / "fox.png", "a fox")
    with Library.open(library_dir) as local:  # made on a local disk first: WAL
        local.scan()
        assert local._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setattr(schema, "network_filesystem", lambda path: True)  # then carried to a NAS
    with Library.open(library_dir) as library:
        assert library._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert library.count() == 1
        save(library_dir / "cat.png", "a cat", color=(5, 5, 5))
        assert library.scan().added == 1
    assert not (library_dir / ".seedream" / "index.sqlite3-wal").exists()


def test_damage_met_in_use_is_recovered_from(library_dir: Path) -> None:
    for i in range(3):
        save(library_dir / f"{i}.png", f"image {i}", color=(i, 2, 2), seed=i + 1)
    with Library.open(library_dir) as library:
        library.scan()
        library._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = library._conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'images_seed'"
        ).fetchone()[0]
        size = library._conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(library.index_path.read_bytes())
    data[(page - 1) * size] = 0x07  # the seed index's page: not read at open
    library.index_path.write_bytes(bytes(data))
    with Library.open(library_dir) as library:
        assert library.notice is None
        assert not library.recover(sqlite3.OperationalError("database is locked"))
        with pytest.raises(sqlite3.DatabaseError) as met:
            library._conn.execute("SELECT id FROM images WHERE seed = 2").fetchall()
        assert library.recover(met.value)
        assert "set aside as index.corrupt-" in str(library.notice) and library.needs_scan
        assert library.scan().added == 3 and library.count() == 3
        assert len(_set_aside(library_dir)) == 1


def _has_facet_index(index: Path) -> bool:
    conn = sqlite3.connect(index)
    try:
        return schema.has_index(conn, "images_facets")
    finally:
        conn.close()


def test_an_older_index_gains_the_facet_index_once_it_can_be_written(library_dir: Path) -> None:
    save(library_dir / "fox.png", "a fox")
    with Library.open(library_dir) as library:
        library.scan()
        index = library.index_path
    older = sqlite3.connect(index, isolation_level=None)
    older.execute("DROP INDEX images_facets")  # as version 1 shipped
    older.execute("BEGIN IMMEDIATE")  # another program is writing: the index is not added now
    fox_png = Query(text="fox", formats=("png",))
    with Library.open(library_dir) as library:
        assert library.notice is None
        assert library.count(fox_png) == len(library.search(fox_png)) == 1
    assert not _has_facet_index(index)
    older.execute("ROLLBACK")
    older.close()
    with Library.open(library_dir) as library:
        assert library.count(fox_png) == 1
    assert _has_facet_index(index)
