"""Plain Runware REST calls for the emulator tests: task builders and a POST that returns the answer."""

from __future__ import annotations

import base64
import io
import uuid
from typing import Any

import httpx
from PIL import Image

from seedream_desktop.emulator import Emulator

KEY = "test-key"


def new_uuid() -> str:
    return str(uuid.uuid4())


def inference(**fields: Any) -> dict[str, Any]:
    """A valid, cheap imageInference task (1K JPG, sync); keyword arguments override or add fields."""
    task: dict[str, Any] = {
        "taskType": "imageInference",
        "taskUUID": new_uuid(),
        "model": "bytedance:5@0",
        "positivePrompt": "a red fox in fresh snow",
        "width": 1024,
        "height": 1024,
        "outputFormat": "JPG",
        "deliveryMethod": "sync",
    }
    task.update(fields)
    return task


def post(
    client: httpx.Client, emulator: Emulator, tasks: list[dict[str, Any]], key: str | None = KEY
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    return client.post(emulator.url, json=tasks, headers=headers)


def poll(client: httpx.Client, emulator: Emulator, task_uuid: str) -> dict[str, Any]:
    response = post(client, emulator, [{"taskType": "getResponse", "taskUUID": task_uuid}])
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def png_data_uri(colour: tuple[int, int, int], size: tuple[int, int] = (64, 64)) -> str:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
