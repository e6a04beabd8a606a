"""`seedream edit`: the marked region changes through the emulator, every pixel beyond the feather stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from seedream_desktop.cli import main
from seedream_desktop.config import Paths
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.library.edits.adjust import stored_edit
from seedream_desktop.library.edits.mask import protected_area
from seedream_desktop.library.metadata import read_record

KEY = "cli-test-key-0123456789"


@pytest.fixture
def api(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("SEEDREAM_API_URL", emulator.url)
    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    return emulator


def _photo(path: Path, size: tuple[int, int] = (600, 400)) -> Path:
    im = Image.new("RGB", size, (40, 90, 160))
    pen = ImageDraw.Draw(im)
    pen.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(60, 140, 60))
    for i in range(0, size[0], 17):  # fine detail a resample would blur
        pen.line((i, 0, i + 40, size[1]), fill=(200, 200 - i % 100, 90), width=1)
    im.save(path)
    return path


def _mask(path: Path, size: tuple[int, int], box: tuple[int, int, int, int]) -> Path:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    mask.save(path)
    return path


def test_masked_edit_is_pixel_exact_outside_mask_and_feather(
    api: Emulator, tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _photo(tmp_path / "street.png")
    mask_file = _mask(tmp_path / "mask.png", (600, 400), (100, 80, 300, 260))
    markup = tmp_path / "markup.json"
    markup.write_text(json.dumps({"version": 1, "items": [
        {"kind": "arrow", "colour": "yellow", "points": [[450, 50], [310, 150]]}]}))  # fmt: skip
    code = main(["edit", str(original), "put a red umbrella here", "--mask", str(mask_file),
                 "--markup", str(markup), "--feather", "6", "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    (item,) = json.loads(out)
    composite, output = Path(item["composite"]), Path(item["output"])
    assert item["path"] == str(composite) and composite.parent == output.parent
    assert composite.name == output.stem + "_composite.png" and library_dir in composite.parents
    assert "_put-a-red-umbrella-here_" in output.name  # named after the instruction, not the template
    assert "size: 2K 3:2" in err
    with Image.open(original) as before, Image.open(composite) as after, Image.open(mask_file) as mask:
        assert after.size == before.size and after.format == "PNG"
        keep = protected_area(mask.convert("L"), 6)
        differs = ImageChops.difference(after.convert("RGB"), before.convert("RGB")).convert("L")
        assert ImageChops.multiply(differs.point(lambda v: 255 if v else 0), keep).getbbox() is None
        inside = (150, 120, 250, 220)
        changed = ImageStat.Stat(
            ImageChops.difference(after.crop(inside).convert("RGB"), before.crop(inside))
        )
        assert sum(changed.mean) / 3 > 20  # the emulator visibly changed the marked area
    assert item["framing"]["trustworthy"] is True

    # Lineage: the composite's record names its parent, the kind of edit, the mask, the markup, the output.
    record = read_record(composite)
    assert record is not None and record.parent is not None and record.parent.path == str(original)
    edit = (record.request or {})["edit"]
    assert edit["kind"] == "mask+markup" and edit["model_output"]["name"] == output.name
    assert edit["markup"]["items"][0]["kind"] == "arrow"
    stored_mask = library_dir / edit["mask"]["path"]
    assert stored_mask.is_file() and stored_mask.name == edit["mask"]["sha256"] + ".png"
    assert record.prompt.startswith(
        "Edit image 1. Change only the area marked in image 2: put a red umbrella"
    )
    # … and so does the journal's request; image 2 is the marked copy in .seedream/edits/.
    with JobJournal(Paths.from_environment().journal_file) as journal:
        (job,) = journal.jobs()
    assert job.request.edit is not None and job.request.edit["mask"]["sha256"] == edit["mask"]["sha256"]
    assert job.request.parent == str(original)
    refs = [r.source for r in job.request.references]
    assert refs[0] == str(original) and Path(refs[1]).parent == library_dir / ".seedream" / "edits"
    # "Adjust this edit" reads it all back from either file.
    for made in (composite, output):
        stored = stored_edit(made, library_dir)
        assert stored.parent == original and stored.instruction == "put a red umbrella here"
        assert stored.markup is not None and stored.markup.items[0].kind == "arrow" and stored.feather == 6
        with Image.open(mask_file) as drawn:
            assert (
                stored.mask is not None
                and ImageChops.difference(stored.mask, drawn.convert("L")).getbbox() is None
            )


def test_jpeg_original_gives_a_lossless_composite(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tmp_path / "photo.jpg"
    with Image.open(_photo(tmp_path / "p.png")) as im:
        im.save(original, quality=90)
    mask_file = _mask(tmp_path / "mask.png", (600, 400), (200, 100, 400, 300))
    assert main(["edit", str(original), "a cat", "--mask", str(mask_file), "--feather", "4"]) == 0
    composite = Path(capsys.readouterr().out.strip())
    with Image.open(original) as before, Image.open(composite) as after, Image.open(mask_file) as mask:
        assert after.format == "PNG"
        keep = protected_area(mask.convert("L"), 4)
        differs = ImageChops.difference(after.convert("RGB"), before.convert("RGB")).convert("L")
        assert ImageChops.multiply(differs.point(lambda v: 255 if v else 0), keep).getbbox() is None


def test_no_paste_back_keeps_the_output(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _photo(tmp_path / "street.png")
    mask_file = _mask(tmp_path / "mask.png", (600, 400), (100, 80, 300, 260))
    assert main(["edit", str(original), "snow", "--mask", str(mask_file), "--no-paste-back", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["composite"] is None and item["path"] == item["output"]
    assert not list(Path(item["output"]).parent.glob("*_composite.png"))


def test_mask_of_another_size_is_scaled_with_a_warning(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _photo(tmp_path / "street.png")
    mask_file = _mask(tmp_path / "mask.png", (300, 200), (50, 40, 150, 130))
    assert main(["edit", str(original), "snow", "--mask", str(mask_file)]) == 0
    assert "stretched to fit" in capsys.readouterr().err


@pytest.mark.parametrize("box", [None, (0, 0, 600, 400)])
def test_empty_or_full_mask_is_refused_before_sending(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str], box: tuple[int, int, int, int] | None
) -> None:
    original = _photo(tmp_path / "street.png")
    mask = Image.new("L", (600, 400), 0)
    if box:
        mask.paste(255, box)
    mask.save(tmp_path / "mask.png")
    assert main(["edit", str(original), "snow", "--mask", str(tmp_path / "mask.png")]) == 2
    err = capsys.readouterr().err
    assert "mask.png" in err and ("empty" in err or "whole picture" in err)
    assert not [r for r in api.requests if r.get("taskType") == "imageInference"]


def test_no_mask_and_no_markup_is_refused(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["edit", str(_photo(tmp_path / "a.png")), "snow"]) == 2
    assert "no mask and no markup" in capsys.readouterr().err


def test_bad_markup_is_refused(api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "m.json").write_text('{"version": 1, "items": [{"kind": "star"}]}')
    assert main(["edit", str(_photo(tmp_path / "a.png")), "snow", "--markup", str(tmp_path / "m.json")]) == 2
    assert "m.json" in capsys.readouterr().err


def test_markup_only_edit_keeps_the_output(
    api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "m.json").write_text(
        '{"version": 1, "items": [{"kind": "box", "colour": "red", "points": [[100, 100], [300, 250]]}]}'
    )
    assert (
        main(
            ["edit", str(_photo(tmp_path / "a.png")), "a hat", "--markup", str(tmp_path / "m.json"), "--json"]
        )
        == 0
    )
    (item,) = json.loads(capsys.readouterr().out)
    assert item["composite"] is None and Path(item["output"]).is_file()


def test_no_key_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("seedream_desktop.cli.generate.KeyStore.get", lambda self: None)
    original = _photo(tmp_path / "street.png")
    mask_file = _mask(tmp_path / "mask.png", (600, 400), (100, 80, 300, 260))
    assert main(["edit", str(original), "snow", "--mask", str(mask_file)]) == 3
