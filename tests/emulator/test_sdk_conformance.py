"""Conformance with a client we did not write: the official runware-sdk (REST transport) against the emulator."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from runware import Runware, RunwareError

from seedream_desktop.emulator import Emulator

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail loudly if the SDK tries to resolve anything but loopback (schemas, registry, the real API)."""
    real = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in LOOPBACK:
            raise AssertionError(f"the SDK tried to reach {host}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    yield


def sdk(emulator: Emulator) -> Runware:
    # REST transport at the emulator; taskType is always passed, so no registry lookup happens.
    return Runware(api_key="sdk-key", transport="rest", http_base_url=emulator.url, max_retries=0)


def seedream(**fields: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "taskType": "imageInference",
        "model": "bytedance:5@0",
        "positivePrompt": "a paper boat on a pond",
        "width": 1024,
        "height": 1024,
        "outputFormat": "PNG",
        "includeCost": True,
    }
    params.update(fields)
    return params


def test_sdk_image_inference_sync(emulator: Emulator) -> None:
    async def run() -> list[dict[str, Any]]:
        async with sdk(emulator) as client:
            return await client.run(seedream(deliveryMethod="sync", numberResults=2, seed=10))

    results = asyncio.run(run())
    assert [r["seed"] for r in results] == [10, 11]
    assert all(r["imageURL"].startswith(emulator.origin) and r["cost"] == 0.03 for r in results)
    sent = emulator.requests[-1]
    assert sent["deliveryMethod"] == "sync" and sent["taskType"] == "imageInference"


def test_sdk_image_inference_async_polls_to_completion(emulator: Emulator) -> None:
    async def run() -> list[dict[str, Any]]:
        async with sdk(emulator) as client:
            return await client.run(seedream(numberResults=2, outputType="base64Data"))  # SDK default: async

    results = asyncio.run(run())
    assert len(results) == 2 and all(r["status"] == "success" for r in results)
    digests = [hashlib.sha256(base64.b64decode(r["imageBase64Data"])).hexdigest() for r in results]
    assert digests == [digest for _, _, digest in emulator.produced]
    kinds = [task["taskType"] for task in emulator.requests]
    assert kinds[0] == "imageInference" and set(kinds[1:]) == {"getResponse"}


def test_sdk_image_upload_then_reference(emulator: Emulator) -> None:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (255, 0, 255)).save(out, "PNG")
    data_uri = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")

    async def run() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        async with sdk(emulator) as client:
            [upload] = await client.image_upload({"image": data_uri})
            generated = await client.run(
                seedream(deliveryMethod="sync", inputs={"referenceImages": [upload["imageUUID"]]})
            )
            return [dict(upload)], generated

    [upload], [result] = asyncio.run(run())
    assert upload["imageURL"].startswith(emulator.origin)
    assert result["imageUUID"] != upload["imageUUID"]


def test_sdk_reads_emulator_errors(emulator_factory: Any) -> None:
    server = emulator_factory(api_keys={"another-key"})

    async def run() -> None:
        async with sdk(server) as client:
            await client.run(seedream(deliveryMethod="sync"))

    with pytest.raises(RunwareError) as caught:
        asyncio.run(run())
    # The SDK folds raw codes into categories: *ApiKey is "auth".
    assert (caught.value.code, caught.value.status_code) == ("auth", 401)


def test_sdk_surfaces_an_async_task_failure(emulator: Emulator) -> None:
    emulator.inject("content-policy")

    async def run() -> None:
        async with sdk(emulator) as client:
            await client.run(seedream())

    with pytest.raises(RunwareError) as caught:
        asyncio.run(run())
    assert caught.value.code == "safety"  # the SDK's category for contentPolicyViolation
    assert caught.value.task_uuid == emulator.requests[0]["taskUUID"]
