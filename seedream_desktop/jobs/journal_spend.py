"""What the journal says was spent: per day, since a moment, and still outstanding (read by the ledger)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from seedream_desktop.jobs.journal_schema import COUNTED_COST
from seedream_desktop.jobs.state import JobState


class SpendQueries:
    """Mixed into JobJournal: read-only spending sums over its images and jobs."""

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError  # JobJournal's, under its lock

    def spend_by_day(self) -> list[tuple[str, int, float]]:
        """(local date, images charged, USD) per day, oldest first."""
        rows = self._query(
            "SELECT date(created, 'unixepoch', 'localtime') AS day, COUNT(*),"
            " COALESCE(SUM(" + COUNTED_COST.format(c="cost") + "), 0.0)"
            " FROM images GROUP BY day ORDER BY day"
        )
        return [(str(r[0]), int(r[1]), float(r[2])) for r in rows]

    def spent_since(self, since: float) -> float:
        rows = self._query(
            "SELECT COALESCE(SUM(" + COUNTED_COST.format(c="cost") + "), 0.0) FROM images WHERE created >= ?",
            (since,),
        )
        return float(rows[0][0])

    def outstanding_estimates(self) -> float:
        """What unfinished jobs may still cost: their estimate minus what they were already charged."""
        rows = self._query(
            "SELECT COALESCE(SUM(MAX(j.estimated_cost - COALESCE("
            "(SELECT SUM(" + COUNTED_COST.format(c="i.cost") + ") FROM images i WHERE i.job_id = j.id),"
            " 0.0), 0.0)), 0.0)"
            " FROM jobs j WHERE j.state IN (?, ?, ?, ?)",
            [s.value for s in JobState if not s.finished],
        )
        return float(rows[0][0])
