"""GenerationRecord: JSON that survives other versions, no payloads inside, A1111 infotext both ways."""

from __future__ import annotations

import json

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.library.record import (
    SCHEMA_VERSION,
    GenerationRecord,
    ParentImage,
    ReferenceRecord,
    parse_a1111,
)
from tests.helpers.records import PROMPT, make_record


def test_from_generation_fills_every_field() -> None:
    record = make_record()
    assert record.schema == SCHEMA_VERSION
    assert record.app.startswith("Seedream Desktop ")
    assert (record.model, record.model_name) == ("bytedance:5@0", "Seedream 4.0")
    assert (record.width, record.height, record.format, record.size_key) == (2560, 1440, "PNG", "2K-16:9")
    assert (record.seed, record.cost, record.sequence_index, record.sequence_total) == (1234, 0.03, 2, 4)
    assert record.created.endswith("Z") and "T" in record.created
    assert record.parent == ParentImage("p-uuid", "cid-1", "2026-11-20/a.png")
    assert record.references == [
        ReferenceRecord("sofa.png", "a" * 64, "2026-11-20/sofa.png", None),
        ReferenceRecord(None, "b" * 64, None, None),
        ReferenceRecord("https://example.com/cat.jpg", None, None, None),
        ReferenceRecord(None, None, None, "3f8e4c1a-5b7d-4e2f-9a1c-0d6b8e7f5a2c"),
    ]
    assert record.request is not None and record.request["size"] == "2K-16:9"
    assert record.generation_request() is not None


def test_no_data_uri_base64_or_huge_string_is_embedded() -> None:
    text = make_record().to_json()
    assert "data:" not in text
    assert "QUJDQUJD" not in text
    assert "x" * 5000 not in text
    assert len(text) < 4000


def test_parent_from_the_request_when_none_is_given() -> None:
    request = GenerationRequest(prompt="make the sky pink", parent="2026-11-20/sky.png")
    record = GenerationRecord.from_generation(
        request, task_uuid="t", image_uuid="i", seed=None, cost=None, width=10, height=10, format="JPG"
    )
    assert record.parent == ParentImage(path="2026-11-20/sky.png")
    assert record.size_key is None  # 10×10 is not one of the model's sizes


def test_json_round_trip() -> None:
    record = make_record()
    again = GenerationRecord.from_json(record.to_json())
    assert again == record
    assert PROMPT in record.to_json()  # UTF-8 as is, readable in raw metadata viewers


def test_json_tolerates_unknown_missing_and_wrong_keys() -> None:
    data = json.loads(make_record().to_json())
    data["schema"] = 7
    data["some_future_field"] = {"x": 1}
    data["references"].append("not a reference")
    data["references"][0]["future"] = True
    del data["cost"], data["created"]
    data["seed"] = "not a number"
    data["parent"] = ["wrong", "shape"]
    record = GenerationRecord.from_json(json.dumps(data))
    assert record.schema == 7
    assert record.cost is None and record.created == ""
    assert record.seed is None
    assert record.parent is None
    assert len(record.references) == 4 and record.references[0].name == "sofa.png"
    assert record.prompt == PROMPT
    assert GenerationRecord.from_json("{}") == GenerationRecord()


def test_a1111_parameters_layout() -> None:
    text = make_record().a1111_parameters()
    first, last = text.split("\n")
    assert first == PROMPT
    assert last.startswith(
        "Sampler: Seedream 4.0, Seed: 1234, ENSD: 0, Size: 2560x1440, Model: Seedream 4.0, Format: PNG, Quality: 95, "
    )
    assert "Sequential: 2/4, References: 4, Task: 0b7f2c57-94a3-4c2b-8f83-5c2b0a3e9d11, " in last
    assert "Cost: 0.03, App: Seedream Desktop " in last


def test_a1111_parameters_read_back() -> None:
    record = make_record(prompt="line one, with: colons\nline two")
    parsed = parse_a1111(record.a1111_parameters())
    assert parsed.source == "a1111"
    assert parsed.prompt == "line one, with: colons\nline two"
    assert (parsed.seed, parsed.width, parsed.height, parsed.size_key) == (1234, 2560, 1440, "2K-16:9")
    assert (parsed.model_name, parsed.model, parsed.format) == ("Seedream 4.0", "bytedance:5@0", "PNG")
    assert (parsed.task_uuid, parsed.image_uuid) == (record.task_uuid, record.image_uuid)
    assert (parsed.cost, parsed.sequence_index, parsed.sequence_total) == (0.03, 2, 4)
    assert parsed.app == record.app


def test_parse_foreign_a1111_text() -> None:
    text = (
        "masterpiece, 1girl, (red scarf:1.2)\nsnowy street\n"
        "Negative prompt: lowres, bad hands\n"
        "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 3141592653, Size: 832x1216, "
        'Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Lora hashes: "detail: 1a2b, style: 3c4d", Version: v1.9.4'
    )
    record = parse_a1111(text)
    assert record.prompt == "masterpiece, 1girl, (red scarf:1.2)\nsnowy street"
    assert (record.seed, record.width, record.height) == (3141592653, 832, 1216)
    assert record.model_name == "sd_xl_base_1.0" and record.model == ""
    assert record.app == "v1.9.4" and record.source == "a1111"


def test_parse_text_without_parameter_line_is_all_prompt() -> None:
    record = parse_a1111("just a prompt\nover two lines")
    assert record.prompt == "just a prompt\nover two lines"
    assert record.seed is None and record.width == 0
