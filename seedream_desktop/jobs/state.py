"""The life of a job: its states and the only transitions between them."""

from __future__ import annotations

from enum import Enum, StrEnum


class JobState(StrEnum):
    QUEUED = "queued"  # journalled; the server has not acknowledged it yet (may be offline)
    SUBMITTED = "submitted"  # the server acknowledged the task (async ACK): it is paid for from here on
    GENERATING = "generating"  # polling getResponse; some images may already be saved
    DOWNLOADING = "downloading"  # the server is finished; saving what it sent
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class StreamedJobState(StrEnum):
    """A ModelArk job (jobs/ark_jobs.py): there is no task id to poll, so a job cut off mid-stream cannot be
    fetched again, only sent again (paid again) with the person's say-so: hence UNSURE."""

    SENDING = "sending"  # journalled, then sent; images are committed one by one as they stream in
    DONE = JobState.DONE.value
    UNSURE = "unsure"  # the process died mid-stream: may have been charged, no result to fetch
    FAILED = JobState.FAILED.value


class CancelOutcome(Enum):
    """What a cancel means for the person's money (the window words its message from it)."""

    FREE = "free"  # nothing was sent, or the server never took it: nothing is charged
    PAID = "paid"  # the server has the task: every image is charged and still arrives in the library
    OVER = "over"  # the job had already ended


_RUNNING = (JobState.SUBMITTED, JobState.GENERATING, JobState.DOWNLOADING)
SENT = _RUNNING  # sent to the server and not finished
UNFINISHED = (JobState.QUEUED, *SENT)  # every job a cancel can still stop

# A failed job comes back to life through retry/resume: to QUEUED when it is re-sent, or straight to a
# running state when the server already has it (poll the old task, never pay twice).
ALLOWED: dict[JobState, frozenset[JobState]] = {
    JobState.QUEUED: frozenset({*_RUNNING, JobState.QUEUED, JobState.FAILED, JobState.CANCELLED}),
    JobState.SUBMITTED: frozenset({*_RUNNING, JobState.DONE, JobState.FAILED, JobState.CANCELLED}),
    JobState.GENERATING: frozenset({*_RUNNING, JobState.DONE, JobState.FAILED, JobState.CANCELLED}),
    JobState.DOWNLOADING: frozenset({*_RUNNING, JobState.DONE, JobState.FAILED, JobState.CANCELLED}),
    JobState.FAILED: frozenset({JobState.QUEUED, *_RUNNING, JobState.FAILED, JobState.CANCELLED}),
    JobState.DONE: frozenset(),
    JobState.CANCELLED: frozenset(),
}


class IllegalTransition(RuntimeError):
    """A bug: the pipeline tried to move a job along an edge the state machine does not have."""


def check_transition(old: JobState, new: JobState) -> None:
    if new not in ALLOWED[old]:
        raise IllegalTransition(f"{old.value} -> {new.value}")
