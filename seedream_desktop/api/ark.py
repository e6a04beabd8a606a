"""BytePlus ModelArk (ByteDance's own API) as a second provider: one streamed POST, images saved as they come.

Wire format (protocol.md §5, docs.byteplus.com/en/docs/ModelArk/1541523): ``POST {base}/images/generations``
with a Bearer key; ``stream: true`` answers with Server-Sent Events ``image_generation.partial_succeeded``
(``image_index``, ``url``), ``image_generation.partial_failed``, ``image_generation.completed`` (``usage``)
and then ``data: [DONE]``. There is no task id to poll: a connection lost mid-stream may still be billed,
so the caller journals the request before sending and never sends it again on its own.
"""

from __future__ import annotations

import base64
import json
import mimetypes
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from seedream_desktop.api.errors import CONTEXT, NetworkError, Problem, SeedreamError
from seedream_desktop.api.models import SEEDREAM_40, SEEDREAM_45, SEEDREAM_50_LITE
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.redaction import redact, remember_secret

ARK_BASE_URL = "https://ark.ap-southeast.bytepluses.com/api/v3"  # protocol.md §5 (BytePlus, international)
ENDPOINT = "/images/generations"
# Runware AIR id -> ModelArk model id. 4.0: protocol.md §5; 4.5 and 5.0 Lite: the ids BytePlus lists
# (docs.comfy.org ByteDanceSeedreamNode "seedream-4-5-251128"; withceleste/celeste-python#181
# "seedream-5-0-260128"). SeedEdit 3.0 is not offered through Ark here.
ARK_MODEL_IDS: dict[str, str] = {
    SEEDREAM_40.id: "seedream-4-0-250828",
    SEEDREAM_45.id: "seedream-4-5-251128",
    SEEDREAM_50_LITE.id: "seedream-5-0-260128",
}
MAX_IMAGES_IN = 14  # protocol.md §5: up to 14 reference images for 4.x
EVENT_SUCCEEDED = "image_generation.partial_succeeded"
EVENT_FAILED = "image_generation.partial_failed"
EVENT_COMPLETED = "image_generation.completed"


class ArkError(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "BytePlus ModelArk refused the request: {detail}")


class ArkKeyRefused(ArkError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "BytePlus ModelArk did not accept the API key.")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Store a ModelArk key with `seedream key set --provider ark`.")
    exit_code = 3


class ArkInterrupted(ArkError):
    """The stream broke: what arrived is saved; the rest may have been charged and cannot be fetched."""

    template = QT_TRANSLATE_NOOP(
        CONTEXT, "The connection to BytePlus broke after {saved} image(s); the rest may have been charged."
    )
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT,
        "Nothing is sent again by itself: check your BytePlus usage, then send the job again if you want.",
    )


def ark_problems(request: GenerationRequest) -> list[Problem]:
    """What Ark cannot do that Runware can: other models, several separate images (Ark has no ``n``)."""
    found: list[Problem] = []
    if request.model not in ARK_MODEL_IDS:
        found.append(
            Problem(
                "model",
                QT_TRANSLATE_NOOP(CONTEXT, "{model} is not offered through BytePlus ModelArk; use Runware."),
                {"model": request.spec.name if request.spec else request.model},
            )
        )
    if request.number_results != 1:
        found.append(
            Problem(
                "numberResults",
                QT_TRANSLATE_NOOP(
                    CONTEXT, "BytePlus ModelArk makes one image per request; use Sequential for a set."
                ),
                {},
            )
        )
    if len(request.references) > MAX_IMAGES_IN:
        found.append(
            Problem(
                "references",
                QT_TRANSLATE_NOOP(CONTEXT, "{count} reference images; ModelArk takes at most {max}."),
                {"count": len(request.references), "max": MAX_IMAGES_IN},
            )
        )
    return found


def image_input(source: str) -> str:
    """A reference as Ark takes it: URLs and data URIs as given, a local file as a data URI."""
    if source.startswith(("http://", "https://", "data:")):
        return source
    path = Path(source)
    mime = mimetypes.guess_type(path.name)[0] or "image/png"
    # Ark wants the format in lower case (protocol.md §5): data:image/<fmt>;base64,...
    return f"data:{mime.lower()};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def ark_body(request: GenerationRequest, images: list[str] | None = None) -> dict[str, Any]:
    """The JSON body for ``POST /images/generations``, streamed, URLs, never watermarked."""
    body: dict[str, Any] = {
        "model": ARK_MODEL_IDS[request.model],
        "prompt": request.prompt,
        "size": f"{request.size.width}x{request.size.height}",
        "response_format": "url",
        "stream": True,
        "watermark": False,  # Ark's default is true: an "AI generated" mark the person did not ask for
    }
    refs = images if images is not None else [image_input(r.source) for r in request.references]
    if refs:
        body["image"] = refs
    if request.max_sequential_images:
        body["sequential_image_generation"] = "auto"
        body["sequential_image_generation_options"] = {"max_images": request.max_sequential_images}
    else:
        body["sequential_image_generation"] = "disabled"
    if request.optimize_prompt_mode:
        body["optimize_prompt_options"] = {"mode": request.optimize_prompt_mode}
    # No seed: BytePlus documents it only for seedream-3.0-t2i and seededit-3.0-i2i (protocol.md §5).
    return body


