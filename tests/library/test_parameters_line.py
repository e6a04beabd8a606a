"""The embedded A1111 ``parameters`` text as AI image browsers read it: sd-parsers and A1111's own rule."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from seedream_desktop.library.metadata import embed, read_record
from seedream_desktop.library.record import GenerationRecord, parse_a1111
from tests.helpers.metadata_samples import SAMPLES, _record

# A1111's modules/infotext_utils.py, verbatim: the regex and the prompt/parameter-line split of
# parse_generation_parameters (the part that decides what is the prompt and what are its settings).
re_param_code = r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)'
re_param = re.compile(re_param_code)
re_imagesize = re.compile(r"^(\d+)x(\d+)$")


def parse_generation_parameters(x: str) -> dict[str, str]:
    res: dict[str, str] = {}
    prompt = ""
    negative_prompt = ""
    done_with_prompt = False
    *lines, lastline = x.strip().split("\n")
    if len(re_param.findall(lastline)) < 3:
        lines.append(lastline)
        lastline = ""
    for line in lines:
        line = line.strip()
        if line.startswith("Negative prompt:"):
            done_with_prompt = True
            line = line[16:].strip()
        if done_with_prompt:
            negative_prompt += ("" if negative_prompt == "" else "\n") + line
        else:
            prompt += ("" if prompt == "" else "\n") + line
    res["Prompt"] = prompt
    res["Negative prompt"] = negative_prompt
    for k, v in re_param.findall(lastline):
        if v[0] == '"' and v[-1] == '"':
            v = json.loads(v)
        m = re_imagesize.match(v)
        if m is not None:
            res[f"{k}-1"] = m.group(1)
            res[f"{k}-2"] = m.group(2)
        else:
            res[k] = v
    return res


FORMATS = {"PNG": "rgba.png", "JPG": "baseline.jpg", "WEBP": "lossless-alpha.webp"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_sd_parsers_reads_the_prompt_model_and_seed(fmt: str, tmp_path: Path) -> None:
    sd_parsers = pytest.importorskip(
        "sd_parsers", reason="sd-parsers is not installed (pip install -e .[test])"
    )
    _, data = SAMPLES[FORMATS[fmt]]
    record = _record(fmt)
    path = tmp_path / FORMATS[fmt]
    path.write_bytes(embed(data, fmt, record))
    with Image.open(path) as image:
        info = sd_parsers.ParserManager().parse(image)
    assert info is not None, "sd-parsers found no generation data"
    assert info.generator.name == "AUTOMATIC1111"
    sampler = info.samplers[0]
    assert sampler.name == record.model_name
    assert sampler.parameters["seed"] == str(record.seed)
    assert "steps" not in sampler.parameters and "cfg_scale" not in sampler.parameters  # nothing invented
    assert [p.value for p in sampler.prompts] == [record.prompt.strip()]
    assert sampler.model is not None and sampler.model.name == record.model_name


def test_a1111s_own_rule_reads_the_parameter_line() -> None:
    record = _record("PNG")
    parsed = parse_generation_parameters(record.a1111_parameters())
    assert parsed["Prompt"] == record.prompt.strip()
    assert parsed["Sampler"] == record.model_name
    assert parsed["Seed"] == str(record.seed)
    assert (parsed["Size-1"], parsed["Size-2"]) == (str(record.width), str(record.height))
    assert "Steps" not in parsed and "CFG scale" not in parsed


def test_an_unknown_seed_is_minus_one_and_reads_back_as_unknown() -> None:
    record = replace(_record("PNG"), seed=None)
    assert "Seed: -1," in record.a1111_parameters()
    assert parse_a1111(record.a1111_parameters()).seed is None
    assert parse_a1111(_record("PNG").a1111_parameters()).seed == _record("PNG").seed


def test_the_json_record_and_xmp_stay_as_they_were(tmp_path: Path) -> None:
    _, data = SAMPLES["rgba.png"]
    record = _record("PNG")
    path = tmp_path / "x.png"
    path.write_bytes(embed(data, "PNG", record))
    assert read_record(path) == record  # our own record wins over the parameters text
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert GenerationRecord.from_json(image.text["seedream"]) == record  # type: ignore[attr-defined]
