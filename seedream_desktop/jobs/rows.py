"""The journal's rows as values: jobs and images, and how a typed error is stored and rebuilt."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seedream_desktop.api import DEFAULT_API_URL
from seedream_desktop.api import errors as error_types
from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs import errors as job_error_types
from seedream_desktop.jobs.state import JobState

PENDING = "pending"
SAVED = "saved"


def api_identity(url: str | None) -> str:
    """The API a job belongs to, in one spelling: no URL (a journal from before version 2) is the default."""
    return (url or DEFAULT_API_URL).strip().rstrip("/") or DEFAULT_API_URL


@dataclass(frozen=True, slots=True)
class JobRow:
    id: str
    task_uuid: str
    request: GenerationRequest
    reference_ids: list[str] | None
    estimated_cost: float
    state: JobState
    attempted: bool
    acked: bool
    task_failed: bool
    error: SeedreamError | None
    created: float
    started: float | None
    finished: float | None
    updated: float
    api_url: str = DEFAULT_API_URL  # where its task was sent (api_identity form)
    cancel_requested: bool = False


@dataclass(frozen=True, slots=True)
class ImageRow:
    image_uuid: str
    job_id: str
    task_uuid: str
    url: str | None
    expires_at: float | None
    seed: int | None
    cost: float | None
    nsfw: bool | None
    sequence_index: int
    path: str | None
    sha256: str | None
    size: int | None
    state: str
    created: float
    updated: float
    cost_note: str | None = None  # why ``cost`` is the estimate (the server's figure was unusable)

    @property
    def saved(self) -> bool:
        return self.state == SAVED


def job_from(row: sqlite3.Row) -> JobRow:
    refs = row["reference_ids"]
    return JobRow(
        id=row["id"],
        task_uuid=row["task_uuid"],
        request=GenerationRequest.from_dict(json.loads(row["request"])),
        reference_ids=json.loads(refs) if refs else None,
        estimated_cost=float(row["estimated_cost"]),
        state=JobState(row["state"]),
        attempted=bool(row["attempted"]),
        acked=bool(row["acked"]),
        task_failed=bool(row["task_failed"]),
        error=error_from(row),
        created=row["created"],
        started=row["started"],
        finished=row["finished"],
        updated=row["updated"],
        api_url=api_identity(row["api_url"]),
        cancel_requested=bool(row["cancel_requested"]),
    )


def image_from(row: sqlite3.Row) -> ImageRow:
    nsfw = row["nsfw"]
    return ImageRow(
        image_uuid=row["image_uuid"],
        job_id=row["job_id"],
        task_uuid=row["task_uuid"],
        url=row["url"],
        expires_at=row["expires_at"],
        seed=row["seed"],
        cost=row["cost"],
        nsfw=None if nsfw is None else bool(nsfw),
        sequence_index=row["sequence_index"],
        path=row["path"],
        sha256=row["sha256"],
        size=row["size"],
        state=row["state"],
        created=row["created"],
        updated=row["updated"],
        cost_note=row["cost_note"],
    )


_COMMON_PARAMS = ("detail", "parameter")


def error_columns(error: SeedreamError) -> tuple[str, str, str, str]:
    extra = {k: v for k, v in error.params.items() if k not in _COMMON_PARAMS}
    params = {"detail": error.detail, "parameter": error.parameter, "status": error.status, **extra}
    return type(error).__name__, error.code, error.message, json.dumps(params, default=str)


def error_from(row: sqlite3.Row) -> SeedreamError | None:
    """Rebuild the typed error a job failed with, so the GUI can translate it again."""
    kind = row["error_kind"]
    if not kind:
        return None
    cls = _error_class(kind)
    params: dict[str, Any] = json.loads(row["error_params"] or "{}")
    detail = str(params.pop("detail", "") or "")
    parameter = params.pop("parameter", None)
    status = params.pop("status", None)
    error = cls.__new__(cls)
    # Bypass subclass constructors with other signatures (InvalidRequest takes problems).
    try:
        SeedreamError.__init__(
            error, detail, code=row["error_code"] or "", parameter=parameter, status=status, **params
        )
        _ = error.message
    except (KeyError, ValueError, IndexError, TypeError):
        error = SeedreamError(row["error_message"] or kind, code=row["error_code"] or "")
    if isinstance(error, error_types.InvalidRequest):
        error.problems = []
    if kind in _REFERENCE_ERRORS:  # UnusableImage.path: only the name is journalled
        error.path = Path(str(params.get("name") or ""))  # type: ignore[attr-defined]
    return error


def _error_class(kind: str) -> type[SeedreamError]:
    """The class a journalled error was, so it comes back with its own message, remedy and exit code.

    The reference errors live beside the code that raises them (api/references.py, which imports
    Pillow): that module is loaded only when a journal holds one of its errors."""
    for module in (error_types, job_error_types):
        cls = getattr(module, kind, None)
        if isinstance(cls, type) and issubclass(cls, SeedreamError):
            return cls
    if kind in _REFERENCE_ERRORS:
        from seedream_desktop.api import references

        cls = getattr(references, kind, None)
        if isinstance(cls, type) and issubclass(cls, SeedreamError):
            return cls
    return SeedreamError


_REFERENCE_ERRORS = ("UnusableImage", "RefusedReference", "UnreadableReference")


def timestamp(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    stamp = getattr(value, "timestamp", None)
    return float(stamp()) if callable(stamp) else None


def flag(value: Any) -> int | None:
    return None if value is None else int(bool(value))
