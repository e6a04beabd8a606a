"""How the bridge builds its session on the worker thread, without importing it before the first frame.

The session (jobs/session.py) pulls in httpx, SQLite, the metadata writers and the library index — a
few hundred milliseconds of imports that the window does not need to appear. The factory defers them
to the worker thread, after the window is on screen.
"""

from __future__ import annotations

from typing import Any

from seedream_desktop.jobs.connection import Connection, SessionOptions
from seedream_desktop.ui.bridge import PipelineFactory


def pipeline_factory(options: SessionOptions) -> PipelineFactory:
    async def build(listener: Any, connection: Connection | None) -> Any:
        from seedream_desktop.jobs.session import Session  # on the worker thread: see above

        return Session(options, listener, connection)

    return build
