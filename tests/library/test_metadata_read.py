"""Reading: foreign A1111 files, files with no metadata, and damaged files that must never raise."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from seedream_desktop.library.metadata import embed, read_image_info, read_record
from seedream_desktop.library.metadata.png import chunk
from seedream_desktop.library.record import GenerationRecord
from tests.helpers.metadata_samples import SAMPLES, _big_png, _record

A1111_TEXT = (
    "a lighthouse at dusk, 灯塔, volumetric light\n"
    "Negative prompt: blurry, lowres\n"
    "Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 987654321, "
    "Size: 1216x832, Model hash: 1a2b3c4d5e, Model: juggernautXL_v9, Version: f2.0.1v1.10.1"
)


def _check_a1111(record: GenerationRecord | None) -> None:
    assert record is not None
    assert record.source == "a1111"
    assert record.prompt == "a lighthouse at dusk, 灯塔, volumetric light"
    assert record.seed == 987654321
    assert (record.width, record.height) == (1216, 832)
    assert record.model_name == "juggernautXL_v9"


def test_foreign_a1111_png(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", A1111_TEXT)  # as A1111 itself saves: Pillow picks iTXt for non-Latin-1
    path = tmp_path / "a1111.png"
    Image.new("RGB", (40, 30), "teal").save(path, pnginfo=info)
    image = read_image_info(path)
    assert image is not None and (image.width, image.height, image.format) == (40, 30, "PNG")
    _check_a1111(image.record)


def test_foreign_latin1_parameters_in_text_chunk_after_idat(tmp_path: Path) -> None:
    png = SAMPLES["many-idat.png"][1]
    text = A1111_TEXT.replace(", 灯塔", "")
    tail = chunk(b"tEXt", b"parameters\x00" + text.encode("latin-1"))
    iend = png.rindex(b"IEND") - 4
    path = tmp_path / "late.png"
    path.write_bytes(png[:iend] + tail + png[iend:])  # some tools write text after the pixels
    record = read_record(path)
    assert record is not None and record.prompt == "a lighthouse at dusk, volumetric light"


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_foreign_a1111_exif_user_comment(fmt: str, tmp_path: Path) -> None:
    exif = Image.Exif()
    # Pillow writes a big-endian TIFF; this comment is UTF-16LE, as some writers do: read it anyway.
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + A1111_TEXT.encode("utf-16-le")
    path = tmp_path / f"a1111.{fmt.lower()}"
    Image.new("RGB", (40, 30), "teal").save(path, format=fmt, exif=exif)
    image = read_image_info(path)
    assert image is not None and (image.width, image.height) == (40, 30)
    _check_a1111(image.record)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_no_metadata_gives_size_and_no_record(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"plain.{fmt.lower()}"
    Image.new("RGB", (33, 21), "orange").save(path, format=fmt)
    image = read_image_info(path)
    assert image is not None
    assert (image.width, image.height, image.format) == (33, 21, {"JPEG": "JPG"}.get(fmt, fmt))
    assert image.record is None
    assert read_record(path) is None


def test_foreign_xmp_description_is_a_partial_record(tmp_path: Path) -> None:
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
        '<rdf:li xml:lang="x-default">Harbour at night</rdf:li></rdf:Alt></dc:description>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (20, 10)).save(path, format="JPEG", xmp=xmp.encode())
    record = read_record(path)
    assert record is not None and record.source == "unknown" and record.prompt == "Harbour at night"


def _damaged_variants(data: bytes, rng: random.Random) -> list[bytes]:
    cuts = [data[:n] for n in range(0, len(data), max(1, len(data) // 60))]
    flips = []
    for _ in range(40):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            where = rng.randrange(min(len(data), 600))  # headers and metadata live at the front
            mutated[where] = rng.randrange(256)
        flips.append(bytes(mutated))
    return cuts + flips


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_damaged_files_never_raise(name: str, tmp_path: Path) -> None:
    fmt, data = SAMPLES[name]
    embedded = embed(data, fmt, _record(fmt))
    rng = random.Random(name)
    path = tmp_path / name
    outcomes = set()
    for variant in _damaged_variants(embedded, rng):
        path.write_bytes(variant)
        info = read_image_info(path)  # must not raise
        outcomes.add(info is None)
        record = read_record(path)
        assert record is None or record.prompt is not None
    assert outcomes == {True, False}  # some damage is survivable, some is not


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8",
        b"RIFF\xff\xff\xff\xffWEBPVP8X",
        b"RIFF\x10\x00\x00\x00WAVEfmt ",
        "just some text, 文字".encode(),
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 5, 5, 8, 2, 0, 0, 0)
        + b"\0\0\0\0"
        + struct.pack(">I", 0x7FFFFFF0)
        + b"iTXt",
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 5, 5, 8, 2, 0, 0, 0)
        + b"\0\0\0\0"
        + chunk(b"iTXt", b"seedream\x00\x01\x00\x00\x00" + zlib.compress(b"{not json")),
    ],
)
def test_non_images_and_garbage_never_raise(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "thing.png"
    path.write_bytes(content)
    info = read_image_info(path)
    assert info is None or info.record is None


def test_missing_paths_and_folders_give_none(tmp_path: Path) -> None:
    assert read_image_info(tmp_path / "nope.png") is None
    assert read_image_info(tmp_path) is None
    assert read_record(tmp_path / "nope.png") is None


def _bytes_read() -> int | None:
    try:
        text = Path("/proc/self/io").read_text()
    except OSError:
        return None
    return int(next(line.split()[1] for line in text.splitlines() if line.startswith("rchar:")))


def test_reading_touches_only_the_headers(tmp_path: Path) -> None:
    """An 8 MB PNG is indexed by reading a few kilobytes (IDAT is seeked over, never read)."""
    record = _record("PNG")
    path = tmp_path / "big.png"
    path.write_bytes(embed(_big_png(8), "PNG", record))
    plain = tmp_path / "big-plain.png"  # nothing found before IDAT: the walk seeks across all of it
    plain.write_bytes(_big_png(8))
    if _bytes_read() is None:
        pytest.skip("no /proc/self/io on this system")
    before = _bytes_read()
    info = read_image_info(path)
    plain_info = read_image_info(plain)
    after = _bytes_read()
    assert info is not None and info.record == record
    assert plain_info is not None and plain_info.record is None
    assert before is not None and after is not None and after - before < 64 * 1024


def test_file_handles_are_closed(tmp_path: Path) -> None:
    # filterwarnings=error turns an unclosed file into a failure; read many to be sure.
    fmt, data = SAMPLES["lossy.webp"]
    path = tmp_path / "x.webp"
    path.write_bytes(embed(data, fmt, _record(fmt)))
    for _ in range(50):
        assert read_image_info(path) is not None
