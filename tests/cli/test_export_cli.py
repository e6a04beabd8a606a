"""`seedream library export`: files and search results into a folder, usage errors named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.cli import main
from tests.library.make_images import save


def test_export_files_and_a_query(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save(library_dir / "fox.png", "a red fox in the snow", size=(300, 200), seed=42)
    save(library_dir / "cat.png", "a grey cat", size=(300, 200), color=(9, 9, 9))
    out = tmp_path / "delivery"
    code = main(["library", "export", str(library_dir / "cat.png"), "--query", "fox", "--to", str(out),
                 "--preset", "1080x1350", "--format", "webp", "--name", "{seed}_{prompt:5}", "--json"])  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["failed"] == []
    assert sorted(Path(p).name for p in report["written"]) == ["42_a red.webp", "_a gre.webp"]
    with Image.open(out / "42_a red.webp") as image:
        assert image.size == (1080, 1350)


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "export", "--to", str(tmp_path)]) == 2
    assert "name the images" in capsys.readouterr().err
    assert main(["library", "export", "x.png", "--to", str(tmp_path), "--name", "{colour}"]) == 2
    assert "{colour}" in capsys.readouterr().err
    code = main(["library", "export", str(tmp_path / "missing.png"), "--to", str(tmp_path / "o")])
    assert code == 1 and "could not export" in capsys.readouterr().err
