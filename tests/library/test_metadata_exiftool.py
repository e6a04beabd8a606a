"""exiftool (a reader we did not write) sees our XMP, IPTC and A1111 text, and validates our files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from seedream_desktop.library.metadata import embed, read_record
from tests.helpers.metadata_samples import SAMPLES, _record
from tests.helpers.records import PROMPT

EXIFTOOL = shutil.which("exiftool")
pytestmark = pytest.mark.skipif(EXIFTOOL is None, reason="exiftool (libimage-exiftool-perl) is not installed")
TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exiftool")
    paths = {}
    for name, (fmt, data) in SAMPLES.items():
        paths[name] = folder / name
        paths[name].write_bytes(embed(data, fmt, _record(fmt)))
    return paths


def _exiftool(*args: str) -> str:
    assert EXIFTOOL is not None
    done = subprocess.run(
        [EXIFTOOL, *args], capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_exiftool_reads_every_field(saved: dict[str, Path]) -> None:
    # One exiftool run for all files: perl starts once.
    tags = json.loads(_exiftool("-j", "-G1", "-a", "-charset", "utf8", *map(str, saved.values())))
    by_name = {Path(t["SourceFile"]).name: t for t in tags}
    assert set(by_name) == set(saved)
    for name, t in by_name.items():
        fmt = SAMPLES[name][0]
        record = _record(fmt)
        assert t["XMP-dc:Description"] == PROMPT, name
        assert t["XMP-iptcExt:DigitalSourceType"] == TRAINED, name
        assert t["XMP-xmp:CreatorTool"] == record.app, name
        assert "Seedream 4.0" in t["XMP-dc:Subject"], name
        if fmt == "PNG":
            assert t["PNG:Parameters"] == record.a1111_parameters(), name
        else:
            assert t["ExifIFD:UserComment"] == record.a1111_parameters(), name
            assert t["XMP-seedream:Record"] == record.to_json(), name
        assert "ExifTool:Warning" not in t, (name, t.get("ExifTool:Warning"))


def test_exiftool_validates_our_files(saved: dict[str, Path]) -> None:
    out = _exiftool("-validate", "-warning", "-error", "-a", "-G1", "-j", *map(str, saved.values()))
    for t in json.loads(out):
        assert t.get("ExifTool:Validate") == "OK", t
        assert "ExifTool:Error" not in t and "ExifTool:Warning" not in t, t


def test_record_survives_exiftool_rewriting_the_metadata(saved: dict[str, Path], tmp_path: Path) -> None:
    """Another tool edits the file (exiftool rewrites the whole XMP packet): our record is still read."""
    copies = []
    for name in ("rgba.png", "baseline.jpg", "lossy.webp", "lossless-alpha.webp"):
        copy = tmp_path / name
        copy.write_bytes(saved[name].read_bytes())
        copies.append(copy)
    _exiftool(
        "-overwrite_original", "-XMP-dc:Title=Edited elsewhere", "-XMP-dc:Subject+=extra", *map(str, copies)
    )
    for copy in copies:
        assert b"Edited elsewhere" in copy.read_bytes()
        assert read_record(copy) == _record(SAMPLES[copy.name][0]), copy.name
