"""When a stopped job comes back by itself, and whether the server may have its task (never pay twice)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from seedream_desktop.api import errors as api_errors
from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.jobs.errors import is_unknown_task
from seedream_desktop.jobs.rows import ImageRow, JobRow

# Answers that prove the server refused the task outright (nothing was taken, nothing charged), so a
# re-send may use a fresh taskUUID.
REFUSALS: tuple[type[SeedreamError], ...] = (
    api_errors.InvalidApiKey,
    api_errors.NoCredits,
    api_errors.RejectedParameter,
    api_errors.ContentPolicy,
    api_errors.RateLimited,
    api_errors.InvalidRequest,
    api_errors.BudgetExceeded,
)
# Failures on our side or on the way: the results are still on the server, `resume` fetches them.
# TaskUnknown too: "no such task" is no proof the generation failed, so it is asked for again, never re-sent.
RESUMABLE_KINDS = frozenset({"StorageError", "NetworkError", "BadImage", "TaskUnknown"})


def resumable(job: JobRow) -> bool:
    """A failed job that `resume` carries on by itself (the others wait for an explicit retry)."""
    if type(job.error).__name__ in RESUMABLE_KINDS or is_unknown_task(job.error):
        return True
    # The server has the task and did not fail it: a transient error while polling stopped us.
    return job.acked and not job.task_failed and job.error is not None and job.error.retryable


def server_may_have(job: JobRow, images: Iterable[ImageRow]) -> bool:
    """True when the job's task may be on the server: then it is polled again, never sent anew."""
    if not job.attempted:
        return False
    if is_unknown_task(job.error):
        # Older versions marked these task_failed (a demo session polling a real job at the
        # emulator): "unknown task" proves nothing about the generation, so never send it anew.
        return True
    if job.acked:
        if job.task_failed:
            # The server finished the task with an error: if it sent nothing, nothing was charged
            # and only a new task can help; if it sent images, poll the old task for them.
            return any(i.task_uuid == job.task_uuid for i in images)
        return True
    return not isinstance(job.error, REFUSALS)


async def server_took(client: Any, task_uuid: str) -> bool:
    """After a refusal at submit: whether the server has the task all the same (one getResponse).

    The client re-sends a task whose answer was lost (cut, unreadable) with the same taskUUID; that
    re-send can be refused (429, an unreadable 400 where conflictTaskUUID was said) although the first
    attempt was taken and will be billed. Without this look the job would get a fresh taskUUID and be
    paid for twice. No answer at all leaves the refusal standing, as it did before the look.
    """
    try:
        result = await client.poll(task_uuid)
    except SeedreamError:
        return False
    if any(is_unknown_task(e) for e in result.errors):
        return False
    return bool(result.images or result.pending or result.errors)
