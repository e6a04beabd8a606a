"""SpendLedger: what a job will cost before it runs, what images really cost, and the daily budget cap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from seedream_desktop.api.errors import BudgetExceeded
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.jobs.journal import JobJournal


@dataclass(frozen=True, slots=True)
class DaySpend:
    day: str  # local date, YYYY-MM-DD
    images: int
    usd: float


@dataclass(frozen=True, slots=True)
class SpendSummary:
    days: tuple[DaySpend, ...]
    total_images: int
    total_usd: float
    today_usd: float
    outstanding_usd: float  # estimates of unfinished jobs not charged yet
    daily_budget_usd: float | None


# The cap in USD, or a function that reads it (from the settings) each time it is needed.
Budget = float | None | Callable[[], float | None]


class SpendLedger:
    """Reads spending from the journal (each image's real ``cost``); the journal stays the one truth."""

    def __init__(self, journal: JobJournal, daily_budget_usd: Budget = None) -> None:
        self.journal = journal
        self._budget = daily_budget_usd

    @property
    def daily_budget_usd(self) -> float | None:
        """Read for every job: a cap raised in Settings lets the next job through without a restart."""
        budget = self._budget() if callable(self._budget) else self._budget
        return float(budget) if budget else None  # 0 or None means no cap (the Settings default is 0.0)

    @staticmethod
    def estimate(request: GenerationRequest) -> float:
        """The model's list price × the most images the request can produce (the model may return fewer)."""
        return request.estimated_cost

    def today(self) -> float:
        midnight = datetime.combine(datetime.now().date(), time.min).timestamp()
        return self.journal.spent_since(midnight)

    def check(self, request: GenerationRequest) -> None:
        """Raise BudgetExceeded when this job could take today's spend past the cap.

        Counts what was charged today, plus what unfinished jobs may still cost, plus this estimate:
        a burst of jobs queued together cannot slip past the cap one by one.
        """
        budget = self.daily_budget_usd
        if budget is None:
            return
        estimate = self.estimate(request)
        committed = self.today() + self.journal.outstanding_estimates()
        if committed + estimate > budget + 1e-9:
            raise BudgetExceeded(
                code="budgetExceeded",
                estimate=estimate,
                budget=budget,
                spent=round(committed, 4),
            )

    def summary(self) -> SpendSummary:
        days = tuple(DaySpend(d, n, round(usd, 4)) for d, n, usd in self.journal.spend_by_day())
        return SpendSummary(
            days=days,
            total_images=sum(d.images for d in days),
            total_usd=round(sum(d.usd for d in days), 4),
            today_usd=round(self.today(), 4),
            outstanding_usd=round(self.journal.outstanding_estimates(), 4),
            daily_budget_usd=self.daily_budget_usd,
        )
