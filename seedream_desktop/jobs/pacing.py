"""How often a job polls, and how it waits out a network outage (backoff with jitter, optional patience)."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass

from seedream_desktop.api.errors import NetworkError


@dataclass(frozen=True, slots=True)
class Pacing:
    """How often to poll and how to back off while offline (tests make these short)."""

    first_poll: float = 1.0
    poll_factor: float = 1.5
    longest_poll: float = 10.0
    first_offline: float = 1.0
    longest_offline: float = 30.0
    # Seconds without network before a job gives up (None: wait for the network forever, as the GUI does).
    offline_patience: float | None = None


class Outage:
    """Backoff with jitter while the network is gone; gives up after ``offline_patience`` seconds."""

    def __init__(self, pacing: Pacing) -> None:
        self.pacing = pacing
        self.reset()

    def reset(self) -> None:
        self.delay = self.pacing.first_offline
        self.since: float | None = None

    async def wait(self) -> None:
        now = time.monotonic()
        if self.since is None:
            self.since = now
        patience = self.pacing.offline_patience
        if patience is not None and now - self.since >= patience:
            raise NetworkError("no connection for too long; the job waits in the journal", code="offline")
        await asyncio.sleep(self.delay * random.uniform(0.8, 1.2))
        self.delay = min(self.delay * 2, self.pacing.longest_offline)
