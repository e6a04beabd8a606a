"""Fault injection: which failure the next matching request meets, chosen by whoever runs the emulator."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from seedream_desktop.emulator.wire import (
    CONTENT_POLICY,
    INSUFFICIENT_CREDITS,
    INVALID_API_KEY,
    error,
)

PHASES: tuple[str, ...] = ("submit", "poll", "download", "upload", "any")

# HTTP-level faults: the server answers with this status and does not take the request.
STATUS_FAULTS: dict[str, tuple[int, str, str]] = {
    "401": (401, INVALID_API_KEY, "Invalid API key. Get one at https://my.runware.ai/signup"),
    "402": (402, INSUFFICIENT_CREDITS, "Insufficient credits. Top up your balance to keep generating."),
    "400": (400, "invalidRequest", "The request could not be processed (injected fault)."),
    "429": (429, "rateLimitExceeded", "Queue capacity exceeded. Retry with exponential backoff."),
    "500": (500, "internalServerError", "Internal server error (injected fault)."),
    "503": (503, "serviceUnavailable", "Temporary capacity constraint. Retry later."),
    "504": (504, "queueTimeout", "Exceeded the maximum queue wait."),
}
# Transport faults: the server takes the request, then the answer goes wrong on the way back.
TRANSPORT_FAULTS: tuple[str, ...] = ("stall", "drop", "truncate", "malformed")
# Task faults: they change what happens to the generation itself.
TASK_FAULTS: tuple[str, ...] = ("expire", "nsfw", "content-policy", "provider-timeout")
# Hostile-answer faults: the task runs, then its answer is rewritten the way a broken or malicious
# server might send it (the client must end each in a clear message, never paying twice).
BODY_FAULTS: tuple[str, ...] = (
    "negative-cost",
    "infinite-cost",
    "extra-results",
    "bad-uuid",
    "unsafe-link",
    "key-echo",
)
FAULTS: tuple[str, ...] = (*STATUS_FAULTS, *TRANSPORT_FAULTS, *TASK_FAULTS, *BODY_FAULTS)
# How many copies "extra-results" makes of each image (each with its own imageUUID).
EXTRA_RESULTS = 50

_EVERYWHERE = frozenset(PHASES) - {"any"}
_WHERE: dict[str, frozenset[str]] = dict.fromkeys((*STATUS_FAULTS, *TRANSPORT_FAULTS), _EVERYWHERE)
_WHERE.update(
    {
        "expire": frozenset({"submit", "poll", "download"}),
        "nsfw": frozenset({"submit", "poll"}),
        "content-policy": frozenset({"submit", "poll"}),
        "provider-timeout": frozenset({"submit", "poll"}),
    }
)
_WHERE.update(dict.fromkeys(BODY_FAULTS, frozenset({"submit", "poll"})))

_SPEC = re.compile(r"^(?P<name>[a-z0-9-]+?)(?:x(?P<times>\d+|\*))?(?:@(?P<on>[a-z]+))?$")


@dataclass
class Fault:
    name: str
    remaining: int | None  # None: every matching request until cleared
    on: str


def check(name: str, times: int | None, on: str) -> None:
    if name not in FAULTS:
        raise ValueError(f"unknown fault {name!r}; choose one of {', '.join(FAULTS)}")
    if on not in PHASES:
        raise ValueError(f"unknown phase {on!r}; choose one of {', '.join(PHASES)}")
    if times is not None and times < 1:
        raise ValueError("times must be at least 1 (or None for every request)")
    if on != "any" and on not in _WHERE[name]:
        raise ValueError(f"fault {name!r} cannot happen on {on!r}; it applies to {sorted(_WHERE[name])}")


def parse_fault_spec(spec: str) -> tuple[str, int | None, str]:
    """Read ``NAME[xTIMES|x*][@PHASE]``, e.g. ``500``, ``429x3@poll``, ``stall@download``, ``nsfwx*``."""
    match = _SPEC.match(spec.strip().lower())
    if not match:
        raise ValueError(f"cannot read fault {spec!r}; write NAME[xTIMES][@PHASE], e.g. 429x2@poll")
    times_text = match["times"]
    times = None if times_text == "*" else int(times_text or 1)
    on = match["on"] or "submit"
    check(match["name"], times, on)
    return match["name"], times, on


def status_error(name: str, task_type: str | None, task_uuid: str | None) -> tuple[int, dict[str, Any]]:
    status, code, message = STATUS_FAULTS[name]
    parameter = "apiKey" if status == 401 else None
    return status, error(code, message, parameter=parameter, task_type=task_type, task_uuid=task_uuid)


def task_error(name: str, task_uuid: str) -> dict[str, Any]:
    """The error a task fault puts on its task (content policy or provider timeout)."""
    if name == "content-policy":
        return error(
            CONTENT_POLICY,
            "The request was rejected by the provider's content policy.",
            parameter="positivePrompt",
            task_type="imageInference",
            task_uuid=task_uuid,
        )
    return error(
        "timeoutProvider",
        "The provider did not answer in time. Try again.",
        task_type="imageInference",
        task_uuid=task_uuid,
    )


class FaultPlan:
    """The queue of injected faults; thread-safe, consumed by the requests they match."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, name: str, times: int | None = 1, on: str = "submit") -> None:
        check(name, times, on)
        with self._lock:
            self._faults.append(Fault(name, times, on))

    def take(self, phase: str, among: tuple[str, ...] = FAULTS) -> str | None:
        """The first fault planned for ``phase`` (one of ``among``), used up by this request."""
        with self._lock:
            for fault in self._faults:
                if fault.name not in among or phase not in _WHERE[fault.name]:
                    continue
                if fault.on not in (phase, "any"):
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                return fault.name
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[tuple[str, int | None, str]]:
        with self._lock:
            return [(f.name, f.remaining, f.on) for f in self._faults]


def rewrite(name: str, body: dict[str, Any], offered_key: str = "") -> dict[str, Any]:
    """The answer ``body`` as the hostile-answer fault ``name`` sends it (a new dict)."""
    items = [dict(item) for item in body.get("data", []) if isinstance(item, dict)]
    images = [item for item in items if "imageUUID" in item]
    if name == "negative-cost":
        for item in images:
            item["cost"] = -1000
    elif name == "infinite-cost":
        for item in images:
            item["cost"] = float("inf")  # json.dumps writes a bare Infinity, which is not JSON
    elif name == "extra-results":
        extra = []
        for item in images:
            for n in range(1, EXTRA_RESULTS):
                extra.append({**item, "imageUUID": f"{item['imageUUID'][:-12]}{n:012d}"})
        items += extra
    elif name == "bad-uuid":
        for item in images:
            item["imageUUID"] = "../../" + str(item["imageUUID"])
    elif name == "unsafe-link":
        for item in images:
            item["imageURL"] = "https://169.254.169.254/latest/meta-data/"
    elif name == "key-echo":
        echo = offered_key or "no-key"
        return {  # a refusal (sent with HTTP 400) quoting the key in every field
            "data": [],
            "errors": [
                {
                    "code": echo,
                    "message": f"The key {echo} is echoed here.",
                    "parameter": echo,
                    "documentation": f"https://example.invalid/{echo}",
                }
            ],
        }
    return {**body, "data": items}
