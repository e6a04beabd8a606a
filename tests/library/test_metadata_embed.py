"""Embedding is lossless and streams: same pixels, same bytes in any chunking, record read back."""

from __future__ import annotations

import io
import random
import tracemalloc
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.api.errors import BadImage
from seedream_desktop.library.metadata import EmbeddingWriter, embed, read_image_info, read_record
from seedream_desktop.library.metadata.jpeg import XMP_LIMIT
from seedream_desktop.library.metadata.xmp import read_record_json, read_xmp, xmp_packet
from seedream_desktop.library.record import GenerationRecord
from tests.helpers.metadata_samples import HEIGHT, SAMPLES, WIDTH, _big_png, _record

NAMES = sorted(SAMPLES)


def _pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.mode, image.size, image.tobytes()


def _streamed(
    data: bytes,
    fmt: str,
    record: GenerationRecord,
    out: io.BufferedRandom | io.BytesIO,
    rng: random.Random,
    most: int,
) -> None:
    writer = EmbeddingWriter(out, fmt, record)
    pos = 0
    while pos < len(data):
        step = rng.randint(1, most)
        assert writer.write(data[pos : pos + step]) == len(data[pos : pos + step])
        pos += step
        assert writer.tell() == min(pos, len(data))
    writer.finish()


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_and_same_pixels(name: str, tmp_path: Path) -> None:
    fmt, data = SAMPLES[name]
    record = _record(fmt)
    embedded = embed(data, fmt, record)
    path = tmp_path / name
    path.write_bytes(embedded)
    info = read_image_info(path)
    assert info is not None
    assert (info.width, info.height, info.format) == (WIDTH, HEIGHT, fmt)
    assert info.record == record
    assert read_record(path) == record
    assert _pixels(embedded) == _pixels(data)
    assert len(embedded) > len(data)


@pytest.mark.parametrize("name", NAMES)
def test_streaming_equals_whole_buffer(name: str, tmp_path: Path) -> None:
    fmt, data = SAMPLES[name]
    record = _record(fmt)
    expected = embed(data, fmt, record)
    rng = random.Random(name)
    for most in (1, 7, 300, 5000):
        with open(tmp_path / f"out-{most}", "w+b") as out:  # a real seekable file, as the saver uses
            _streamed(data, fmt, record, out, rng, most)
        assert (tmp_path / f"out-{most}").read_bytes() == expected, most


@pytest.mark.parametrize("name", ["rgba.png", "baseline.jpg", "lossless-alpha.webp"])
def test_restart_from_scratch(name: str, tmp_path: Path) -> None:
    fmt, data = SAMPLES[name]
    record = _record(fmt)
    path = tmp_path / name
    with open(path, "w+b") as out:
        writer = EmbeddingWriter(out, fmt, record)
        writer.write(data[: len(data) // 2])
        writer.write(b"garbage the connection delivered before it broke")
        assert writer.seek(0) == 0
        writer.truncate()
        assert writer.tell() == 0
        writer.write(data)
        writer.finish()
    assert path.read_bytes() == embed(data, fmt, record)


@pytest.mark.parametrize("name", NAMES)
def test_embedding_again_replaces_our_metadata(name: str, tmp_path: Path) -> None:
    fmt, data = SAMPLES[name]
    first = embed(data, fmt, _record(fmt))
    newer = _record(fmt)
    newer.prompt = "a second record replaces the first"
    twice = embed(first, fmt, newer)
    assert twice == embed(data, fmt, newer)
    path = tmp_path / name
    path.write_bytes(twice)
    assert read_record(path) == newer
    assert _pixels(twice) == _pixels(data)


def test_bytes_decide_the_format() -> None:
    _, jpeg = SAMPLES["baseline.jpg"]
    out = io.BytesIO()
    writer = EmbeddingWriter(out, "PNG", _record("PNG"))  # the server sent a JPEG anyway
    writer.write(jpeg)
    writer.finish()
    assert writer.format == "JPG"
    assert out.getvalue() == embed(jpeg, "JPG", _record("JPG"))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"x",
        b"GIF89a" + bytes(100),
        b"<html>not an image</html>",
        b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28),
        b"\x89PNG but not really" + bytes(40),
    ],
)
def test_unknown_bytes_pass_unchanged(data: bytes) -> None:
    out = io.BytesIO()
    writer = EmbeddingWriter(out, "PNG", _record("PNG"))
    writer.write(data)
    writer.finish()
    assert out.getvalue() == data
    assert writer.format == ""


