"""Metadata a hostile or broken file may carry: every text parsed in linear time, every oddity a notice.

Each file is built here at test time. A file's metadata that cannot be used never stops it from being
indexed: the picture is listed (size, format) and the scan report says what was left out.
"""

from __future__ import annotations

import json
import random
import re
import struct
from pathlib import Path

import pytest

from seedream_desktop.library.index import Library
from seedream_desktop.library.infotext import param_pairs
from seedream_desktop.library.metadata import read_image_info
from seedream_desktop.library.metadata.exif import EXIF_HEADER, TAG_EXIF_IFD, TAG_USER_COMMENT, UNICODE_PREFIX
from seedream_desktop.library.metadata.found import LARGEST_TEXT
from seedream_desktop.library.metadata.jpeg import APP1, segment
from seedream_desktop.library.metadata.xmp import UnreadableXmp, parse_xml, read_xmp
from seedream_desktop.library.notice import DAMAGED_METADATA_NOTICE, TEXT_TOO_LARGE_NOTICE
from seedream_desktop.library.query import Query
from seedream_desktop.library.record import GenerationRecord, parse_a1111
from tests.library.hostile_files import BILLION_LAUGHS, itxt, png_with, text, webp_with, write, ztxt
from tests.library.make_images import pixels

# A1111's own parameter regex (modules/infotext_utils.py): param_pairs must find exactly its matches.
A1111_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
PARAMS = b"Steps: 20, Seed: 7, Size: 32x24"


# ---- linear parsing ---------------------------------------------------------------------------------
def test_param_pairs_finds_what_a1111s_regex_finds() -> None:
    rng = random.Random(14)
    pieces = ["a", "é", "1", "_", " ", "-", "/", ":", ",", '"', "\\", "\t", "Seed", ": ", ", ", '"x"', '\\"']
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        assert param_pairs(line) == A1111_PARAM.findall(line), line


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "line",
    [
        pytest.param("a " * 500_000, id="one-long-line-of-words"),  # A1111's regex: hours
        pytest.param("masterpiece, best quality, " * 40_000, id="one-long-prompt"),
        pytest.param("a:" * 500_000, id="colons"),
        pytest.param("ab:" * 350_000, id="keys"),
        pytest.param("ab:c," * 200_000, id="pairs"),
        pytest.param('k: "' * 250_000, id="unclosed-quotes"),
        pytest.param('k: "\\"' * 160_000, id="escaped-quotes"),
    ],
)
def test_a_megabyte_on_one_line_is_parsed_in_linear_time(line: str) -> None:
    # The bound is generous (a shared, loaded machine) yet quadratic behaviour misses it by hours;
    # the bench (python -m bench parse) gives the real figure.
    record = parse_a1111(line)
    assert record.source == "a1111"


def test_huge_numbers_in_parameters_are_not_kept() -> None:
    text_ = "a fox\nSteps: 20, Seed: " + "9" * 5000 + ", Size: 99999999999x5, Cost: 1e999, Sequential: 1/2"
    record = parse_a1111(text_)
    assert record.prompt == "a fox"
    assert record.seed is None and (record.width, record.height) == (0, 0) and record.cost is None
    assert parse_a1111("p\nSteps: 1, Seed: 99999999999999999999, Size: 8x8").seed is None
    assert parse_a1111("p\nSteps: 1, Seed: -12, Size: 8x8").seed == -12


# ---- JSON records ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    [
        "[" * 10_000 + "]" * 10_000,
        '{"prompt": ' + "[" * 10_000 + "]" * 10_000 + "}",
        "[1, 2]",
        "null",
        '"just a string"',
        "{not json",
        '{"seed": ' + "9" * 5000 + "}",
    ],
    ids=["nested-list", "nested-value", "list", "null", "string", "broken", "4300+digits"],
)
def test_a_record_that_is_not_one_falls_back_with_a_notice(tmp_path: Path, raw: str) -> None:
    path = write(
        tmp_path,
        "r.png",
        png_with(itxt(b"seedream", raw.encode(), compressed=True), text(b"parameters", b"a fox\n" + PARAMS)),
    )
    info = read_image_info(path)
    assert info is not None and (info.width, info.height) == (32, 24)
    assert info.record is not None and info.record.prompt == "a fox" and info.record.source == "a1111"
    assert info.notice is not None and info.notice.template == DAMAGED_METADATA_NOTICE
    assert "r.png" in str(info.notice)