@dataclass(frozen=True, slots=True)
class ArkEvent:
    kind: str  # an EVENT_* name, or "error"
    data: dict[str, Any]


def read_events(lines: Iterable[str]) -> Iterator[ArkEvent]:
    """Server-Sent Events, one ArkEvent per blank-line-terminated block, until ``data: [DONE]``."""
    kind = ""
    data: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if data:
                text = "\n".join(data)
                if text.strip() == "[DONE]":
                    return
                payload = json.loads(text)
                yield ArkEvent(kind or str(payload.get("type", "")), payload)
            kind, data = "", []
        elif line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
    if data and "\n".join(data).strip() != "[DONE]":
        raise ArkInterrupted(saved=0)


@dataclass(slots=True)
class ArkOutcome:
    """What one streamed request gave: the images by index, the failures, and the usage Ark reported."""

    saved: dict[int, Any] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    generated_images: int | None = None
    completed: bool = False

    def cost(self, price_per_image: float) -> float:
        """Ark bills generated images only (protocol.md §5); the figure comes from the price table."""
        count = self.generated_images if self.generated_images is not None else len(self.saved)
        return round(count * price_per_image, 4)

    @property
    def usage_matches(self) -> bool:
        return self.generated_images is None or self.generated_images == len(self.saved)


class ArkClient:
    """A streamed image generation. ``on_image(index, url, data)`` runs as each image arrives, so a
    crash later loses nothing already delivered; it returns what it saved (a path)."""

    def __init__(self, api_key: str, base_url: str = ARK_BASE_URL, *, timeout: float = 300.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._key = api_key
        remember_secret(api_key)  # masked in every message and log line from here on
        self._timeout = timeout

    def generate(
        self,
        body: dict[str, Any],
        on_image: Callable[[int, str, bytes], Any],
        *,
        http: httpx.Client | None = None,
    ) -> ArkOutcome:
        own = http is None
        client = http or httpx.Client(timeout=self._timeout)
        outcome = ArkOutcome()
        headers = {"Authorization": f"Bearer {self._key}", "Accept": "text/event-stream"}
        try:
            with client.stream("POST", self.base_url + ENDPOINT, json=body, headers=headers) as response:
                if response.status_code != 200:
                    response.read()
                    raise _http_error(response)
                for event in read_events(response.iter_lines()):
                    self._take(event, outcome, on_image, client)
        except (httpx.HTTPError, ArkInterrupted) as exc:
            raise ArkInterrupted(str(exc), saved=len(outcome.saved)) from exc
        finally:
            if own:
                client.close()
        if not outcome.completed:
            raise ArkInterrupted("no completed event", saved=len(outcome.saved))
        return outcome

    def _take(
        self,
        event: ArkEvent,
        outcome: ArkOutcome,
        on_image: Callable[[int, str, bytes], Any],
        client: httpx.Client,
    ) -> None:
        data = event.data
        if event.kind == EVENT_SUCCEEDED:
            index = int(data.get("image_index", len(outcome.saved)))
            url = str(data.get("url", ""))
            if "b64_json" in data:
                picture = base64.b64decode(data["b64_json"])
            else:
                # Links expire after 24 h: fetch now, before the next event.
                got = client.get(url)
                got.raise_for_status()
                picture = got.content
            outcome.saved[index] = on_image(index, url, picture)
        elif event.kind == EVENT_FAILED:
            error = data.get("error") or {}
            outcome.failed[int(data.get("image_index", -1))] = str(error.get("code", "")) or "imageFailed"
        elif event.kind == EVENT_COMPLETED:
            usage = data.get("usage") or {}
            if isinstance(usage.get("generated_images"), int):
                outcome.generated_images = usage["generated_images"]
            outcome.completed = True
        elif event.kind == "error":
            error = data.get("error") or data
            raise ArkError(str(error.get("message", "")), code=str(error.get("code", "")))


def check_ark_key(api_key: str, base_url: str = ARK_BASE_URL, *, timeout: float = 20.0) -> None:
    """Whether ModelArk takes a key, without making (or paying for) an image: an empty request is refused,
    401/403 before anything else when the key is wrong, 400/404 for the empty body when it is right."""
    remember_secret(api_key)
    headers = {"Authorization": f"Bearer {api_key}"}
    try:
        with httpx.Client(timeout=timeout) as client:
            url = base_url.rstrip("/") + ENDPOINT
            response = client.post(url, json={"model": "", "prompt": ""}, headers=headers)
    except httpx.HTTPError as exc:
        raise NetworkError(redact(str(exc)) or type(exc).__name__, code="network") from exc
    if response.status_code in (401, 403):
        raise _http_error(response)
    if response.status_code >= 500:
        raise _http_error(response)


def _http_error(response: httpx.Response) -> ArkError:
    try:
        error = response.json().get("error") or {}
    except ValueError:
        error = {}
    # A server may echo what it was sent; the key never reaches a message.
    detail, code = redact(str(error.get("message", response.reason_phrase))), str(error.get("code", ""))
    if response.status_code in (401, 403):
        return ArkKeyRefused(detail, code=code, status=response.status_code)
    return ArkError(detail, code=code, parameter=error.get("param"), status=response.status_code)
