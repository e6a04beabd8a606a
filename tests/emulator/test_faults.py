"""Each injected fault does what a client must survive, once per injection, then the server is healthy."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator

import httpx
import pytest

from seedream_desktop.emulator import FAULTS, Emulator, parse_fault_spec
from tests.emulator.runware_calls import inference, open_image, poll, post

STATUS_CODES = {
    "401": "invalidApiKey",
    "402": "insufficientCredits",
    "400": "invalidRequest",
    "429": "rateLimitExceeded",
    "500": "internalServerError",
    "503": "serviceUnavailable",
    "504": "queueTimeout",
}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20) as http:
        yield http


def raw_get(emulator: Emulator, path: str) -> tuple[int, bytes]:
    """(Content-Length announced, body bytes actually received before the server closed)."""
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    return length, body


@pytest.mark.parametrize(("fault", "code"), STATUS_CODES.items())
def test_status_faults_refuse_once_without_taking_the_task(
    emulator: Emulator, client: httpx.Client, fault: str, code: str
) -> None:
    emulator.inject(fault)
    task = inference()
    refused = post(client, emulator, [task])
    assert refused.status_code == int(fault)
    [problem] = refused.json()["errors"]
    assert problem["code"] == code and problem["taskUUID"] == task["taskUUID"]
    assert emulator.produced == []
    retried = post(client, emulator, [task])  # not taken: the same taskUUID is no conflict
    assert retried.status_code == 200, retried.text


@pytest.mark.parametrize("on", ["poll", "download", "upload"])
def test_status_faults_wait_for_their_phase(emulator: Emulator, client: httpx.Client, on: str) -> None:
    emulator.inject("503", on=on)
    [item] = post(client, emulator, [inference()]).json()["data"]
    assert emulator.faults.pending() == [("503", 1, on)]
    if on == "poll":
        response = post(client, emulator, [{"taskType": "getResponse", "taskUUID": item["taskUUID"]}])
    elif on == "download":
        response = client.get(item["imageURL"])
    else:
        response = post(
            client, emulator, [{"taskType": "imageUpload", "taskUUID": item["imageUUID"], "image": "x"}]
        )
    assert response.status_code == 503
    assert emulator.faults.pending() == []


def test_fault_every_time_until_cleared(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("429", times=None, on="any")
    assert [post(client, emulator, [inference()]).status_code for _ in range(3)] == [429, 429, 429]
    emulator.clear_faults()
    assert post(client, emulator, [inference()]).status_code == 200


def test_fault_times(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("500", times=2)
    assert [post(client, emulator, [inference()]).status_code for _ in range(3)] == [500, 500, 200]


def test_faults_given_at_construction(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(faults=["402@submit", ("429", 1, "poll")])
    with httpx.Client() as http:
        assert post(http, server, [inference()]).status_code == 402
        task = inference()
        assert post(http, server, [task]).status_code == 200
        response = post(http, server, [{"taskType": "getResponse", "taskUUID": task["taskUUID"]}])
        assert response.status_code == 429


def test_fault_spec_grammar() -> None:
    assert parse_fault_spec("500") == ("500", 1, "submit")
    assert parse_fault_spec("429x3@poll") == ("429", 3, "poll")
    assert parse_fault_spec("nsfwx*") == ("nsfw", None, "submit")
    assert parse_fault_spec("stall@download") == ("stall", 1, "download")
    for bad in ("418", "stall@later", "nsfw@download", "500x0", "x"):
        with pytest.raises(ValueError):
            parse_fault_spec(bad)
    assert set(FAULTS) >= {
        "stall",
        "drop",
        "truncate",
        "malformed",
        "expire",
        "nsfw",
        "content-policy",
        "provider-timeout",
    }


def test_stall_outlasts_the_client_timeout(emulator_factory: Callable[..., Emulator]) -> None:
    # A stall far longer than the test timeout: stop() must wake it, or this test would hang and fail.
    server = emulator_factory(stall_seconds=600)
    server.inject("stall", on="poll")
    with httpx.Client(timeout=0.3) as http:
        task = inference(deliveryMethod="async")
        post(http, server, [task])
        with pytest.raises(httpx.ReadTimeout):
            poll(http, server, task["taskUUID"])
    server.stop()
    assert not server.running


def test_stall_then_answers_when_short(emulator_factory: Callable[..., Emulator]) -> None:
    server = emulator_factory(stall_seconds=0.01)
    server.inject("stall")
    with httpx.Client() as http:
        assert post(http, server, [inference()]).status_code == 200


def test_drop_closes_mid_body_after_taking_the_task(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("drop")
    task = inference()
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        post(client, emulator, [task])
    assert len(emulator.produced) == 1  # the server did the work; only the answer was lost
    again = post(client, emulator, [task])
    assert again.json()["errors"][0]["code"] == "conflictTaskUUID"
    assert poll(client, emulator, task["taskUUID"])["data"][0]["status"] == "success"


def test_drop_on_download(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference()]).json()["data"]
    emulator.inject("drop", on="download")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.get(item["imageURL"])
    assert client.get(item["imageURL"]).status_code == 200


def test_truncate_announces_full_length_but_cuts_the_image(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference(outputFormat="PNG")]).json()["data"]
    whole = client.get(item["imageURL"]).content
    emulator.inject("truncate", on="download")
    path = item["imageURL"].removeprefix(emulator.origin)
    announced, body = raw_get(emulator, path)
    assert announced == len(whole)
    assert 0 < len(body) < len(whole) and whole.startswith(body)
    with pytest.raises(httpx.RemoteProtocolError):
        emulator.inject("truncate", on="download")
        client.get(item["imageURL"])


def test_malformed_json(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("malformed")
    task = inference()
    response = post(client, emulator, [task])
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert len(emulator.produced) == 1


def test_malformed_download_is_not_an_image(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference()]).json()["data"]
    emulator.inject("malformed", on="download")
    response = client.get(item["imageURL"])
    assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
    with pytest.raises(OSError):
        open_image(response.content)


def test_expire_on_submit_gives_already_expired_urls(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("expire")
    [item] = post(client, emulator, [inference()]).json()["data"]
    assert client.get(item["imageURL"]).status_code == 410


def test_expire_on_download(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference()]).json()["data"]
    emulator.inject("expire", on="download")
    assert client.get(item["imageURL"]).status_code == 410
    assert client.get(item["imageURL"]).status_code == 410  # it stays expired
    assert emulator.downloads[item["imageUUID"]] == 2


def test_expire_on_poll(emulator: Emulator, client: httpx.Client) -> None:
    task = inference(deliveryMethod="async")
    post(client, emulator, [task])
    assert emulator.wait_for_images(1)
    emulator.inject("expire", on="poll")
    [item] = poll(client, emulator, task["taskUUID"])["data"]
    assert client.get(item["imageURL"]).status_code == 410


def test_nsfw_flags_content(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("nsfw")
    flagged = post(client, emulator, [inference(numberResults=2)]).json()["data"]
    clean = post(client, emulator, [inference(safety={"checkContent": True})]).json()["data"]
    assert [item["NSFWContent"] for item in flagged] == [True, True]
    assert clean[0]["NSFWContent"] is False


def test_nsfw_on_poll(emulator: Emulator, client: httpx.Client) -> None:
    task = inference(deliveryMethod="async", safety={"mode": "fast"})
    post(client, emulator, [task])
    assert emulator.wait_for_images(1)
    emulator.inject("nsfw", on="poll")
    assert poll(client, emulator, task["taskUUID"])["data"][0]["NSFWContent"] is True


def test_task_faults_are_not_spent_on_other_requests(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("nsfw", on="any")
    post(client, emulator, [{"taskType": "ping"}])
    [item] = post(client, emulator, [inference()]).json()["data"]
    assert item["NSFWContent"] is True


def test_content_policy_sync(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("content-policy")
    task = inference()
    response = post(client, emulator, [task])
    assert response.status_code == 400
    [problem] = response.json()["errors"]
    assert problem["code"] == "contentPolicyViolation" and problem["taskUUID"] == task["taskUUID"]
    assert emulator.produced == []


def test_content_policy_async_shows_on_poll(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("content-policy")
    emulator.pause()
    task = inference(deliveryMethod="async")
    assert post(client, emulator, [task]).status_code == 200
    emulator.resume()
    assert emulator.wait_for_task(task["taskUUID"])
    state = poll(client, emulator, task["taskUUID"])
    assert state.get("data", []) == []
    [problem] = state["errors"]
    assert (problem["code"], problem["status"], problem["taskUUID"]) == (
        "contentPolicyViolation",
        "error",
        task["taskUUID"],
    )


def test_provider_timeout_async_after_partial_results(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("provider-timeout")
    task = inference(deliveryMethod="async", numberResults=3)
    post(client, emulator, [task])
    assert emulator.wait_for_task(task["taskUUID"])
    state = poll(client, emulator, task["taskUUID"])
    assert [item["status"] for item in state["data"]] == ["success"]
    [problem] = state["errors"]
    assert (problem["code"], problem["status"]) == ("timeoutProvider", "error")


def test_provider_timeout_sync_is_500(emulator: Emulator, client: httpx.Client) -> None:
    emulator.inject("provider-timeout")
    response = post(client, emulator, [inference()])
    assert response.status_code == 500
    assert response.json()["errors"][0]["code"] == "timeoutProvider"


def test_provider_timeout_on_poll(emulator: Emulator, client: httpx.Client) -> None:
    emulator.pause()
    task = inference(deliveryMethod="async")
    post(client, emulator, [task])
    emulator.inject("provider-timeout", on="poll")
    state = poll(client, emulator, task["taskUUID"])
    assert state["errors"][0]["code"] == "timeoutProvider"
    emulator.resume()


def test_download_throttle_delivers_intact_bytes(emulator: Emulator, client: httpx.Client) -> None:
    [item] = post(client, emulator, [inference()]).json()["data"]
    whole = client.get(item["imageURL"]).content
    emulator.download_bytes_per_second = 20 * len(whole)
    assert client.get(item["imageURL"]).content == whole


def test_latency_can_change_at_runtime(emulator: Emulator) -> None:
    emulator.latency = 0.25
    assert emulator.latency == 0.25
    emulator.stall_seconds = 1
    assert emulator.stall_seconds == 1.0
