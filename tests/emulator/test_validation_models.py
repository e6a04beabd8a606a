"""The emulator checks each task against its own model's limits, read from the app's registry (api/models.py)."""

from __future__ import annotations

from typing import Any

import pytest

from seedream_desktop.api.models import MODELS, SEEDEDIT_30, SEEDREAM_40, SEEDREAM_45, SEEDREAM_50_LITE
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.emulator.validation import read_inference
from seedream_desktop.emulator.wire import Rejection
from tests.emulator.runware_calls import inference

REF = "https://example.com/ref.png"


def codes(task: dict[str, Any]) -> set[tuple[str, str]]:
    try:
        read_inference(task)
    except Rejection as rejection:
        return {(e["code"], e.get("parameter", "")) for e in rejection.errors}
    return set()


def sized(model, width: int, height: int, **fields: Any) -> dict[str, Any]:
    return inference(model=model.id, width=width, height=height, **fields)


def seededit(**fields: Any) -> dict[str, Any]:
    task = inference(**{"model": SEEDEDIT_30.id, "referenceImages": [REF], **fields})
    task.pop("width"), task.pop("height")
    return task


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_the_app_task_for_every_model_is_accepted(model) -> None:
    refs = tuple(ReferenceImage(REF) for _ in range(model.references_min))
    request = GenerationRequest(prompt="a fox", model=model.id, references=refs)
    if model.default_size:
        request = request.with_changes(size=model.default_size)
    assert read_inference(request.to_task(GenerationRequest.new_task_uuid())).model == model.id


def test_sizes_follow_the_model() -> None:
    assert codes(sized(SEEDREAM_40, 1024, 1024)) == set()
    assert ("invalidDimensions", "width") in codes(sized(SEEDREAM_45, 1024, 1024))
    assert codes(sized(SEEDREAM_45, 2560, 1440)) == set()
    assert ("invalidDimensions", "width") in codes(sized(SEEDREAM_50_LITE, 2560, 1440))
    assert codes(sized(SEEDREAM_50_LITE, 2848, 1600)) == set()
    assert ("invalidDimensions", "width") in codes(sized(SEEDREAM_40, 2848, 1600))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_prompt_limits_per_model(model) -> None:
    def task(prompt: str) -> dict[str, Any]:
        if model is SEEDEDIT_30:
            return seededit(positivePrompt=prompt)
        size = model.default_size
        return sized(model, size.width, size.height, positivePrompt=prompt)

    assert codes(task("a" * model.prompt_max)) == set()
    assert ("invalidPositivePrompt", "positivePrompt") in codes(task("a" * (model.prompt_max + 1)))
    assert codes(task("a" * model.prompt_min)) == set()
    assert ("invalidPositivePrompt", "positivePrompt") in codes(task("a" * (model.prompt_min - 1)))


@pytest.mark.parametrize("model", [SEEDREAM_45, SEEDREAM_50_LITE], ids=lambda m: m.name)
def test_reference_limits_per_model(model) -> None:
    size = model.default_size
    good = sized(model, size.width, size.height, inputs={"referenceImages": [REF] * model.references_max})
    bad = sized(
        model, size.width, size.height, inputs={"referenceImages": [REF] * (model.references_max + 1)}
    )
    assert codes(good) == set()
    assert ("invalidReferenceImages", "referenceImages") in codes(bad)


def test_seededit_rules() -> None:
    assert codes(seededit()) == set()
    assert ("invalidReferenceImages", "referenceImages") in codes(seededit(referenceImages=[REF, REF]))
    none = seededit()
    none.pop("referenceImages")
    assert ("missingReferenceImages", "referenceImages") in codes(none)
    assert ("unsupportedParameter", "width") in codes({**seededit(), "width": 1024, "height": 1024})
    assert codes(seededit(CFGScale=1)) == set() and codes(seededit(CFGScale=10)) == set()
    assert ("invalidCFGScale", "CFGScale") in codes(seededit(CFGScale=0.9))
    assert ("invalidCFGScale", "CFGScale") in codes(seededit(CFGScale=10.1))
    seq = {"providerSettings": {"bytedance": {"maxSequentialImages": 2}}}
    assert ("unsupportedParameter", "maxSequentialImages") in codes(seededit(**seq))


def test_cfg_scale_and_prompt_mode_only_where_the_model_takes_them() -> None:
    assert ("unsupportedParameter", "CFGScale") in codes(sized(SEEDREAM_40, 1024, 1024, CFGScale=5))
    fast = {"providerSettings": {"bytedance": {"optimizePromptMode": "fast"}}}
    assert ("invalidOptimizePromptMode", "optimizePromptMode") in codes(
        sized(SEEDREAM_40, 1024, 1024, **fast)
    )
    assert codes(sized(SEEDREAM_45, 2048, 2048, **fast)) == set()
