"""Export for delivery: sizes, presets, sRGB, metadata choices, safe names, never overwriting, cancel."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from seedream_desktop.library.export import (
    SRGB_ICC,
    ExportOptions,
    available_formats,
    export,
    write_new,
)
from seedream_desktop.library.export_names import BadTemplate, NameFields, render, safe_stem
from seedream_desktop.library.metadata import embed, read_record
from tests.library.make_images import record

PROMPT = "a lighthouse on a cliff at dawn, poster style with bold shapes"


def _source(path: Path, size: tuple[int, int] = (400, 200), mode: str = "RGB", **save: object) -> Path:
    picture = Image.new(mode, size, (200, 40, 40, 255)[: len(mode)] if mode != "RGB" else (200, 40, 40))
    picture.paste(
        (20, 40, 200) if mode == "RGB" else (20, 40, 200, 255),
        (size[0] // 2 - 5, 0, size[0] // 2 + 5, size[1]),
    )
    out = io.BytesIO()
    picture.save(out, "PNG", **save)  # type: ignore[arg-type]
    rec = record(PROMPT, size[0], size[1], "PNG", seed=77, created="2026-03-04T10:00:00Z")
    path.write_bytes(embed(out.getvalue(), "PNG", rec))
    return path


def test_long_edge_jpeg_in_srgb_with_the_record_kept(tmp_path: Path) -> None:
    source = _source(tmp_path / "fox.png")
    report = export([source], ExportOptions(tmp_path / "out", "JPEG", long_edge=100))
    assert not report.failed and [p.name for p in report.written] == ["fox.jpg"]
    with Image.open(report.written[0]) as image:
        assert (image.format, image.size) == ("JPEG", (100, 50))
        assert image.info["icc_profile"] == SRGB_ICC
    kept = read_record(report.written[0])
    assert kept is not None and kept.prompt == PROMPT and kept.seed == 77


def test_a_smaller_picture_is_never_scaled_up_by_a_long_edge(tmp_path: Path) -> None:
    source = _source(tmp_path / "small.png", (80, 60))
    report = export([source], ExportOptions(tmp_path / "out", "PNG", long_edge=1080))
    with Image.open(report.written[0]) as image:
        assert image.size == (80, 60)


@pytest.mark.parametrize("preset", ["1080x1080", "1080x1350", "1080x1920", "1920x1080", "1200x628"])
def test_social_presets_cover_crop_to_the_exact_frame(tmp_path: Path, preset: str) -> None:
    source = _source(tmp_path / "wide.png", (600, 300))
    report = export([source], ExportOptions(tmp_path / "out", "WEBP", preset=preset))
    width, height = (int(x) for x in preset.split("x"))
    with Image.open(report.written[0]) as image:
        assert image.size == (width, height)
        centre = image.convert("RGB").getpixel((width // 2, height // 2))
    assert isinstance(centre, tuple) and centre[2] > 150  # the blue stripe in the middle is kept


def test_metadata_without_the_prompt_and_none(tmp_path: Path) -> None:
    source = _source(tmp_path / "fox.png")
    slim = export([source], ExportOptions(tmp_path / "a", "PNG", metadata="no-prompt")).written[0]
    kept = read_record(slim)
    assert kept is not None and kept.prompt == "" and kept.seed == 77 and kept.request is None
    assert b"lighthouse" not in slim.read_bytes()
    bare = export([source], ExportOptions(tmp_path / "b", "JPEG", metadata="none")).written[0]
    assert read_record(bare) is None and b"lighthouse" not in bare.read_bytes()
    with Image.open(bare) as image:
        assert image.info["icc_profile"] == SRGB_ICC  # the colour profile is not "metadata" to strip


def _swapped_primaries() -> bytes:
    """An RGB profile whose red and blue primaries are sRGB's swapped: its red is sRGB's blue."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack_from(">I", data, 128)[0]
    entries = {bytes(data[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    r, b = entries[b"rXYZ"], entries[b"bXYZ"]
    data[r + 4 : r + 12], data[b + 4 : b + 12] = data[b + 4 : b + 12], data[r + 4 : r + 12]
    return bytes(data)


def test_colour_is_converted_to_srgb(tmp_path: Path) -> None:
    picture = Image.new("RGB", (50, 50), (255, 0, 0))
    source = tmp_path / "wide-gamut.png"
    picture.save(source, "PNG", icc_profile=_swapped_primaries())
    written = export([source], ExportOptions(tmp_path / "out", "PNG")).written[0]
    with Image.open(written) as image:
        assert image.info["icc_profile"] == SRGB_ICC
        red, _, blue = image.convert("RGB").getpixel((25, 25))  # type: ignore[misc]
    assert blue > 200 and red < 60


def test_transparent_parts_become_white_in_a_jpeg(tmp_path: Path) -> None:
    source = tmp_path / "cut-out.png"
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(source)
    written = export([source], ExportOptions(tmp_path / "out", "JPEG")).written[0]
    with Image.open(written) as image:
        assert image.mode == "RGB" and image.getpixel((5, 5)) == (255, 255, 255)


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    source = _source(tmp_path / "fox.png")
    out = tmp_path / "out"
    out.mkdir()
    (out / "fox.jpg").write_bytes(b"the client's approved version")
    written = export([source, source], ExportOptions(out, "JPEG")).written
    assert sorted(p.name for p in written) == ["fox (2).jpg", "fox (3).jpg"]
    assert (out / "fox.jpg").read_bytes() == b"the client's approved version"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp file left behind
    assert write_new(out, "fox", ".jpg", b"x").name == "fox (4).jpg"


def test_the_name_template(tmp_path: Path) -> None:
    source = _source(tmp_path / "fox.png")
    options = ExportOptions(tmp_path / "out", "PNG", template="{date}_{prompt:30}_{n}")
    written = export([source], options).written[0]
    assert written.name == "2026-03-04_a lighthouse on a cliff at daw_1.png"  # 30 characters
    with pytest.raises(BadTemplate, match=r"\{colour\}"):
        ExportOptions(tmp_path, template="{colour}").check()


def test_names_are_safe_on_windows() -> None:
    assert safe_stem('a/b: c?*"<>|\\d\x07') == "a_b_ c_______d_"
    assert safe_stem("con") == "_con" and safe_stem("LPT1.final") == "_LPT1.final"
    assert safe_stem(" .hidden. ") == "hidden" and safe_stem("...") == "image"
    assert len(safe_stem("x" * 500)) == 120
    assert render("{prompt:5}-{seed}-{n}", NameFields(prompt="line one\nline two", n=3)) == "line--3"


def test_cancel_stops_before_the_next_image_and_failures_are_listed(tmp_path: Path) -> None:
    sources = [_source(tmp_path / f"{n}.png", (60, 40)) for n in range(6)]
    (tmp_path / "broken.png").write_bytes(b"\x89PNG not really")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    report = export(
        [tmp_path / "broken.png", *sources],
        ExportOptions(tmp_path / "out", "PNG"),
        cancelled=cancelled,
        workers=1,
    )
    assert report.cancelled and len(report.written) == 1
    assert [p.name for p, _ in report.failed] == ["broken.png"]


@pytest.mark.skipif("AVIF" not in available_formats(), reason="this Pillow has no AVIF encoder")
def test_avif(tmp_path: Path) -> None:
    written = export(
        [_source(tmp_path / "fox.png")], ExportOptions(tmp_path / "out", "AVIF", long_edge=64)
    ).written[0]
    with Image.open(written) as image:
        assert (image.format, image.size) == ("AVIF", (64, 32))
