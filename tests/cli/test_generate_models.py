"""`seedream generate --model`: each model end to end against the emulator, recorded in the image."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seedream_desktop.cli import main
from seedream_desktop.emulator import Emulator
from seedream_desktop.library.metadata import read_record

KEY = "cli-test-key-0123456789"


@pytest.fixture
def api(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("SEEDREAM_API_URL", emulator.url)
    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    return emulator


def _task(emulator: Emulator) -> dict:
    return next(r for r in emulator.requests if r.get("taskType") == "imageInference")


@pytest.mark.parametrize(
    ("model", "size", "model_id", "dims", "cost"),
    [
        ("4.5", "2K-16:9", "bytedance:seedream@4.5", (2560, 1440), 0.04),
        ("lite", "2K-16:9", "bytedance:seedream@5.0-lite", (2848, 1600), 0.035),
        ("bytedance:5@0", "1K-1:1", "bytedance:5@0", (1024, 1024), 0.03),
    ],
)
def test_each_seedream_model_end_to_end(
    api: Emulator, capsys: pytest.CaptureFixture[str], model, size, model_id, dims, cost
) -> None:
    assert main(["generate", "a fox", "--model", model, "--size", size, "--format", "jpg", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["width"], item["height"]) == dims and item["cost"] == cost
    assert _task(api)["model"] == model_id
    record = read_record(Path(item["path"]))
    assert record is not None and record.model == model_id and record.size_key == size
    assert record.request is not None and record.request["model"] == model_id


def test_seededit_end_to_end(api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    ref = tmp_path / "photo.png"
    Image.new("RGB", (64, 64), "blue").save(ref)
    args = ["generate", "make it winter", "--model", "seededit", "--ref", str(ref), "--cfg-scale", "7"]
    assert main([*args, "--format", "jpg", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    task = _task(api)
    assert task["model"] == "bytedance:4@1" and task["CFGScale"] == 7 and "width" not in task
    record = read_record(Path(item["path"]))
    assert record is not None and record.model == "bytedance:4@1" and record.model_name == "SeedEdit 3.0"
    assert (record.width, record.height, record.size_key) == (0, 0, None)  # the reference's shape, unknown


@pytest.mark.parametrize(
    "args",
    [
        ["--model", "seedream-9"],
        ["--model", "4.5", "--size", "1K-1:1"],  # 4.5 makes no 1K
        ["--model", "lite", "--size", "4K-1:1"],  # 5.0 Lite stops at 3K
        ["--model", "seededit"],  # SeedEdit needs its one picture
        ["--model", "4.0", "--cfg-scale", "5"],  # 4.0 takes no guidance scale
    ],
)
def test_model_mistakes_exit_2_and_send_nothing(
    api: Emulator, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "x", *args]) == 2
    assert "error:" in capsys.readouterr().err
    assert api.requests == []
