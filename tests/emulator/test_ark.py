"""The emulator's BytePlus ModelArk endpoint, driven by clients we did not write for it.

First plain httpx following the documented wire format (protocol.md §5: SSE events, then ``[DONE]``),
then the official ``volcengine-ark-runtime`` client when it is installed (test extra), then the app's
own ArkClient, including the faults a stream can meet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from seedream_desktop.api.ark import ArkClient, ArkInterrupted, ArkKeyRefused, ark_body, read_events
from seedream_desktop.api.models import SEEDREAM_40, SEEDREAM_50_LITE
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.emulator import Emulator

KEY = "ark-test-key"


@pytest.fixture
def ark() -> Iterator[Emulator]:
    with Emulator(api_keys={KEY}) as emulator:
        yield emulator


def base(emulator: Emulator) -> str:
    return emulator.origin + "/api/v3"


def body(**changes: Any) -> dict[str, Any]:
    return {
        "model": "seedream-4-0-250828",
        "prompt": "a lighthouse in fog",
        "size": "1024x1024",
        "sequential_image_generation": "auto",
        "sequential_image_generation_options": {"max_images": 3},
        "response_format": "url",
        "stream": True,
        "watermark": False,
        **changes,
    }


def sse(response: httpx.Response) -> list[tuple[str, Any]]:
    """SSE by hand, exactly as documented: ``event:`` and ``data:`` lines, a blank line ends each."""
    events: list[tuple[str, Any]] = []
    kind, data = "", ""
    for line in response.iter_lines():
        if line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data = line[5:].strip()
        elif not line and data:
            events.append((kind, data if data == "[DONE]" else json.loads(data)))
            kind, data = "", ""
    return events


def test_stream_follows_the_documented_wire_format(ark: Emulator) -> None:
    headers = {"Authorization": f"Bearer {KEY}"}
    with (
        httpx.Client(timeout=30) as http,
        http.stream("POST", base(ark) + "/images/generations", json=body(), headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = sse(response)
        kinds = [k for k, _ in events]
        assert kinds == ["image_generation.partial_succeeded"] * 3 + ["image_generation.completed", ""]
        assert events[-1][1] == "[DONE]"
        for index, (_, data) in enumerate(events[:3]):
            assert data["type"] == "image_generation.partial_succeeded" and data["image_index"] == index
            assert data["size"] == "1024x1024" and data["model"] == "seedream-4-0-250828"
            picture = http.get(data["url"])
            assert picture.status_code == 200 and picture.content[:3] == b"\xff\xd8\xff"  # JPEG
        assert events[3][1]["usage"]["generated_images"] == 3
    sent = ark.requests[-1]
    assert sent["taskType"] == "arkImageGeneration" and sent["watermark"] is False


def test_without_stream_one_json_answer(ark: Emulator) -> None:
    answer = httpx.post(
        base(ark) + "/images/generations",
        json=body(stream=False, sequential_image_generation="disabled"),
        headers={"Authorization": f"Bearer {KEY}"},
        timeout=30,
    ).json()
    assert len(answer["data"]) == 1 and answer["data"][0]["url"] and answer["usage"]["generated_images"] == 1


@pytest.mark.parametrize(
    ("changes", "headers", "status", "param"),
    [
        ({}, {}, 401, None),
        ({"size": "1000x1000"}, None, 400, "size"),
        ({"model": "seedream-9"}, None, 404, "model"),
        ({"image": ["https://example.com/a.png"] * 15}, None, 400, "image"),
        ({"sequential_image_generation_options": {"max_images": 16}}, None, 400, "max_images"),
    ],
)
def test_refusals_use_arks_error_shape(ark: Emulator, changes, headers, status, param) -> None:
    response = httpx.post(
        base(ark) + "/images/generations",
        json=body(**changes),
        headers={"Authorization": f"Bearer {KEY}"} if headers is None else headers,
        timeout=30,
    )
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] and error["message"] and error["param"] == param
    assert ark.produced == []


def test_content_policy_fails_one_image_of_the_set(ark: Emulator) -> None:
    ark.inject("content-policy")
    with (
        httpx.Client(timeout=30) as http,
        http.stream(
            "POST", base(ark) + "/images/generations", json=body(), headers={"Authorization": f"Bearer {KEY}"}
        ) as response,
    ):
        events = sse(response)
    assert [d["image_index"] for k, d in events if k.endswith("partial_succeeded")] == [0, 2]
    failed = [d for k, d in events if k.endswith("partial_failed")]
    assert failed[0]["image_index"] == 1 and failed[0]["error"]["code"]
    assert events[-2][1]["usage"]["generated_images"] == 2


def test_official_ark_sdk_streams_from_the_emulator(ark: Emulator) -> None:
    sdk = pytest.importorskip("volcenginesdkarkruntime")
    from volcenginesdkarkruntime.types.images.images import SequentialImageGenerationOptions

    client = sdk.Ark(base_url=base(ark), api_key=KEY)
    stream = client.images.generate(
        model="seedream-4-0-250828",
        prompt="a fox",
        size="1024x1024",
        sequential_image_generation="auto",
        sequential_image_generation_options=SequentialImageGenerationOptions(max_images=2),
        response_format="url",
        stream=True,
        watermark=False,
    )
    events = list(stream)
    assert [e.type for e in events] == [
        "image_generation.partial_succeeded",
        "image_generation.partial_succeeded",
        "image_generation.completed",
    ]
    assert [e.image_index for e in events[:2]] == [0, 1]
    usage = events[-1].usage  # the SDK's stream event keeps usage as a plain dict
    assert (usage["generated_images"] if isinstance(usage, dict) else usage.generated_images) == 2
    single = client.images.generate(model="seedream-4-0-250828", prompt="a fox", size="1024x1024")
    assert single.data[0].url and single.usage.generated_images == 1


# ---- the app's client -----------------------------------------------------------------------------
def test_ark_client_saves_each_image_as_it_arrives(ark: Emulator) -> None:
    request = GenerationRequest(prompt="a harbour", size=by_key("1K-1:1"), max_sequential_images=3)
    arrived: list[tuple[int, int]] = []

    def on_image(index: int, url: str, data: bytes) -> str:
        arrived.append((index, len(ark.produced)))  # saved before the next image was even painted
        return f"saved-{index}"

    outcome = ArkClient(KEY, base(ark)).generate(ark_body(request), on_image)
    assert [i for i, _ in arrived] == [0, 1, 2]
    assert outcome.saved == {0: "saved-0", 1: "saved-1", 2: "saved-2"}
    assert outcome.usage_matches and outcome.cost(SEEDREAM_40.price_per_image_usd) == pytest.approx(0.09)


def test_ark_body_per_model() -> None:
    lite = GenerationRequest(
        prompt="x",
        model=SEEDREAM_50_LITE.id,
        size=SEEDREAM_50_LITE.size_by_key("2K-16:9"),
        optimize_prompt_mode="fast",
    )
    sent = ark_body(lite, images=["data:image/png;base64,AAAA"])
    assert sent["model"] == "seedream-5-0-260128" and sent["size"] == "2848x1600"
    assert (
        sent["watermark"] is False
        and sent["stream"] is True
        and sent["image"] == ["data:image/png;base64,AAAA"]
    )
    assert sent["sequential_image_generation"] == "disabled" and "seed" not in sent
    assert sent["optimize_prompt_options"] == {"mode": "fast"}


def test_a_dropped_stream_keeps_what_arrived_and_says_it_may_be_charged(ark: Emulator) -> None:
    ark.inject("drop")
    saved: list[int] = []
    with pytest.raises(ArkInterrupted) as interrupted:
        ArkClient(KEY, base(ark)).generate(
            ark_body(GenerationRequest(prompt="x", size=by_key("1K-1:1"), max_sequential_images=3)),
            lambda i, u, d: saved.append(i),
        )
    assert saved == [0]
    assert "1 image" in str(interrupted.value) and "charged" in str(interrupted.value)


def test_a_refused_key(ark: Emulator) -> None:
    with pytest.raises(ArkKeyRefused):
        ArkClient("wrong", base(ark)).generate(body(), lambda *a: None)


def test_read_events_stops_at_done() -> None:
    lines = [
        "event: image_generation.completed",
        'data: {"usage": {"generated_images": 0}}',
        "",
        "data: [DONE]",
        "",
    ]
    assert [e.kind for e in read_events(lines)] == ["image_generation.completed"]


def test_the_key_never_reaches_an_error_message(ark: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx as real_httpx

    echo = "no such key: wrong-key-0123456789"

    def answer(request: real_httpx.Request) -> real_httpx.Response:
        return real_httpx.Response(401, json={"error": {"code": "AuthenticationError", "message": echo}})

    with (
        real_httpx.Client(transport=real_httpx.MockTransport(answer)) as http,
        pytest.raises(ArkKeyRefused) as refused,
    ):
        ArkClient("wrong-key-0123456789", "http://ark.test/api/v3").generate(
            body(), lambda *a: None, http=http
        )
    assert "wrong-key-0123456789" not in refused.value.detail
