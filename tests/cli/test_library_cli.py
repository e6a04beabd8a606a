"""`seedream library …` end to end, in-process, on a real folder (SEEDREAM_LIBRARY from conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seedream_desktop.cli import main
from seedream_desktop.library.index import Library
from tests.library.make_images import save


@pytest.fixture
def folder(library_dir: Path) -> Path:
    save(library_dir / "fox.png", "a red fox in the snow", color=(1, 1, 1), seed=42, image_uuid="u-fox")
    save(library_dir / "edits" / "fox-blue.jpg", "海边的灯塔 blue fox", color=(2, 2, 2),
         parent={"image_uuid": "u-fox"})  # fmt: skip
    return library_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["library", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_scan_then_search_then_show(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["added"], report["total"], report["errors"]) == (2, 2, [])

    code, out, _ = run(capsys, "search", "灯塔", "--json")
    found = json.loads(out)
    assert code == 0 and found["total"] == 1
    assert found["results"][0]["path"] == str(folder.resolve() / "edits" / "fox-blue.jpg")
    assert found["results"][0]["format"] == "JPEG"

    code, out, _ = run(capsys, "show", str(folder / "edits" / "fox-blue.jpg"), "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown["parents"] == [str(folder.resolve() / "fox.png")]
    assert shown["record"]["prompt"] == "海边的灯塔 blue fox"

    code, out, err = run(capsys, "search", "fox", "--sort", "oldest")
    assert code == 0
    assert out.index("fox.png") < out.index("fox-blue.jpg")
    assert "2 of 2 shown" in err


def test_rebuild_keeps_favourites(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(folder) as library:
        library.scan()
        fox = library.by_path(folder / "fox.png")
        assert fox is not None
        library.set_favourite([fox.id], True)
    code, out, _ = run(capsys, "rebuild")
    assert code == 0 and "2 images" in out and "2 added" in out
    code, out, _ = run(capsys, "search", "--favourites", "--json")
    assert [Path(r["path"]).name for r in json.loads(out)["results"]] == ["fox.png"]


def test_search_scans_a_new_library_first(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "seed:42", "--json")
    assert code == 0 and json.loads(out)["total"] == 1


def test_show_of_an_unknown_file(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", str(tmp_path / "nowhere.png"))
    assert code == 1 and "not in the library" in err


def test_the_library_option_overrides_the_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other library"
    save(other / "cat.webp", "a cat")
    code, out, _ = run(capsys, "--library", str(other), "scan")
    assert code == 0 and "1 images in" in out and "1 added" in out


def test_show_of_a_file_outside_the_library(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere" / "cat.png"
    save(outside, "a cat elsewhere")
    code, out, err = run(capsys, "show", str(outside), "--json")
    assert code == 1 and out == ""
    assert f"{outside} is not in the library {folder.resolve()}" in err


def test_json_output_carries_the_damaged_index_notice(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "scan", "--json")
    assert code == 0 and json.loads(out)["notice"] is None
    state = folder / ".seedream"
    for extra in state.glob("index.sqlite3-*"):
        extra.unlink()
    (state / "index.sqlite3").write_bytes(b"this is not a database" * 100)
    code, out, err = run(capsys, "search", "fox", "--json")
    found = json.loads(out)
    assert code == 0 and found["total"] == 2 and err == ""
    assert found["notice"].startswith("The library index was damaged. It was set aside as index.corrupt-")
    code, out, _ = run(capsys, "show", str(folder / "fox.png"), "--json")
    assert code == 0 and json.loads(out)["notice"] is None  # set aside once, rebuilt since