def test_numbers_a_record_cannot_hold_are_dropped() -> None:
    data = {
        "prompt": "p",
        "seed": 10**30,
        "width": 10**25,
        "height": -5,
        "cost": 1e308 * 10,
        "sequence_total": 2**63,
    }
    record = GenerationRecord.from_json(json.dumps(data))
    assert (record.seed, record.width, record.height, record.cost, record.sequence_total) == (
        None,
        0,
        0,
        None,
        None,
    )
    assert GenerationRecord.from_json('{"cost": NaN}').cost is None
    assert GenerationRecord.from_json('{"cost": -Infinity, "seed": -3}').seed == -3


def test_a_request_nested_deeper_than_any_we_write_is_dropped() -> None:
    deep: object = "leaf"
    for _ in range(800):
        deep = {"x": deep}
    record = GenerationRecord.from_json(json.dumps({"prompt": "p", "request": deep}))
    assert record.prompt == "p" and record.request is None
    json.dumps(record.to_dict())  # and whatever is kept copies without recursing for ever


# ---- size caps and zip bombs ------------------------------------------------------------------------
def _too_large(path: Path) -> None:
    info = read_image_info(path)
    assert info is not None and (info.width, info.height) == (32, 24), "the picture itself is still read"
    assert info.notice is not None and info.notice.template == TEXT_TOO_LARGE_NOTICE
    assert info.notice.params == {"name": path.name, "limit": LARGEST_TEXT // 1024}


def test_a_text_chunk_over_the_cap_is_not_read(tmp_path: Path) -> None:
    body = b"a " * (LARGEST_TEXT // 2) + b"b\n" + PARAMS
    _too_large(write(tmp_path, "long.png", png_with(text(b"parameters", body))))


@pytest.mark.timeout(20)
@pytest.mark.parametrize("kind", ["zTXt", "iTXt"])
def test_a_zip_bomb_text_chunk_stops_at_the_cap(tmp_path: Path, kind: str) -> None:
    bomb = b"\x00" * (64 * 1024 * 1024)  # 64 MiB of zeros: about 64 KiB once compressed
    chunk = ztxt(b"parameters", bomb) if kind == "zTXt" else itxt(b"parameters", bomb, compressed=True)
    assert len(chunk) < 100_000
    _too_large(write(tmp_path, "bomb.png", png_with(chunk)))


def test_a_webp_exif_or_xmp_block_over_the_cap_is_not_read(tmp_path: Path) -> None:
    _too_large(write(tmp_path, "big.webp", webp_with(b"EXIF", b"MM\x00\x2a" + b"\x00" * LARGEST_TEXT * 2)))


def test_a_huge_or_damaged_exif_gives_no_record_and_no_crash(tmp_path: Path) -> None:
    # An IFD claiming 65535 entries, a UserComment claiming 4 GB at an offset past the end.
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 65535)
    tiff += struct.pack(">HHII", TAG_EXIF_IFD, 4, 1, 26) + struct.pack(">I", 0)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", TAG_USER_COMMENT, 7, 0xFFFFFFFF, 0x7FFFFFF0)
    tiff += b"\xff" * 60_000
    jpeg = pixels((32, 24), fmt="JPG")
    path = write(tmp_path, "exif.jpg", jpeg[:2] + segment(APP1, EXIF_HEADER + tiff) + jpeg[2:])
    info = read_image_info(path)
    assert info is not None and (info.width, info.height) == (32, 24) and info.record is None


def test_invalid_utf8_and_nul_bytes_are_read_as_what_they_can_be(tmp_path: Path, library_dir: Path) -> None:
    write(library_dir, "utf8.png", png_with(itxt(b"parameters", b"caf\xc3\xa9 \xff\xfe fox\n" + PARAMS)))
    write(library_dir, "nul.png", png_with(text(b"parameters", b"a\x00b owl\n" + PARAMS)))
    utf16 = UNICODE_PREFIX + "狐狸 \ud800".encode("utf-16-be", "surrogatepass")
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHII", TAG_EXIF_IFD, 4, 1, 26) + struct.pack(">I", 0)
    tiff += (
        struct.pack(">H", 1)
        + struct.pack(">HHII", TAG_USER_COMMENT, 7, len(utf16), 44)
        + struct.pack(">I", 0)
    )
    jpeg = pixels((32, 24), fmt="JPG")
    write(library_dir, "utf16.jpg", jpeg[:2] + segment(APP1, EXIF_HEADER + tiff + utf16) + jpeg[2:])
    with Library.open(library_dir) as library:
        report = library.scan()
        assert report.added == 3 and not report.errors
        assert library.count(Query(text="fox")) == 1
        assert library.count(Query(text="owl")) == 1
        assert library.count(Query(text="狐狸")) == 1
        (owl,) = library.search(Query(text="owl"))
        assert owl.prompt == "a\x00b owl"


# ---- XMP ----------------------------------------------------------------------------------------------
@pytest.mark.timeout(20)
def test_xmp_with_entities_is_refused_before_any_expansion(tmp_path: Path) -> None:
    with pytest.raises(UnreadableXmp):
        parse_xml(BILLION_LAUGHS)
    with pytest.raises(UnreadableXmp):
        parse_xml(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    assert read_xmp(BILLION_LAUGHS) == (None, None)
    path = write(tmp_path, "laughs.png", png_with(itxt(b"XML:com.adobe.xmp", BILLION_LAUGHS)))
    info = read_image_info(path)
    assert info is not None and info.record is None
    assert info.notice is not None and info.notice.template == DAMAGED_METADATA_NOTICE


def test_xmp_nested_ten_thousand_deep_is_read_without_recursion() -> None:
    assert read_xmp(b"<a>" * 10_000 + b"</a>" * 10_000) == (None, None)


# ---- the whole scan ---------------------------------------------------------------------------------
@pytest.mark.timeout(60)
def test_a_folder_of_hostile_files_is_scanned_with_a_notice_for_each(library_dir: Path) -> None:
    hostile = {
        "over-cap.png": png_with(text(b"parameters", b"a " * LARGEST_TEXT)),
        "bomb.png": png_with(ztxt(b"parameters", b"\x00" * (16 * 1024 * 1024))),
        "nested.png": png_with(itxt(b"seedream", b"[" * 10_000 + b"]" * 10_000)),
        "laughs.png": png_with(itxt(b"XML:com.adobe.xmp", BILLION_LAUGHS)),
        "big.webp": webp_with(b"XMP ", b"<x/>" * LARGEST_TEXT),
    }
    for name, data in hostile.items():
        write(library_dir, name, data)
    write(library_dir, "fine.png", png_with(text(b"parameters", b"a fox\n" + PARAMS)))
    # Under the cap, so read (A1111's regex took about 90 s on this one).
    write(library_dir, "long-line.png", png_with(text(b"parameters", b"owl " * 60_000 + b"\n" + PARAMS)))
    with Library.open(library_dir) as library:
        report = library.scan()
        assert report.added == 7 and not report.errors
        assert sorted(p.name for p, _ in report.notices) == sorted(hostile)
        assert library.count() == 7 and library.count(Query(text="fox")) == 1
        assert library.count(Query(text="owl")) == 1


@pytest.mark.timeout(60)
def test_notices_come_back_from_the_worker_processes(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Library, "pool_threshold", 1)  # read in the process pool, as a large scan does
    write(library_dir, "bomb.png", png_with(ztxt(b"parameters", b"\x00" * (4 * 1024 * 1024))))
    write(library_dir, "fine.png", png_with(text(b"parameters", b"a fox\n" + PARAMS)))
    with Library.open(library_dir) as library:
        report = library.scan()
    assert report.added == 2
    assert [(p.name, n.template) for p, n in report.notices] == [("bomb.png", TEXT_TOO_LARGE_NOTICE)]


def test_a_marks_journal_line_nested_thousands_deep_is_skipped(library_dir: Path) -> None:
    journal = library_dir / ".seedream" / "marks.jsonl"
    journal.parent.mkdir(parents=True)
    journal.write_text("[" * 100_000 + "]" * 100_000 + "\n" + '{"not": "an entry"}\n', encoding="utf-8")
    write(library_dir, "fine.png", png_with(text(b"parameters", b"a fox\n" + PARAMS)))
    with Library.open(library_dir) as library:
        assert library.scan().added == 1


@pytest.mark.parametrize(
    "created", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "+999999-01-01"]
)
def test_a_creation_time_no_date_can_hold_falls_back_to_the_files(library_dir: Path, created: str) -> None:
    record = json.dumps({"prompt": "an old fox", "created": created}).encode()
    write(library_dir, "old.png", png_with(itxt(b"seedream", record, compressed=True)))
    with Library.open(library_dir) as library:
        library.scan()
        (entry,) = library.search(Query(text="fox"))
    assert entry.created.year >= 2025
