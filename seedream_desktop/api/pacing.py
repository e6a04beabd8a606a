"""How long the client waits: backoff between retries, the poll schedule, and a server's Retry-After."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import httpx

from seedream_desktop.api.limits import ENV_RETRY_DELAY, seconds_from_environment


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter for transient failures."""

    attempts: int = 4  # tries in total, the first one included
    base_delay: float = 0.5
    factor: float = 2.0
    max_delay: float = 8.0
    jitter: float = 0.5  # up to this fraction of the delay is added at random, so clients spread out
    # Honour a server's Retry-After up to this long; a server asking for more (an hour, a year) is
    # not waited for at all: the call fails at once and says Runware is busy.
    max_retry_after: float = 30.0

    @classmethod
    def from_environment(cls) -> RetryPolicy:
        """The defaults, with the first delay taken from SEEDREAM_RETRY_DELAY_S when set (tests)."""
        default = cls()
        base = seconds_from_environment(ENV_RETRY_DELAY, default.base_delay)
        return cls(base_delay=base, max_delay=max(base, default.max_delay * base / default.base_delay))

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``retry`` (1-based)."""
        step = min(self.max_delay, self.base_delay * self.factor ** (retry - 1))
        step += random.uniform(0, self.jitter * step)
        if retry_after is not None:
            step = max(step, min(retry_after, self.max_retry_after))
        return step


@dataclass(frozen=True, slots=True)
class PollSchedule:
    """How often getResponse is asked while images are still being made."""

    first: float = 0.5
    factor: float = 1.5
    max_delay: float = 5.0
    # Polls in a row that may fail (each already retried) before wait() gives up: a generation can
    # take minutes, and a short network hiccup in the middle must not lose it.
    max_failed_polls: int = 3


# Empty getResponse answers in a row, over at least this long, before a job stops waiting: a real
# server says "processing" while it works, so this only ends a server that never says anything.
MAX_SILENT_POLLS = 30
MIN_SILENT_SECONDS = 600.0
DEFAULT_RETRIES = RetryPolicy()
DEFAULT_POLLING = PollSchedule()


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The seconds a reply's Retry-After asks for (inf for a non-finite number), or None."""
    value = response.headers.get("Retry-After")
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    if seconds is None or seconds < 0:
        return None
    return seconds if math.isfinite(seconds) else math.inf
