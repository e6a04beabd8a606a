"""Every Seedream 4.0 rule the emulator enforces, at its boundary: the last value accepted, the first refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from seedream_desktop.api.sizes import SIZES
from seedream_desktop.emulator import Emulator
from seedream_desktop.emulator.validation import read_inference
from seedream_desktop.emulator.wire import Rejection
from tests.emulator.runware_calls import inference, png_data_uri, post

TINY_REF = png_data_uri((200, 10, 10), (8, 8))


def refs(count: int) -> list[str]:
    return [TINY_REF] * count


def sequential(count: int) -> dict[str, Any]:
    return {"providerSettings": {"bytedance": {"maxSequentialImages": count}}}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as http:
        yield http


# (fields, accepted?, code, parameter): each rule appears with its last good and first bad value.
CASES: list[tuple[str, dict[str, Any], bool, str | None, str | None]] = [
    ("prompt 1 char", {"positivePrompt": "a"}, True, None, None),
    ("prompt empty", {"positivePrompt": ""}, False, "invalidPositivePrompt", "positivePrompt"),
    ("prompt blank", {"positivePrompt": "   "}, False, "invalidPositivePrompt", "positivePrompt"),
    ("prompt 2000", {"positivePrompt": "x" * 2000}, True, None, None),
    ("prompt 2001", {"positivePrompt": "x" * 2001}, False, "invalidPositivePrompt", "positivePrompt"),
    ("prompt missing", {"positivePrompt": None}, False, "missingPositivePrompt", "positivePrompt"),
    ("model wrong", {"model": "bytedance:99@9"}, False, "invalidModel", "model"),
    ("model missing", {"model": None}, False, "missingModel", "model"),
    ("size off-table", {"width": 1024, "height": 1025}, False, "invalidDimensions", "width"),
    ("size swapped 21:9", {"width": 1296, "height": 3024}, False, "invalidDimensions", "width"),
    ("width alone", {"height": None}, False, "missingHeight", "height"),
    ("height alone", {"width": None}, False, "missingWidth", "width"),
    ("results 1", {"numberResults": 1}, True, None, None),
    ("results 0", {"numberResults": 0}, False, "invalidNumberResults", "numberResults"),
    ("results 20", {"numberResults": 20}, True, None, None),
    ("results 21", {"numberResults": 21}, False, "invalidNumberResults", "numberResults"),
    ("results not int", {"numberResults": "2"}, False, "invalidNumberResults", "numberResults"),
    ("sequential 1", sequential(1), True, None, None),
    ("sequential 0", sequential(0), False, "invalidMaxSequentialImages", "maxSequentialImages"),
    ("sequential 15", sequential(15), True, None, None),
    ("sequential 16", sequential(16), False, "invalidMaxSequentialImages", "maxSequentialImages"),
    (
        "settings 16",
        {"settings": {"maxSequentialImages": 16}},
        False,
        "invalidMaxSequentialImages",
        "maxSequentialImages",
    ),
    ("refs 14", {"referenceImages": refs(14)}, True, None, None),
    ("refs 15", {"referenceImages": refs(15)}, False, "invalidReferenceImages", "referenceImages"),
    (
        "refs 15 split",
        {"referenceImages": refs(7), "inputs": {"referenceImages": refs(8)}},
        False,
        "invalidReferenceImages",
        "referenceImages",
    ),
    ("refs+seq 15", {"referenceImages": refs(5), **sequential(10)}, True, None, None),
    (
        "refs+seq 16",
        {"referenceImages": refs(5), **sequential(11)},
        False,
        "invalidMaxSequentialImages",
        "maxSequentialImages",
    ),
    ("quality 20", {"outputQuality": 20}, True, None, None),
    ("quality 19", {"outputQuality": 19}, False, "invalidOutputQuality", "outputQuality"),
    ("quality 99", {"outputQuality": 99}, True, None, None),
    ("quality 100", {"outputQuality": 100}, False, "invalidOutputQuality", "outputQuality"),
    ("format png lower", {"outputFormat": "png"}, True, None, None),
    ("format WEBP", {"outputFormat": "WEBP"}, True, None, None),
    ("format gif", {"outputFormat": "GIF"}, False, "invalidOutputFormat", "outputFormat"),
    ("type dataURI", {"outputType": "dataURI"}, True, None, None),
    ("type wrong", {"outputType": "file"}, False, "invalidOutputType", "outputType"),
    ("ttl 60", {"ttl": 60}, True, None, None),
    ("ttl 59", {"ttl": 59}, False, "invalidTtl", "ttl"),
    ("seed 1", {"seed": 1}, True, None, None),
    ("seed 0", {"seed": 0}, False, "invalidSeed", "seed"),
    ("seed max", {"seed": 2**63 - 1}, True, None, None),
    ("seed max+1", {"seed": 2**63}, False, "invalidSeed", "seed"),
    ("delivery wrong", {"deliveryMethod": "later"}, False, "invalidDeliveryMethod", "deliveryMethod"),
    ("safety mode wrong", {"safety": {"mode": "paranoid"}}, False, "invalidSafety", "safety"),
    ("task uuid missing", {"taskUUID": None}, False, "missingTaskUUID", "taskUUID"),
    ("task uuid not a uuid", {"taskUUID": "job-1"}, False, "invalidTaskUUID", "taskUUID"),
]


@pytest.mark.parametrize(
    ("fields", "accepted", "code", "parameter"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_boundary(
    emulator: Emulator,
    client: httpx.Client,
    fields: dict[str, Any],
    accepted: bool,
    code: str | None,
    parameter: str | None,
) -> None:
    task = inference(**{"deliveryMethod": "async", **fields})
    task = {k: v for k, v in task.items() if v is not None}
    response = post(client, emulator, [task])
    if accepted:
        assert response.status_code == 200, response.text
        assert response.json()["data"][0]["taskUUID"] == task["taskUUID"]
        return
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    problem = body["errors"][0]
    assert (problem["code"], problem["parameter"]) == (code, parameter)
    assert problem["message"]
    if "taskUUID" in task and code not in ("invalidTaskUUID",):
        assert problem["taskUUID"] == task["taskUUID"] and problem["taskType"] == "imageInference"
    assert emulator.produced == []


def test_every_broken_rule_is_reported(emulator: Emulator, client: httpx.Client) -> None:
    response = post(client, emulator, [inference(numberResults=0, outputQuality=100, ttl=1)])
    codes = {problem["code"] for problem in response.json()["errors"]}
    assert codes == {"invalidNumberResults", "invalidOutputQuality", "invalidTtl"}


@pytest.mark.parametrize("size", SIZES, ids=[s.key for s in SIZES])
def test_all_17_sizes_are_accepted(size: Any) -> None:
    order = read_inference(inference(width=size.width, height=size.height))
    assert (order.width, order.height) == (size.width, size.height)


def test_defaults_follow_runware() -> None:
    task = inference()
    for name in ("width", "height", "outputFormat", "deliveryMethod"):
        del task[name]
    order = read_inference(task)
    assert (order.width, order.height) == (2048, 2048)
    assert (order.output_format, order.output_type, order.output_quality) == ("JPG", "URL", 95)
    assert (order.delivery, order.ttl, order.number_results, order.sequential) == ("sync", 86_400, 1, None)


def test_size_error_lists_allowed_sizes() -> None:
    with pytest.raises(Rejection) as caught:
        read_inference(inference(width=1920, height=1080))
    assert "2560x1440" in caught.value.errors[0]["allowedValues"]
    assert len(caught.value.errors[0]["allowedValues"]) == 17
