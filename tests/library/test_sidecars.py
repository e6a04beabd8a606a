"""Marks as XMP sidecars: written merged, read back on scan, the newer side winning, exiftool agreeing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedream_desktop.library.index import Library
from seedream_desktop.library.sidecar import SidecarMarks, merged_sidecar, read_sidecar, sidecar_path
from tests.library.make_images import save

EXIFTOOL = shutil.which("exiftool")
needs_exiftool = pytest.mark.skipif(
    EXIFTOOL is None, reason="exiftool (libimage-exiftool-perl) is not installed"
)

FOREIGN = b"""<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:darktable="http://darktable.sf.net/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmp:Rating="2"
    xmp:Label="Green"
    darktable:history_end="7"
    photoshop:City="Lisbon">
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Lisbon</rdf:li><rdf:li>Seedream|Boards|Old</rdf:li></rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


@pytest.fixture
def library(library_dir: Path) -> Iterator[Library]:
    with Library.open(library_dir) as lib:
        yield lib


def _exiftool(*args: str) -> str:
    assert EXIFTOOL is not None
    done = subprocess.run([EXIFTOOL, *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _fox(library: Library, name: str = "fox.png") -> int:
    path = library.root / name
    save(path, "a red fox")
    return library.add_file(path).id


def test_merging_keeps_every_foreign_property_and_replaces_only_ours() -> None:
    marks = SidecarMarks(rating=4, favourite=False, tags=["fox", "a & b"], boards=["Posters"])
    data = merged_sidecar(FOREIGN, marks)
    assert data is not None
    text = data.decode("utf-8")
    assert 'darktable:history_end="7"' in text and 'photoshop:City="Lisbon"' in text
    assert "Places|Lisbon" in text and "Seedream|Boards|Old" not in text
    assert 'xmp:Label="Green"' in text  # another tool's colour label is not the favourite's: kept
    back = read_sidecar_bytes(data)
    assert (back.rating, back.favourite, back.tags, back.boards) == (4, False, ["fox", "a & b"], ["Posters"])
    favourite = read_sidecar_bytes(merged_sidecar(data, SidecarMarks(favourite=True)) or b"")
    assert favourite.favourite and favourite.rating == 0 and favourite.tags == []


def read_sidecar_bytes(data: bytes, folder: Path | None = None) -> SidecarMarks:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "x.png.xmp")
        path.write_bytes(data)
        marks = read_sidecar(path)
    assert marks is not None
    return marks


def test_lightroom_s_levels_of_a_board_keyword_are_not_tags() -> None:
    data = merged_sidecar(
        None, SidecarMarks(tags=["Seedream", "Boards", "Client A", "dunes"], boards=["Client A"])
    )
    assert read_sidecar_bytes(data or b"") == SidecarMarks(tags=["dunes"], boards=["Client A"])


def test_a_sidecar_that_is_not_xmp_is_never_overwritten() -> None:
    assert merged_sidecar(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", SidecarMarks(rating=1)) is None
    assert merged_sidecar(b"<html><body/></html>", SidecarMarks(rating=1)) is None
    assert merged_sidecar(b"not xml at all", SidecarMarks(rating=1)) is None


def test_marks_set_in_the_app_land_in_the_sidecar(library: Library) -> None:
    image_id = _fox(library)
    library.set_rating([image_id], 3)
    library.set_favourite([image_id], True)
    library.add_tag([image_id], "fox")
    library.add_to_board([image_id], library.create_board("Posters"))
    library.flush_sidecars()  # written in the background
    marks = read_sidecar(library.root / "fox.png.xmp")
    assert marks == SidecarMarks(3, True, ["fox"], ["Posters"])
    library.rename_board("Posters", "Prints")
    library.flush_sidecars()  # written in the background
    assert read_sidecar(library.root / "fox.png.xmp") == SidecarMarks(3, True, ["fox"], ["Prints"])
    library.remove_tag([image_id], "fox")
    library.set_favourite([image_id], False)
    library.flush_sidecars()  # written in the background
    assert read_sidecar(library.root / "fox.png.xmp") == SidecarMarks(3, False, [], ["Prints"])
    assert library.scan().added == 0  # the sidecar is no image


def test_lightroom_naming_and_off(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        library.sidecar_naming = "lightroom"
        library.set_rating([_fox(library)], 5)
        library.flush_sidecars()  # written in the background
        assert read_sidecar(library.root / "fox.xmp") == SidecarMarks(rating=5)
        assert not (library.root / "fox.png.xmp").exists()
        library.sidecar_naming = "off"
        library.set_rating([_fox(library, "cat.png")], 5)
        assert not (library.root / "cat.xmp").exists() and not (library.root / "cat.png.xmp").exists()


def _age(path: Path, seconds: float) -> None:
    when = time.time() + seconds
    os.utime(path, (when, when))


def test_a_newer_sidecar_wins_on_rescan(library: Library) -> None:
    image_id = _fox(library)
    library.set_rating([image_id], 2)
    sidecar = library.root / "fox.png.xmp"
    library.flush_sidecars()  # written in the background
    sidecar.write_bytes(
        merged_sidecar(sidecar.read_bytes(), SidecarMarks(5, True, ["from lightroom"], ["Old"])) or b""
    )
    _age(sidecar, 60)  # edited in another tool after the app's mark
    library.scan()
    entry = library.get(image_id)
    assert entry is not None and (entry.rating, entry.favourite) == (5, True)
    assert library.tags_of(image_id) == ["from lightroom"]
    assert [b.name for b in library.boards_of(image_id)] == ["Old"]
    # Taken into the marks journal too: a rebuilt index keeps them.
    library.rebuild()
    assert library.get(image_id).rating == 5  # type: ignore[union-attr]


def test_an_older_sidecar_loses_to_the_index_and_is_rewritten(library: Library) -> None:
    image_id = _fox(library)
    library.set_rating([image_id], 4)
    sidecar = library.root / "fox.png.xmp"
    library.flush_sidecars()  # written in the background
    sidecar.write_bytes(merged_sidecar(FOREIGN, SidecarMarks(rating=1)) or b"")
    _age(sidecar, -3600)  # a backup restored an hour-old copy
    library.scan()
    assert library.get(image_id).rating == 4  # type: ignore[union-attr]
    marks = read_sidecar(sidecar)
    assert marks is not None and marks.rating == 4
    assert b"photoshop:City" in sidecar.read_bytes()


def test_after_a_rebuild_the_marks_journal_dates_the_apps_marks(library: Library) -> None:
    image_id = _fox(library)
    library.set_rating([image_id], 4)
    library.flush_sidecars()
    sidecar = library.root / "fox.png.xmp"
    sidecar.write_bytes(merged_sidecar(sidecar.read_bytes(), SidecarMarks(rating=1)) or b"")
    _age(sidecar, -3600)  # older than the app's mark, which the rebuilt index no longer dates
    library.rebuild()
    assert library.get(image_id).rating == 4  # type: ignore[union-attr]
    library.flush_sidecars()
    assert read_sidecar(sidecar) == SidecarMarks(rating=4)  # and the stale sidecar was brought up to date


def test_an_unreadable_sidecar_is_skipped_by_the_scan(library: Library) -> None:
    image_id = _fox(library)
    (library.root / "fox.png.xmp").write_bytes(
        b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>"
    )
    report = library.scan()
    assert not report.errors and library.get(image_id).rating == 0  # type: ignore[union-attr]
    library.set_rating([image_id], 3)  # someone's file: not overwritten
    library.flush_sidecars()  # written in the background
    assert b"DOCTYPE" in (library.root / "fox.png.xmp").read_bytes()


@needs_exiftool
def test_exiftool_reads_the_marks_the_app_wrote(library: Library) -> None:
    image_id = _fox(library)
    library.set_rating([image_id], 4)
    library.set_favourite([image_id], True)
    library.add_tag([image_id], "fox")
    library.add_tag([image_id], "狐狸")
    library.add_to_board([image_id], library.create_board("Client A"))
    library.flush_sidecars()  # written in the background
    out = json.loads(
        _exiftool(
            "-j",
            "-XMP:Rating",
            "-XMP:Label",
            "-XMP:Subject",
            "-XMP:HierarchicalSubject",
            str(library.root / "fox.png.xmp"),
        )
    )[0]
    assert out["Rating"] == 4 and out["Label"] == "Red"
    assert sorted(out["Subject"]) == ["fox", "狐狸"]
    assert out["HierarchicalSubject"] == "Seedream|Boards|Client A"


@needs_exiftool
def test_marks_set_with_exiftool_show_up_after_a_rescan(library: Library) -> None:
    image_id = _fox(library)
    library.scan()
    sidecar = library.root / "fox.png.xmp"
    # exiftool creates the sidecar from nothing, as Lightroom or digiKam would.
    _exiftool("-XMP:Rating=5", "-XMP:Subject=beach", "-XMP:Subject=sunset", "-XMP:Label=Red",
              "-XMP:HierarchicalSubject=Seedream|Boards|Holiday", str(sidecar))  # fmt: skip
    _age(sidecar, 5)
    library.scan()
    entry = library.get(image_id)
    assert entry is not None and (entry.rating, entry.favourite) == (5, True)
    assert library.tags_of(image_id) == ["beach", "sunset"]
    assert [b.name for b in library.boards_of(image_id)] == ["Holiday"]


@needs_exiftool
def test_a_foreign_property_survives_an_app_write(library: Library) -> None:
    image_id = _fox(library)
    sidecar = sidecar_path(library.root / "fox.png")
    _exiftool("-XMP-dc:Creator=Ana", "-XMP-photoshop:Headline=Dunes", "-XMP:Rating=1", str(sidecar))
    _age(sidecar, -60)
    library.set_rating([image_id], 3)
    library.flush_sidecars()  # written in the background
    out = json.loads(_exiftool("-j", "-XMP:all", str(sidecar)))[0]
    assert out["Creator"] == "Ana" and out["Headline"] == "Dunes" and out["Rating"] == 3
