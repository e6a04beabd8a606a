"""Marks written into the image's own XMP (Settings xmp_in_files): byte-level, pixels untouched, the
index row and the marks following the file's new identity through a rescan and an index rebuild."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.library.identity import quick_id
from seedream_desktop.library.index import Library
from seedream_desktop.library.metadata.reader import read_record
from seedream_desktop.library.packet_swap import CannotEmbed, find_xmp, with_xmp
from seedream_desktop.library.record import ParentImage
from tests.library.make_images import pixels, save

EXIFTOOL = shutil.which("exiftool")
needs_exiftool = pytest.mark.skipif(
    EXIFTOOL is None, reason="exiftool (libimage-exiftool-perl) is not installed"
)
FORMATS = ["png", "jpg", "webp"]


@pytest.fixture
def library(library_dir: Path) -> Iterator[Library]:
    with Library.open(library_dir) as lib:
        lib.sidecar_naming = "off"  # the file's own XMP alone: nothing can come from a sidecar
        lib.marks_in_files = True
        yield lib


def _exiftool(*args: str) -> str:
    assert EXIFTOOL is not None
    done = subprocess.run([EXIFTOOL, *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _decoded(path: Path) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(path) as image:
        return image.mode, image.size, image.tobytes()


def _mark(library: Library, image_id: int) -> None:
    library.set_rating([image_id], 4)
    library.set_favourite([image_id], True)
    library.add_tag([image_id], "fox")
    library.add_to_board([image_id], library.create_board("Posters"))
    assert library.flush_sidecars(30)


def _marks(library: Library, path: Path) -> tuple[int, bool, list[str], list[str]]:
    entry = _entry(library, path)
    return (
        entry.rating,
        entry.favourite,
        library.tags_of(entry.id),
        [b.name for b in library.boards_of(entry.id)],
    )


def _entry(library: Library, path: Path) -> ImageEntry:
    row = library._conn.execute("SELECT id FROM images WHERE path = ?", (path.name,)).fetchone()
    assert row is not None
    entry = library.get(int(row[0]))
    assert entry is not None
    return entry


@needs_exiftool
@pytest.mark.parametrize("suffix", FORMATS)
def test_marks_go_into_the_file_and_everything_else_stays(library: Library, suffix: str) -> None:
    path = library.root / f"fox.{suffix}"
    save(path, "a red fox on a hill")
    _exiftool("-overwrite_original", "-XMP-photoshop:City=Lisbon", str(path))  # another tool's property
    before = _decoded(path)
    image_id = library.add_file(path).id
    old_cid = _entry(library, path).content_id

    _mark(library, image_id)

    assert _decoded(path) == before  # the very same pixels
    assert "Validate                        : OK" in _exiftool("-validate", "-warning", "-a", str(path))
    found = json.loads(
        _exiftool(
            "-j",
            "-XMP:Rating",
            "-XMP:Label",
            "-XMP:Subject",
            "-XMP:HierarchicalSubject",
            "-XMP:City",
            str(path),
        )
    )[0]
    assert found["Rating"] == 4 and found["Label"] == "Red" and found["City"] == "Lisbon"
    subject = found["Subject"] if isinstance(found["Subject"], list) else [found["Subject"]]
    assert "fox" in subject
    assert found["HierarchicalSubject"] == "Seedream|Boards|Posters"
    record = read_record(path)
    assert record is not None and record.prompt == "a red fox on a hill"  # our record still reads back
    entry = _entry(library, path)
    assert entry.content_id == quick_id(path) != old_cid
    assert entry.file_size == path.stat().st_size
    assert _marks(library, path) == (4, True, ["fox"], ["Posters"])

    report = library.scan()
    assert (report.updated, report.added, report.removed) == (0, 0, 0)
    assert _marks(library, path) == (4, True, ["fox"], ["Posters"])
    library.rebuild()
    assert _marks(library, path) == (4, True, ["fox"], ["Posters"])


def test_off_by_default_the_file_is_never_touched(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        library.sidecar_naming = "off"
        path = library.root / "fox.png"
        save(path, "a red fox")
        data = path.read_bytes()
        image_id = library.add_file(path).id
        library.set_rating([image_id], 5)
        assert library.flush_sidecars(30)
        assert path.read_bytes() == data


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_file_without_xmp_gains_one_and_a_second_write_replaces_it(fmt: str) -> None:
    data = pixels((40, 30), fmt=fmt)
    assert find_xmp(data) is None
    once = with_xmp(data, b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>one</x:xmpmeta>")
    twice = with_xmp(once, b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>two</x:xmpmeta>")
    assert find_xmp(twice) == b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>two</x:xmpmeta>"
    assert twice.count(b"xmpmeta xmlns") == 1
    for version in (data, twice):
        with Image.open(io.BytesIO(version)) as image:
            image.load()
    with Image.open(io.BytesIO(data)) as a, Image.open(io.BytesIO(twice)) as b:
        assert a.tobytes() == b.tobytes()


def test_a_damaged_file_is_left_alone() -> None:
    with pytest.raises(CannotEmbed):
        with_xmp(pixels(fmt="PNG")[:60], b"<x/>")


def test_a_foreign_image_keeps_its_own_keywords(library: Library) -> None:
    path = library.root / "fox.png"
    save(path, None)
    image_id = library.add_file(path).id
    library.add_tag([image_id], "fox")
    assert library.flush_sidecars(30)
    from seedream_desktop.library.sidecar import SidecarMarks, merged_sidecar

    packet = find_xmp(path.read_bytes())
    assert packet is not None and b"fox" in packet
    # Another tool adds a keyword of its own; removing the app's tag later keeps that one.
    theirs = packet.replace(b"<rdf:li>fox</rdf:li>", b"<rdf:li>fox</rdf:li><rdf:li>theirs</rdf:li>", 1)
    again = merged_sidecar(theirs, SidecarMarks(), in_file=True)
    assert again is not None and b"theirs" in again and b">fox<" not in again


def test_edits_follow_a_rewritten_parent_through_rescan_and_rebuild(library: Library) -> None:
    parent = library.root / "parent.png"
    save(parent, None)  # a foreign file: found by its content identity alone
    parent_id = library.add_file(parent).id
    child = library.root / "child.png"
    save(child, "a redder fox", parent=ParentImage(content_id=_entry(library, parent).content_id))
    child_id = library.add_file(child).id
    assert [p.id for p in library.lineage(child_id).parents] == [parent_id]

    library.set_rating([parent_id], 3)
    assert library.flush_sidecars(30)
    assert _entry(library, parent).content_id == quick_id(parent)

    assert [p.id for p in library.lineage(child_id).parents] == [parent_id]
    library.scan()
    assert [p.path for p in library.lineage(child_id).parents] == [parent]
    library.rebuild()
    child_entry = _entry(library, child)
    assert [p.path for p in library.lineage(child_entry.id).parents] == [parent]
    assert _entry(library, parent).rating == 3


def test_a_linked_file_is_not_replaced_by_a_copy(library: Library, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.png"
    save(target, "a red fox")
    original = target.read_bytes()
    link = library.root / "fox.png"
    link.symlink_to(target)
    image_id = library.add_file(link).id
    library.set_rating([image_id], 2)
    assert library.flush_sidecars(30)
    assert link.is_symlink() and target.read_bytes() == original


def test_a_mark_set_while_its_file_is_rewritten_reaches_the_file(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seedream_desktop.library import embedded_marks

    path = library.root / "fox.png"
    save(path, "a red fox")
    image_id = library.add_file(path).id
    board = library.create_board("Posters")
    real_write = embedded_marks.atomic_write
    calls: list[Path] = []

    def write_then_mark(target: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 1:  # the person adds a board while the first rewrite is under way
            library.add_to_board([image_id], board)
        real_write(target, data)

    monkeypatch.setattr(embedded_marks, "atomic_write", write_then_mark)
    library.set_rating([image_id], 2)
    assert library.flush_sidecars(30)
    packet = find_xmp(path.read_bytes())
    assert packet is not None and b"Seedream|Boards|Posters" in packet and len(calls) == 2
    assert _entry(library, path).content_id == quick_id(path)


def _age(path: Path, seconds: float) -> None:
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + int(seconds * 1e9)))


@needs_exiftool
@pytest.mark.parametrize("suffix", FORMATS)
def test_marks_another_tool_wrote_into_the_file_show_up_after_a_rescan(library: Library, suffix: str) -> None:
    ours, theirs = library.root / f"ours.{suffix}", library.root / f"theirs.{suffix}"
    save(ours, "a red fox")  # our record's keywords are in dc:subject: they are not tags
    save(theirs, None)
    ids = {p: library.add_file(p).id for p in (ours, theirs)}
    for path in (ours, theirs):
        # As Lightroom or digiKam would, into the file itself.
        _exiftool("-overwrite_original", "-XMP:Rating=5", "-XMP:Subject+=beach", "-XMP:Label=Red",
                  "-XMP:HierarchicalSubject=Seedream|Boards|Holiday", str(path))  # fmt: skip
        _age(path, 5)
    library.scan()
    for path in (ours, theirs):
        assert _marks(library, path) == (5, True, [] if path is ours else ["beach"], ["Holiday"])
    assert library.get(ids[ours]) is not None


@needs_exiftool
def test_marks_in_files_are_not_read_while_the_setting_is_off(library: Library) -> None:
    library.marks_in_files = False
    path = library.root / "theirs.jpg"
    save(path, None)
    library.add_file(path)
    _exiftool("-overwrite_original", "-XMP:Rating=5", str(path))
    library.scan()
    assert _marks(library, path)[0] == 0


@needs_exiftool
def test_the_app_s_newer_marks_win_over_a_file_saved_before(library: Library) -> None:
    path = library.root / "theirs.jpg"
    save(path, None)
    image_id = library.add_file(path).id
    _exiftool("-overwrite_original", "-XMP:Rating=1", str(path))
    _age(path, -60)  # re-saved a minute before the app's mark below
    library.marks_in_files = False  # the app's mark stays in the index only
    library.set_rating([image_id], 4)
    assert library.flush_sidecars(30)
    library.marks_in_files = True
    library.scan()
    assert _marks(library, path)[0] == 4