@pytest.mark.parametrize("name", ["rgba.png", "many-idat.png", "lossy.webp", "lossless-alpha.webp"])
def test_cut_short_raises_bad_image(name: str) -> None:
    fmt, data = SAMPLES[name]
    for cut in (len(data) - 1, len(data) // 2, 30):
        with pytest.raises(BadImage):
            embed(data[:cut], fmt, _record(fmt))


def test_png_without_iend_is_cut_short_even_on_a_chunk_boundary() -> None:
    fmt, data = SAMPLES["many-idat.png"]
    assert data.endswith(b"IEND\xaeB`\x82")
    with pytest.raises(BadImage):
        embed(data[:-12], fmt, _record(fmt))  # ends right after the last IDAT


def test_jpeg_cut_before_image_data_raises_bad_image() -> None:
    _, data = SAMPLES["baseline.jpg"]
    with pytest.raises(BadImage):
        embed(data[:100], "JPG", _record("JPG"))


def test_write_after_finish_is_refused() -> None:
    fmt, data = SAMPLES["rgba.png"]
    writer = EmbeddingWriter(io.BytesIO(), fmt, _record(fmt))
    writer.write(data)
    writer.finish()
    with pytest.raises(ValueError):
        writer.write(b"more")


def test_xmp_over_the_jpeg_limit_drops_keywords_and_record_never_the_prompt() -> None:
    record = _record("JPG")
    record.prompt = "长" * 25_000  # 75 kB of UTF-8: more than a JPEG segment holds
    packet = xmp_packet(record, limit=XMP_LIMIT)
    record_json, description = read_xmp(packet)
    assert description == record.prompt
    assert record_json is None
    # The longest prompt Seedream takes, in 3-byte characters: everything fits, nothing is dropped.
    record.prompt = "长" * 2000
    assert record.request is not None
    record.request["prompt"] = record.prompt
    packet = xmp_packet(record, limit=XMP_LIMIT)
    assert packet == xmp_packet(record)
    record_json, description = read_xmp(packet)
    assert description == record.prompt
    assert record_json is not None and GenerationRecord.from_json(record_json) == record


def test_streaming_memory_is_per_chunk_not_per_file(tmp_path: Path) -> None:
    source = tmp_path / "source.png"
    source.write_bytes(_big_png(8))
    record = _record("PNG")
    with open(source, "rb") as src, open(tmp_path / "out.png", "wb") as out:
        tracemalloc.start()
        try:
            writer = EmbeddingWriter(out, "PNG", record)
            while chunk := src.read(64 * 1024):
                writer.write(chunk)
            writer.finish()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 1024 * 1024  # an 8 MB file went through in well under 1 MB
    info = read_image_info(tmp_path / "out.png")
    assert info is not None and info.record == record and (info.width, info.height) == (4000, 4000)


def test_record_found_in_xmp_however_another_tool_serialised_it() -> None:
    ns = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    as_attribute = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {ns}><rdf:Description rdf:about="" '
        'xmlns:sd="https://seedream-desktop.github.io/xmp/1.0/" sd:Record="{&quot;prompt&quot;:&quot;hi&quot;}"/>'
        "</rdf:RDF></x:xmpmeta>"
    )
    other_entities = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {ns}><rdf:Description rdf:about="" '
        'xmlns:seedream="https://seedream-desktop.github.io/xmp/1.0/">'
        "<seedream:Record>{&quot;prompt&quot;:&#34;a &amp; b&#34;}</seedream:Record>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    assert read_record_json(as_attribute.encode()) == '{"prompt":"hi"}'
    assert read_record_json(other_entities.encode()) == '{"prompt":"a & b"}'
    ours = xmp_packet(_record("JPG"))
    assert read_record_json(ours) == _record("JPG").to_json() == read_xmp(ours)[0]
    assert read_record_json(b"<not xml") is None
