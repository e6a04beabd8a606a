"""What the bridge needs to build the job pipeline, without importing it: that happens on the worker.

The pipeline pulls in httpx, SQLite, the metadata writers and the library index — a few hundred
milliseconds of imports that the window does not need to appear. ``pipeline_factory`` defers them to
the worker thread, after the window is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seedream_desktop.config import Paths, Settings
from seedream_desktop.ui.bridge import Connection, PipelineFactory

if TYPE_CHECKING:
    from seedream_desktop.jobs.runner import Pacing


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    paths: Paths
    library_root: Path
    daily_budget_usd: float = 0.0
    pacing: Pacing | None = None
    max_concurrent: int = 2
    # The settings the Settings dialog edits in place. When given, they win over the two values above:
    # the budget cap is read for each new job (raising it needs no restart), the library folder each
    # time the pipeline is built (Bridge.configure), since its index cannot change under running jobs.
    settings: Settings | None = None

    def budget(self) -> float:
        if self.settings is not None:
            return float(self.settings.get("daily_budget_usd") or 0.0)
        return self.daily_budget_usd

    def library(self) -> Path:
        return self.settings.library if self.settings is not None else self.library_root


def pipeline_factory(options: PipelineOptions) -> PipelineFactory:
    async def build(listener: Any, connection: Connection | None) -> Any:
        from seedream_desktop.ui.pipeline import JobPipeline  # on the worker thread: see above

        return JobPipeline(options, listener, connection)

    return build
