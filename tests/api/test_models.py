"""The model registry drives validation and the wire task: ±1 at every limit, for every model."""

from __future__ import annotations

import pytest

from seedream_desktop.api.models import (
    DEFAULT_MODEL,
    MODELS,
    SEEDEDIT_30,
    SEEDREAM_40,
    SEEDREAM_45,
    SEEDREAM_50_LITE,
    SizePreset,
    find_model,
    model_by_id,
)
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import by_key

SEEDREAMS = [m for m in MODELS if m.sizes]


def _request(model, **changes) -> GenerationRequest:
    refs = tuple(ReferenceImage(f"https://example.com/{i}.png") for i in range(model.references_min))
    base = GenerationRequest(
        prompt="a" * max(model.prompt_min, 1),
        model=model.id,
        size=model.default_size or by_key("2K-1:1"),
        references=refs,
    )
    return base.with_changes(**changes)


def _fields(request: GenerationRequest) -> set[str]:
    return {p.field for p in request.problems()}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_the_plain_request_is_valid_for_every_model(model) -> None:
    assert _request(model).problems() == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_prompt_length_limits(model) -> None:
    assert "prompt" not in _fields(_request(model, prompt="a" * model.prompt_max))
    assert "prompt" in _fields(_request(model, prompt="a" * (model.prompt_max + 1)))
    assert "prompt" not in _fields(_request(model, prompt="a" * model.prompt_min))
    assert "prompt" in _fields(_request(model, prompt="a" * (model.prompt_min - 1)))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_reference_limits(model) -> None:
    def refs(n: int) -> tuple[ReferenceImage, ...]:
        return tuple(ReferenceImage(f"https://example.com/{i}.png") for i in range(n))

    assert "references" not in _fields(_request(model, references=refs(model.references_max)))
    assert "references" in _fields(_request(model, references=refs(model.references_max + 1)))
    if model.references_min:
        assert "references" in _fields(_request(model, references=refs(model.references_min - 1)))


@pytest.mark.parametrize("model", SEEDREAMS, ids=lambda m: m.name)
def test_sequential_limits(model) -> None:
    assert "maxSequentialImages" not in _fields(_request(model, max_sequential_images=model.sequential_max))
    assert "maxSequentialImages" in _fields(_request(model, max_sequential_images=model.sequential_max + 1))
    refs = tuple(ReferenceImage(f"https://example.com/{i}.png") for i in range(5))
    limit = model.refs_plus_sequential_max - 5
    assert "maxSequentialImages" not in _fields(_request(model, references=refs, max_sequential_images=limit))
    assert "maxSequentialImages" in _fields(_request(model, references=refs, max_sequential_images=limit + 1))


def test_seededit_makes_no_sequential_sets() -> None:
    assert "maxSequentialImages" in _fields(_request(SEEDEDIT_30, max_sequential_images=1))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_results_limits(model) -> None:
    assert "numberResults" not in _fields(_request(model, number_results=20))
    assert "numberResults" in _fields(_request(model, number_results=21))
    assert "numberResults" in _fields(_request(model, number_results=0))


def test_cfg_scale_limits_on_seededit_only() -> None:
    low, high, _default = SEEDEDIT_30.cfg_scale
    assert "CFGScale" not in _fields(_request(SEEDEDIT_30, cfg_scale=low))
    assert "CFGScale" not in _fields(_request(SEEDEDIT_30, cfg_scale=high))
    assert "CFGScale" in _fields(_request(SEEDEDIT_30, cfg_scale=low - 1))
    assert "CFGScale" in _fields(_request(SEEDEDIT_30, cfg_scale=high + 1))
    for model in SEEDREAMS:
        assert "CFGScale" in _fields(_request(model, cfg_scale=5.0))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_optimize_prompt_mode_only_where_documented(model) -> None:
    for mode in ("standard", "fast"):
        wrong = "optimizePromptMode" in _fields(_request(model, optimize_prompt_mode=mode))
        assert wrong == (mode not in model.optimize_prompt_modes)


def test_sizes_per_model() -> None:
    one_k = by_key("1K-1:1")
    assert "size" not in _fields(_request(SEEDREAM_40, size=one_k))
    assert "size" in _fields(_request(SEEDREAM_45, size=one_k))  # 1,048,576 px < 3,686,400
    assert "size" in _fields(_request(SEEDREAM_50_LITE, size=by_key("2K-16:9")))  # 2560×1440: 4.0's 16:9
    assert "size" not in _fields(_request(SEEDREAM_50_LITE, size=SEEDREAM_50_LITE.size_by_key("2K-16:9")))
    assert "size" in _fields(_request(SEEDREAM_45, size=SEEDREAM_50_LITE.size_by_key("3K-1:1")))


