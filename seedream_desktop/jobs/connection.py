"""What a session is built from: where it talks to (Connection) and its options (SessionOptions).

Light on purpose: the window imports this before its first frame, and the session itself (httpx,
SQLite, the metadata writers: a few hundred milliseconds of imports) is built later on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seedream_desktop.config import Paths, Settings

if TYPE_CHECKING:
    from seedream_desktop.jobs.pacing import Pacing


@dataclass(frozen=True, slots=True)
class Connection:
    """Where the session talks to: the key stays in memory, in this object and the client only."""

    api_key: str
    base_url: str
    demo: bool = False
    # The BytePlus ModelArk key (jobs/ark_lane.py), when one is set; the demo needs none.
    ark_key: str = ""

    def __repr__(self) -> str:  # never print the key
        return f"Connection(base_url={self.base_url!r}, demo={self.demo})"

    @classmethod
    def from_settings(cls, settings: Settings, api_key: str | None) -> Connection | None:
        """The real API of the settings with this key; None without a key (nothing can be sent)."""
        return cls(api_key, settings.api_url) if api_key else None


@dataclass(frozen=True, slots=True)
class SessionOptions:
    paths: Paths
    library_root: Path
    daily_budget_usd: float = 0.0
    pacing: Pacing | None = None
    max_concurrent: int = 2
    # The settings the Settings dialog edits in place. When given, they win over the two values above:
    # the budget cap is read for each new job (raising it needs no restart), the library folder each
    # time the session is built (Bridge.configure), since its index cannot change under running jobs.
    settings: Settings | None = None

    def budget(self) -> float:
        if self.settings is not None:
            return float(self.settings.get("daily_budget_usd") or 0.0)
        return self.daily_budget_usd

    def library(self) -> Path:
        root = self.settings.library if self.settings is not None else self.library_root
        return Path(root).expanduser().resolve()

    def api_url(self) -> str:
        return (self.settings or Settings(self.paths)).api_url

    def journal_file(self, connection: Connection | None) -> Path:
        """The demo has a journal of its own, beside the real one.

        Why a separate file rather than filtering by URL: nothing the demo does can then reach the
        real spend (`seedream jobs spend`, today's spend, the budget cap) or the real jobs' resume,
        whatever URL the emulator had, and the real journal needs no "is this loopback?" guess (a
        local proxy in front of Runware is real money).
        """
        real = self.paths.journal_file
        return real.with_name("demo-" + real.name) if connection is not None and connection.demo else real
