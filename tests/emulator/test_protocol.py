"""The emulator speaks Runware REST: auth forms, every task type, envelopes, async polling, conflicts, expiry."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from seedream_desktop.emulator import Emulator
from tests.emulator.runware_calls import KEY, inference, new_uuid, open_image, png_data_uri, poll, post


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20) as http:
        yield http


# ---- authentication ----------------------------------------------------------------------------
def test_bearer_header_authenticates(emulator: Emulator, client: httpx.Client) -> None:
    response = post(client, emulator, [{"taskType": "ping", "ping": True}])
    assert response.status_code == 200
    assert response.json() == {"data": [{"taskType": "ping", "pong": True}]}


def test_authentication_task_first_authenticates(emulator: Emulator, client: httpx.Client) -> None:
    tasks: list[dict[str, Any]] = [
        {"taskType": "authentication", "apiKey": KEY},
        {"taskType": "ping", "ping": True},
    ]
    response = post(client, emulator, tasks, key=None)
    assert response.status_code == 200
    data = response.json()["data"]
    assert data[0]["taskType"] == "authentication" and data[0]["connectionSessionUUID"]
    assert data[1] == {"taskType": "ping", "pong": True}


def test_missing_key_is_401_missing_api_key(emulator: Emulator, client: httpx.Client) -> None:
    response = post(client, emulator, [{"taskType": "ping", "ping": True}], key=None)
    assert response.status_code == 401
    [problem] = response.json()["errors"]
    assert problem["code"] == "missingApiKey" and problem["parameter"] == "apiKey"
    assert problem["taskType"] == "authentication"


def test_empty_bearer_counts_as_missing(emulator: Emulator, client: httpx.Client) -> None:
    response = client.post(emulator.url, json=[{"taskType": "ping"}], headers={"Authorization": "Bearer"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "missingApiKey"


@pytest.mark.parametrize("form", ["header", "task"])
def test_wrong_key_is_401_invalid_api_key(emulator_factory: Callable[..., Emulator], form: str) -> None:
    server = emulator_factory(api_keys={"the-right-key"})
    with httpx.Client() as http:
        if form == "header":
            response = post(http, server, [{"taskType": "ping"}], key="a-wrong-key")
        else:
            tasks = [{"taskType": "authentication", "apiKey": "a-wrong-key"}, {"taskType": "ping"}]
            response = post(http, server, tasks, key=None)
        good = post(http, server, [{"taskType": "ping"}], key="the-right-key")
    assert response.status_code == 401
    [problem] = response.json()["errors"]
    assert problem["code"] == "invalidApiKey" and problem["parameter"] == "apiKey"
    assert "a-wrong-key" not in response.text
    assert good.status_code == 200


def test_requests_are_recorded_without_key_values(emulator: Emulator, client: httpx.Client) -> None:
    post(client, emulator, [{"taskType": "authentication", "apiKey": "secret-value"}, {"taskType": "ping"}])
    recorded = emulator.requests
    assert [t["taskType"] for t in recorded] == ["authentication", "ping"]
    assert "secret-value" not in repr(recorded) and KEY not in repr(recorded)


def test_body_must_be_a_task_array(emulator: Emulator, client: httpx.Client) -> None:
    response = client.post(
        emulator.url, json={"taskType": "ping"}, headers={"Authorization": f"Bearer {KEY}"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalidRequestBody"


def test_unknown_task_type_is_rejected(emulator: Emulator, client: httpx.Client) -> None:
    response = post(client, emulator, [{"taskType": "videoInference", "taskUUID": new_uuid()}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unsupportedTaskType"


# ---- imageInference, sync ----------------------------------------------------------------------
def test_sync_inference_returns_one_item_per_image(emulator: Emulator, client: httpx.Client) -> None:
    task = inference(numberResults=2, includeCost=True, seed=41)
    response = post(client, emulator, [task])
    assert response.status_code == 200
    items = response.json()["data"]
    assert len(items) == 2
    for index, item in enumerate(items):
        assert set(item) == {"taskType", "taskUUID", "imageUUID", "imageURL", "seed", "cost"}
        assert item["taskType"] == "imageInference" and item["taskUUID"] == task["taskUUID"]
        assert item["imageUUID"] != task["taskUUID"]
        assert item["seed"] == 41 + index
        assert item["cost"] == 0.03
        assert item["imageURL"] == f"{emulator.origin}/images/{item['imageUUID']}.jpg"
    assert [p[:2] for p in emulator.produced] == [(task["taskUUID"], i["imageUUID"]) for i in items]


def test_cost_and_nsfw_only_when_asked(emulator: Emulator, client: httpx.Client) -> None:
    plain = post(client, emulator, [inference()]).json()["data"][0]
    checked = post(client, emulator, [inference(safety={"checkContent": True})]).json()["data"][0]
    mode_none = post(client, emulator, [inference(safety={"checkContent": True, "mode": "none"})]).json()
    assert "cost" not in plain and "NSFWContent" not in plain
    assert checked["NSFWContent"] is False
    assert "NSFWContent" not in mode_none["data"][0]  # mode wins over checkContent


def test_random_seed_when_none_given(emulator: Emulator, client: httpx.Client) -> None:
    items = post(client, emulator, [inference(numberResults=3)]).json()["data"]
    seeds = [item["seed"] for item in items]
    assert seeds[0] >= 1 and seeds == [seeds[0], seeds[0] + 1, seeds[0] + 2]


def test_sequential_images_multiply_number_results(emulator: Emulator, client: httpx.Client) -> None:
    task = inference(numberResults=2, seed=7, providerSettings={"bytedance": {"maxSequentialImages": 3}})
    items = post(client, emulator, [task]).json()["data"]
    assert [item["seed"] for item in items] == [7, 8, 9, 10, 11, 12]
    assert len({item["imageUUID"] for item in items}) == 6
    assert len({digest for _, _, digest in emulator.produced}) == 6


def test_sequential_under_settings_is_accepted(emulator: Emulator, client: httpx.Client) -> None:
    items = post(client, emulator, [inference(settings={"maxSequentialImages": 2})]).json()["data"]
    assert len(items) == 2


@pytest.mark.parametrize(
    ("output_type", "key"),
    [("URL", "imageURL"), ("base64Data", "imageBase64Data"), ("dataURI", "imageDataURI")],
)
def test_output_types(emulator: Emulator, client: httpx.Client, output_type: str, key: str) -> None:
    [item] = post(client, emulator, [inference(outputType=output_type, outputFormat="PNG")]).json()["data"]
    assert key in item
    for other in {"imageURL", "imageBase64Data", "imageDataURI"} - {key}:
        assert other not in item
    if key == "imageURL":
        data = client.get(item[key]).content
    elif key == "imageBase64Data":
        data = base64.b64decode(item[key])
    else:
        prefix, payload = item[key].split(",", 1)
        assert prefix == "data:image/png;base64"
        data = base64.b64decode(payload)
    [(_, _, digest)] = emulator.produced
    assert hashlib.sha256(data).hexdigest() == digest
    assert open_image(data).size == (1024, 1024)


@pytest.mark.parametrize(
    ("fmt", "ext", "mime", "pil"),
    [
        ("png", "png", "image/png", "PNG"),
        ("jpg", "jpg", "image/jpeg", "JPEG"),
        ("Webp", "webp", "image/webp", "WEBP"),
    ],
)
def test_url_serves_the_exact_format(
    emulator: Emulator, client: httpx.Client, fmt: str, ext: str, mime: str, pil: str
) -> None:
    [item] = post(client, emulator, [inference(outputFormat=fmt, width=1728, height=2304)]).json()["data"]
    assert item["imageURL"].endswith(f".{ext}")
    response = client.get(item["imageURL"])
    assert response.status_code == 200
    assert response.headers["content-type"] == mime
    image = open_image(response.content)
    assert image.format == pil and image.size == (1728, 2304)
    assert emulator.downloads == {item["imageUUID"]: 1}


def test_batch_errors_stay_scoped_to_their_task(emulator: Emulator, client: httpx.Client) -> None:
    good, bad = inference(), inference(numberResults=0)
    response = post(client, emulator, [good, bad])
    assert response.status_code == 200
    body = response.json()
    assert [i["taskUUID"] for i in body["data"]] == [good["taskUUID"]]
    assert [e["taskUUID"] for e in body["errors"]] == [bad["taskUUID"]]


# ---- conflictTaskUUID --------------------------------------------------------------------------
def test_reused_task_uuid_is_a_conflict_and_not_run_twice(emulator: Emulator, client: httpx.Client) -> None:
    task = inference()
    assert post(client, emulator, [task]).status_code == 200
    again = post(client, emulator, [task])
    assert again.status_code == 400
    [problem] = again.json()["errors"]
    assert problem["code"] == "conflictTaskUUID" and problem["taskUUID"] == task["taskUUID"]
    assert len(emulator.produced) == 1


def test_rejected_task_uuid_may_be_sent_again(emulator: Emulator, client: httpx.Client) -> None:
    task = inference(outputQuality=5)
    assert post(client, emulator, [task]).status_code == 400
    assert post(client, emulator, [{**task, "outputQuality": 90}]).status_code == 200


# ---- async and getResponse ---------------------------------------------------------------------
def test_async_ack_then_cumulative_polling(emulator: Emulator, client: httpx.Client) -> None:
    emulator.pause()
    task = inference(deliveryMethod="async", numberResults=2, includeCost=True)
    ack = post(client, emulator, [task])
    assert ack.json() == {"data": [{"taskType": "imageInference", "taskUUID": task["taskUUID"]}]}

    processing = {"taskType": "imageInference", "taskUUID": task["taskUUID"], "status": "processing"}
    assert poll(client, emulator, task["taskUUID"]) == {"data": [processing]}

    emulator.release(1)
    assert emulator.wait_for_images(1)
    first = poll(client, emulator, task["taskUUID"])["data"]
    assert [i["status"] for i in first] == ["success", "processing"]
    assert first[0]["imageURL"] and first[0]["cost"] == 0.03

    emulator.resume()
    assert emulator.wait_for_images(2)
    done = poll(client, emulator, task["taskUUID"])
    assert "errors" not in done
    assert [i["status"] for i in done["data"]] == ["success", "success"]
    assert done["data"][0] == first[0]  # cumulative: the first image is reported again, unchanged
    again = poll(client, emulator, task["taskUUID"])
    assert again == done


def test_get_response_unknown_task(emulator: Emulator, client: httpx.Client) -> None:
    response = post(client, emulator, [{"taskType": "getResponse", "taskUUID": new_uuid()}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalidTaskUUID"


def test_get_response_of_a_sync_task(emulator: Emulator, client: httpx.Client) -> None:
    task = inference()
    [item] = post(client, emulator, [task]).json()["data"]
    assert "status" not in item  # sync-shaped items carry no status
    assert poll(client, emulator, task["taskUUID"]) == {"data": [{**item, "status": "success"}]}


# ---- imageUpload / mediaStorage and references ----------------------------------------------
def test_image_upload_returns_uuid_and_url(emulator: Emulator, client: httpx.Client) -> None:
    task = {"taskType": "imageUpload", "taskUUID": new_uuid(), "image": png_data_uri((0, 200, 0))}
    [item] = post(client, emulator, [task]).json()["data"]
    assert item["taskType"] == "imageUpload" and item["taskUUID"] == task["taskUUID"]
    assert item["imageURL"] == f"{emulator.origin}/images/{item['imageUUID']}.png"
    served = open_image(client.get(item["imageURL"]).content)
    assert served.getpixel((0, 0)) == (0, 200, 0)


def test_image_upload_accepts_raw_base64(emulator: Emulator, client: httpx.Client) -> None:
    raw = png_data_uri((1, 2, 3)).split(",", 1)[1]
    response = post(client, emulator, [{"taskType": "imageUpload", "taskUUID": new_uuid(), "image": raw}])
    assert response.status_code == 200


def test_media_storage_upload(emulator: Emulator, client: httpx.Client) -> None:
    task = {
        "taskType": "mediaStorage",
        "taskUUID": new_uuid(),
        "operation": "upload",
        "media": png_data_uri((9, 9, 9)),
    }
    [item] = post(client, emulator, [task]).json()["data"]
    assert item["operation"] == "upload" and item["mediaUUID"]
    assert client.get(item["mediaURL"]).status_code == 200


def test_upload_of_garbage_is_rejected(emulator: Emulator, client: httpx.Client) -> None:
    task = {"taskType": "imageUpload", "taskUUID": new_uuid(), "image": "bm90IGFuIGltYWdl"}
    response = post(client, emulator, [task])
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalidImage"


@pytest.mark.parametrize("where", ["top", "inputs"])
def test_references_by_upload_uuid_data_uri_and_own_url(
    emulator: Emulator, client: httpx.Client, where: str
) -> None:
    uploaded = post(
        client,
        emulator,
        [{"taskType": "imageUpload", "taskUUID": new_uuid(), "image": png_data_uri((0, 0, 255))}],
    )
    upload = uploaded.json()["data"][0]
    refs = [
        upload["imageUUID"],
        png_data_uri((255, 0, 0)),
        upload["imageURL"],
        "https://example.com/never-fetched.png",
    ]
    task = inference(referenceImages=refs) if where == "top" else inference(inputs={"referenceImages": refs})
    response = post(client, emulator, [task])
    assert response.status_code == 200, response.text


def test_unknown_reference_uuid_is_rejected(emulator: Emulator, client: httpx.Client) -> None:
    response = post(client, emulator, [inference(referenceImages=[new_uuid()])])
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "referenceImages"


# ---- URL expiry --------------------------------------------------------------------------------
def test_image_url_expires_after_ttl(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference(ttl=60)]).json()["data"]
    emulator.advance_clock(59)
    assert client.get(item["imageURL"]).status_code == 200
    emulator.advance_clock(1)
    gone = client.get(item["imageURL"])
    assert gone.status_code == 410
    assert gone.json()["errors"][0]["code"] == "imageExpired"


def test_default_ttl_is_a_day(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference()]).json()["data"]
    emulator.advance_clock(86_399)
    assert client.get(item["imageURL"]).status_code == 200
    emulator.advance_clock(1)
    assert client.get(item["imageURL"]).status_code == 410


def test_unknown_image_is_404(emulator: Emulator, client: httpx.Client) -> None:
    assert client.get(f"{emulator.origin}/images/{new_uuid()}.png").status_code == 404
    assert client.get(f"{emulator.origin}/nothing").status_code == 404