@pytest.mark.parametrize(
    ("model", "low", "high"),
    [(SEEDREAM_45, 3_686_400, 16_777_216), (SEEDREAM_50_LITE, 3_686_400, 10_404_496)],
    ids=["4.5", "5.0 Lite"],
)
def test_every_offered_size_is_inside_the_documented_pixel_range(model, low, high) -> None:
    assert all(low <= s.width * s.height <= high for s in model.sizes)


def test_seedream_45_floor_is_exactly_2560x1440() -> None:
    # 2560×1440 is 3,686,400 px, exactly on 4.5's floor: kept; 1K's 1,048,576 px is below it: dropped.
    assert SEEDREAM_45.size_by_dimensions(2560, 1440) is not None
    assert SEEDREAM_45.size_by_dimensions(1024, 1024) is None


def test_seedream_45_drops_only_1k() -> None:
    assert len(SEEDREAM_45.sizes) == 16
    assert all(s.tier in ("2K", "4K") for s in SEEDREAM_45.sizes)


def test_wire_task_per_model() -> None:
    ref = (ReferenceImage("https://example.com/a.png"),)
    t40 = _request(SEEDREAM_40).to_task("u")
    assert (t40["model"], t40["width"], t40["height"]) == ("bytedance:5@0", 2048, 2048)
    t45 = _request(SEEDREAM_45, optimize_prompt_mode="fast", max_sequential_images=3).to_task("u")
    assert t45["model"] == "bytedance:seedream@4.5"
    assert t45["providerSettings"] == {"bytedance": {"maxSequentialImages": 3, "optimizePromptMode": "fast"}}
    lite = SEEDREAM_50_LITE.size_by_key("3K-16:9")
    t50 = _request(SEEDREAM_50_LITE, size=lite).to_task("u")
    assert (t50["width"], t50["height"]) == (4096, 2304)
    edit = _request(SEEDEDIT_30, references=ref, cfg_scale=7.5).to_task("u")
    assert "width" not in edit and "height" not in edit
    assert edit["referenceImages"] == ["https://example.com/a.png"] and edit["CFGScale"] == 7.5
    assert "providerSettings" not in edit


def test_cost_estimate_reads_the_model_price() -> None:
    for model in MODELS:
        request = _request(model, number_results=2)
        assert request.estimated_cost == pytest.approx(2 * model.price_per_image_usd)


def test_old_journal_rows_without_a_model_mean_seedream_40() -> None:
    data = GenerationRequest(prompt="x").to_dict()
    data.pop("model")
    data.pop("cfg_scale")
    data.pop("optimize_prompt_mode")
    request = GenerationRequest.from_dict(data)
    assert request.model == "bytedance:5@0" and request.spec is SEEDREAM_40


def test_round_trip_keeps_the_model_and_its_own_size() -> None:
    lite = SEEDREAM_50_LITE.size_by_key("2K-16:9")
    request = _request(SEEDREAM_50_LITE, size=lite, optimize_prompt_mode="standard")
    again = GenerationRequest.from_dict(request.to_dict())
    assert again == request and again.size == SizePreset("2K", "16:9", 2848, 1600)


def test_unknown_model_is_refused_by_name() -> None:
    problems = GenerationRequest(prompt="x", model="bytedance:99@9").problems()
    assert [p.field for p in problems] == ["model"]


def test_find_model_by_id_name_and_short_name() -> None:
    assert find_model("bytedance:seedream@4.5") is SEEDREAM_45
    assert find_model("Seedream 5.0 Lite") is SEEDREAM_50_LITE
    assert find_model("seededit") is SEEDEDIT_30
    assert find_model("4.0") is SEEDREAM_40
    assert find_model("nope") is None
    assert model_by_id(None) is DEFAULT_MODEL


def test_nearest_size_keeps_the_shape() -> None:
    wide_4k = by_key("4K-16:9")
    assert SEEDREAM_50_LITE.nearest_size(wide_4k) == SEEDREAM_50_LITE.size_by_key("3K-16:9")
    assert SEEDREAM_45.nearest_size(by_key("1K-1:1")) == SEEDREAM_45.size_by_key("2K-1:1")
    assert SEEDEDIT_30.nearest_size(wide_4k) is None


def test_the_spend_ledger_estimates_with_the_models_price() -> None:
    from seedream_desktop.jobs.ledger import SpendLedger

    request = _request(SEEDREAM_45, max_sequential_images=3)
    assert SpendLedger.estimate(request) == pytest.approx(3 * 0.04)


def test_docs_models_md_is_written_from_the_registry() -> None:
    from pathlib import Path

    from seedream_desktop.api.models import table_markdown

    docs = (Path(__file__).parents[2] / "docs" / "models.md").read_text(encoding="utf-8")
    assert table_markdown() in docs, "regenerate the table: python -m seedream_desktop.api.models"
