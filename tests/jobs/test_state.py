"""The job state machine: the edges it has and the ones it refuses."""

from __future__ import annotations

import itertools

import pytest

from seedream_desktop.jobs.state import ALLOWED, IllegalTransition, JobState, check_transition


def test_happy_path_is_allowed() -> None:
    path = [JobState.QUEUED, JobState.SUBMITTED, JobState.GENERATING, JobState.DOWNLOADING, JobState.DONE]
    for old, new in itertools.pairwise(path):
        check_transition(old, new)


@pytest.mark.parametrize("final", [JobState.DONE, JobState.CANCELLED])
def test_done_and_cancelled_are_final(final: JobState) -> None:
    for state in JobState:
        with pytest.raises(IllegalTransition):
            check_transition(final, state)


def test_failed_comes_back_only_through_retry_or_resume() -> None:
    assert JobState.QUEUED in ALLOWED[JobState.FAILED]
    assert JobState.GENERATING in ALLOWED[JobState.FAILED]
    assert JobState.DONE not in ALLOWED[JobState.FAILED]


def test_a_queued_job_cannot_be_done_without_being_sent() -> None:
    with pytest.raises(IllegalTransition):
        check_transition(JobState.QUEUED, JobState.DONE)


def test_finished_states() -> None:
    assert {s for s in JobState if s.finished} == {JobState.DONE, JobState.FAILED, JobState.CANCELLED}
