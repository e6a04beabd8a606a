"""The spend ledger: estimates, real costs per day, and the daily budget cap."""

from __future__ import annotations

import time

import pytest

from seedream_desktop.api.errors import BudgetExceeded
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import ImageResult
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.state import JobState


def _charged(journal: JobJournal, costs: list[float]) -> str:
    job = journal.add_job(GenerationRequest("x", number_results=len(costs)))
    journal.add_images(
        job.id,
        job.task_uuid,
        [ImageResult(job.task_uuid, f"{job.id}-{i}", cost=c) for i, c in enumerate(costs)],
    )
    journal.set_state(job.id, JobState.SUBMITTED)
    journal.set_state(job.id, JobState.DONE)
    return job.id


def test_estimate_is_three_cents_per_expected_image() -> None:
    assert SpendLedger.estimate(GenerationRequest("x")) == pytest.approx(0.03)
    assert SpendLedger.estimate(GenerationRequest("x", number_results=2, max_sequential_images=4)) == (
        pytest.approx(0.24)
    )


def test_real_costs_are_summed_per_day(journal: JobJournal) -> None:
    _charged(journal, [0.03, 0.03])
    _charged(journal, [0.025])
    old = _charged(journal, [0.5])
    yesterday = time.time() - 86400 * 2
    journal._db.execute("UPDATE images SET created = ? WHERE job_id = ?", (yesterday, old))
    summary = SpendLedger(journal).summary()
    assert summary.total_images == 4
    assert summary.total_usd == pytest.approx(0.585)
    assert summary.today_usd == pytest.approx(0.085)
    assert [d.images for d in summary.days] == [1, 3]


def test_budget_refuses_past_the_cap(journal: JobJournal) -> None:
    ledger = SpendLedger(journal, daily_budget_usd=0.10)
    _charged(journal, [0.03])
    journal.add_job(GenerationRequest("x", number_results=1))
    ledger.check(GenerationRequest("x"))  # 0.03 charged + 0.03 outstanding + 0.03 = 0.09
    with pytest.raises(BudgetExceeded) as caught:
        ledger.check(GenerationRequest("x", number_results=2))  # 0.06 + 0.06 = 0.12 > 0.10
    assert "$0.06" in str(caught.value) and "$0.10" in str(caught.value)
    assert caught.value.exit_code == 3


def test_zero_budget_means_no_cap(journal: JobJournal) -> None:
    SpendLedger(journal, daily_budget_usd=0.0).check(GenerationRequest("x", number_results=20))


def test_budget_is_read_for_each_job(journal: JobJournal) -> None:
    cap = [0.03]
    ledger = SpendLedger(journal, daily_budget_usd=lambda: cap[0])
    _charged(journal, [0.03])
    with pytest.raises(BudgetExceeded):
        ledger.check(GenerationRequest("x"))
    cap[0] = 1.0  # raised in Settings: the next job goes without a restart
    ledger.check(GenerationRequest("x"))
    assert ledger.summary().daily_budget_usd == 1.0
    cap[0] = 0.0
    assert ledger.daily_budget_usd is None
