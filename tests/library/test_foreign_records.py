"""Records other AI tools wrote: every prompt found, malformed ones counted and skipped, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.library.index import Library
from seedream_desktop.library.metadata import read_image_info, read_record
from seedream_desktop.library.metadata.foreign import TEXT_INPUTS
from seedream_desktop.library.query import Query
from tests.library.foreign_images import MAKERS, comfy_api, comfy_exif, comfy_user_comment, fooocus_jpeg, png

PROMPT = 'a lighthouse, on a cliff: at dawn "poster" 海边'


@pytest.mark.parametrize("tool", sorted(MAKERS))
def test_each_tool_gives_its_prompt_and_seed(tool: str, tmp_path: Path) -> None:
    make, has_seed = MAKERS[tool]
    record = read_record(png(tmp_path / f"{tool}.png", make(PROMPT, 987654321)))
    assert record is not None
    assert record.prompt == PROMPT
    assert record.seed == (987654321 if has_seed else None)
    assert (record.format, record.width, record.height)[0] == "PNG"


def test_sources_and_models_are_named(tmp_path: Path) -> None:
    comfy = read_record(png(tmp_path / "c.png", comfy_api("x", 1)))
    invoke = read_record(png(tmp_path / "i.png", MAKERS["invokeai"][0]("x", 1)))
    novel = read_record(png(tmp_path / "n.png", MAKERS["novelai"][0]("x", 1)))
    assert comfy is not None and comfy.source == "comfyui"
    assert invoke is not None and (invoke.source, invoke.model_name) == (
        "invokeai",
        "stable-diffusion-xl-base-1-0",
    )
    assert novel is not None and (novel.source, novel.width, novel.height) == ("novelai", 832, 1216)


def test_fooocus_jpeg_from_exif(tmp_path: Path) -> None:
    record = read_record(fooocus_jpeg(tmp_path / "f.jpg", PROMPT, 5))
    assert record is not None and (record.prompt, record.seed, record.source) == (PROMPT, 5, "fooocus")
    assert record.model_name == "juggernautXL_v8Rundiffusion" and (record.width, record.height) == (1152, 896)


@pytest.mark.parametrize("fmt", ["WEBP", "JPEG"])
def test_comfyui_records_in_exif(fmt: str, tmp_path: Path) -> None:
    record = read_record(comfy_exif(tmp_path / f"c.{fmt.lower()}", PROMPT, 77, fmt))
    assert record is not None and (record.prompt, record.seed, record.source) == (PROMPT, 77, "comfyui")
    record = read_record(comfy_user_comment(tmp_path / "u.jpg", PROMPT, 78))
    assert record is not None and (record.prompt, record.seed, record.source) == (PROMPT, 78, "comfyui")


def test_a_malformed_comfyui_exif_record_is_skipped_and_noted(tmp_path: Path) -> None:
    info = read_image_info(comfy_exif(tmp_path / "c.webp", PROMPT, 1, graph="{not json"))
    assert info is not None and info.record is None and info.notice is not None
    camera = Image.Exif()
    camera[0x010F], camera[0x0110] = "Canon", "Canon EOS R5"  # a camera's Make and Model: no record
    Image.new("RGB", (8, 8)).save(tmp_path / "photo.webp", "WEBP", exif=camera)
    info = read_image_info(tmp_path / "photo.webp")
    assert info is not None and info.record is None and info.notice is None


BROKEN = {
    "not-json": {"prompt": "{not json"},
    "deep": {"invokeai_metadata": "[" * 100_000 + "]" * 100_000},
    "loop": {
        "prompt": json.dumps(
            {
                "1": {"class_type": "KSampler", "inputs": {"positive": ["2", 0], "seed": ["2", 0]}},
                "2": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["2", 0]}},
            }
        )
    },
    "no-prompt": {"invokeai_metadata": json.dumps({"seed": 1, "positive_prompt": 7})},
    "dream-garbage": {"Dream": "no quotes here -S 5"},
    "fooocus-list": {"parameters": "{}"},
    "wrong-shapes": {"prompt": json.dumps({"1": {"class_type": "KSampler", "inputs": [1, 2]}, "2": 5})},
    # Every node links to the next through all eight text inputs: 8^16 paths, looked at once each.
    "fan-out": {
        "prompt": json.dumps(
            {
                "0": {"class_type": "KSampler", "inputs": {"positive": ["1", 0]}},
                **{
                    str(n): {
                        "class_type": "ConditioningCombine",
                        "inputs": {k: [str(n + 1), 0] for k in TEXT_INPUTS},
                    }
                    for n in range(1, 40)
                },
            }
        )
    },
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_malformed_records_are_skipped_and_noted(case: str, tmp_path: Path) -> None:
    info = read_image_info(png(tmp_path / f"{case}.png", BROKEN[case]))
    assert info is not None and (info.width, info.height) == (8, 8)
    assert info.record is None
    if case not in (
        "loop",
        "wrong-shapes",
        "fan-out",
    ):  # a graph without a prompt is no record, not a damaged one
        assert info.notice is not None


def test_a_folder_of_1000_foreign_images_finds_every_prompt(library_dir: Path) -> None:
    tools = sorted(MAKERS)
    expected: dict[str, str] = {}
    for n in range(1000):
        tool = tools[n % len(tools)]
        prompt = f"prompt number {n} from {tool}"
        (library_dir / tool).mkdir(parents=True, exist_ok=True)
        if tool == "comfyui" and n % 2:  # half of them from ComfyUI's WEBP/JPEG save nodes (EXIF)
            name = f"{tool}/{n:04}.{'webp' if n % 4 == 1 else 'jpg'}"
            comfy_exif(library_dir / name, prompt, n, "WEBP" if n % 4 == 1 else "JPEG")
        else:
            name = f"{tool}/{n:04}.png"
            png(library_dir / name, MAKERS[tool][0](prompt, n), color=(n % 256, n // 256, 7))
        expected[name] = prompt
    (library_dir / "broken").mkdir()
    for case, texts in BROKEN.items():
        png(library_dir / "broken" / f"{case}.png", texts)
    with Library.open(library_dir) as library:
        report = library.scan()
        assert report.added == 1000 + len(BROKEN) and not report.errors
        assert len(report.notices) == 5  # the damaged records, each named
        found = {
            e.path.relative_to(library.root).as_posix(): e.prompt for e in library.search(Query(), limit=2000)
        }
        assert {k: v for k, v in found.items() if not k.startswith("broken/")} == expected
        assert library.count(Query(text="comfyui")) == len([n for n in expected if n.startswith("comfyui")])
