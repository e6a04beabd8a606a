"""Wires "Edit a region…" into the main window: the result grid's action, the status bar, the submit path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seedream_desktop.ui.edit.sessions import EditSessions


def region_edits(window: Any) -> EditSessions:
    """The window's EditSessions; the library page connects its own "Edit a Region…" to ``open``."""

    def library_root() -> Path:
        return Path(window.parts.settings.library).expanduser().resolve()

    sessions = EditSessions(
        window,
        worker=window.bridge,
        submit=window.submit,
        library_root=library_root,
        tray=lambda: window.compose.tray.references(),
        base=lambda: window.compose.request(),
        index=lambda: getattr(window.bridge.pipeline, "library", None),
    )
    window.commands.editRegionRequested.connect(sessions.open)
    window.commands.adjustEditRequested.connect(sessions.adjust)
    sessions.message.connect(lambda text: window.status.showMessage(text, 8000))
    # The composite takes the output's tile: it is the result. When the output's framing moved, the
    # tile keeps the model's full output instead, and the message names the composite beside it.
    sessions.compositeSaved.connect(
        lambda job_id, image_uuid, path, result: _show_composite(window, job_id, image_uuid, path, result)
    )
    return sessions


def _show_composite(window: Any, job_id: str, image_uuid: str, path: str, result: Any) -> None:
    if result.framing is None or result.framing.trustworthy:
        window.model.image_saved(job_id, Path(path), result.record, image_uuid)
