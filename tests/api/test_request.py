import uuid

import pytest

from seedream_desktop.api import MODEL_ID
from seedream_desktop.api.errors import InvalidRequest
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import SIZES, SizePreset, by_key


def fields(req: GenerationRequest) -> list[str]:
    return [p.field for p in req.problems()]


def refs(n: int) -> tuple[ReferenceImage, ...]:
    return tuple(ReferenceImage(f"https://example.test/{i}.png") for i in range(n))


@pytest.mark.parametrize(
    ("prompt", "ok"),
    [
        ("", False),
        ("   ", False),
        ("a", True),
        ("x" * 2000, True),
        ("x" * 2001, False),
        ("猫" * 2000, True),
        ("猫" * 2001, False),
    ],
)
def test_prompt_length_boundaries(prompt, ok):
    assert ("prompt" not in fields(GenerationRequest(prompt))) is ok


@pytest.mark.parametrize(("n", "ok"), [(0, False), (1, True), (20, True), (21, False)])
def test_number_results_boundaries(n, ok):
    assert ("numberResults" not in fields(GenerationRequest("p", number_results=n))) is ok


@pytest.mark.parametrize(("n", "ok"), [(0, False), (1, True), (15, True), (16, False)])
def test_sequential_boundaries(n, ok):
    assert ("maxSequentialImages" not in fields(GenerationRequest("p", max_sequential_images=n))) is ok


@pytest.mark.parametrize(("n", "ok"), [(13, True), (14, True), (15, False)])
def test_reference_count_boundaries(n, ok):
    assert ("references" not in fields(GenerationRequest("p", references=refs(n)))) is ok


@pytest.mark.parametrize(
    ("nrefs", "seq", "ok"),
    [(14, 1, True), (14, 2, False), (10, 5, True), (10, 6, False), (0, 15, True)],
)
def test_references_plus_sequential_at_most_fifteen(nrefs, seq, ok):
    req = GenerationRequest("p", references=refs(nrefs), max_sequential_images=seq)
    assert ("maxSequentialImages" not in fields(req)) is ok


@pytest.mark.parametrize(("q", "ok"), [(19, False), (20, True), (99, True), (100, False)])
def test_quality_boundaries(q, ok):
    assert ("outputQuality" not in fields(GenerationRequest("p", output_quality=q))) is ok


@pytest.mark.parametrize(("ttl", "ok"), [(59, False), (60, True), (None, True)])
def test_ttl_boundaries(ttl, ok):
    assert ("ttl" not in fields(GenerationRequest("p", ttl=ttl))) is ok


@pytest.mark.parametrize(
    ("seed", "ok"), [(0, False), (1, True), (2**63 - 1, True), (2**63, False), (None, True)]
)
def test_seed_boundaries(seed, ok):
    assert ("seed" not in fields(GenerationRequest("p", seed=seed))) is ok


def test_size_must_be_one_of_the_seventeen():
    assert "size" in fields(GenerationRequest("p", size=SizePreset("2K", "1:1", 2000, 2000)))
    for preset in SIZES:
        assert "size" not in fields(GenerationRequest("p", size=preset))


def test_format_must_be_known():
    assert "outputFormat" in fields(GenerationRequest("p", output_format="GIF"))  # type: ignore[arg-type]


def test_validate_raises_with_every_problem_named():
    req = GenerationRequest("", number_results=0, output_quality=5)
    with pytest.raises(InvalidRequest) as info:
        req.validate()
    assert [p.field for p in info.value.problems] == ["prompt", "numberResults", "outputQuality"]
    assert "20–99" in str(info.value)
    assert info.value.exit_code == 2


def test_task_is_exact_runware_json():
    req = GenerationRequest(
        "a red fox",
        size=by_key("2K-16:9"),
        references=refs(2),
        number_results=3,
        max_sequential_images=4,
        output_format="WEBP",
        output_quality=90,
        seed=42,
        safety="fast",
        ttl=3600,
    )
    tid = req.new_task_uuid()
    assert uuid.UUID(tid).version == 4
    task = req.to_task(tid)
    assert task == {
        "taskType": "imageInference",
        "taskUUID": tid,
        "model": MODEL_ID,
        "positivePrompt": "a red fox",
        "width": 2560,
        "height": 1440,
        "numberResults": 3,
        "outputType": "URL",
        "outputFormat": "WEBP",
        "outputQuality": 90,
        "includeCost": True,
        "deliveryMethod": "async",
        "seed": 42,
        "inputs": {"referenceImages": ["https://example.test/0.png", "https://example.test/1.png"]},
        "providerSettings": {"bytedance": {"maxSequentialImages": 4}},
        "safety": {"checkContent": True, "mode": "fast"},
        "ttl": 3600,
    }


def test_task_omits_optional_fields_when_unset():
    task = GenerationRequest("p").to_task("t")
    for absent in (
        "seed",
        "inputs",
        "providerSettings",
        "safety",
        "ttl",
        "webhookURL",
        "uploadEndpoint",
    ):
        assert absent not in task


def test_fresh_task_uuids_are_unique():
    assert len({GenerationRequest.new_task_uuid() for _ in range(1000)}) == 1000


def test_estimate_counts_sequential_sets():
    assert GenerationRequest("p", number_results=4).estimated_cost == pytest.approx(0.12)
    assert GenerationRequest("p", number_results=2, max_sequential_images=3).expected_images == 6


def test_dict_round_trip():
    req = GenerationRequest("海边的灯塔", size=by_key("4K-21:9"), references=refs(1), seed=7, parent="/x.png")
    assert GenerationRequest.from_dict(req.to_dict()) == req


def test_reference_kinds():
    assert ReferenceImage("https://a/b.png").is_remote
    assert ReferenceImage("data:image/png;base64,AAAA").is_data_uri
    assert ReferenceImage(str(uuid.uuid4())).is_runware_uuid
    assert ReferenceImage("/home/me/cat.png").is_local_file
