"""OffGui: how a page runs a blocking call (a SQLite write, the trash, a file move) away from the GUI thread.

The shape of superqt's WorkerBase, cut to what the window needs: the work runs in the order it was
asked for on one worker thread owned by the page (so a mark set twice ends as the second asked), and
``done(result, error)`` runs on the GUI thread, exactly as ``Bridge.run`` delivers the result grid's
marks and trash. After ``shutdown()`` nothing more is delivered, so no callback outlives its page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from seedream_desktop.ui.messages import error_text

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]


class OffGui(QObject):
    _deliver = Signal(object, object, object)  # future, result, error: emitted by the worker thread

    def __init__(self, parent: QObject | None = None, *, name: str = "off-gui") -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._done: dict[Future[Any], Done | None] = {}
        self._closed = False
        self._deliver.connect(self._delivered, Qt.ConnectionType.QueuedConnection)

    def run(self, work: Callable[[], Any], done: Done | None = None) -> Future[Any]:
        """Run ``work()`` on the worker; ``done(result, error)`` follows on the GUI thread."""
        future = self._pool.submit(work)
        self._done[future] = done
        future.add_done_callback(self._finished)
        return future

    @property
    def busy(self) -> bool:
        """Work asked for whose ``done`` has not run yet (tests wait on this)."""
        return bool(self._done)

    def _finished(self, future: Future[Any]) -> None:  # on the worker thread
        error = future.exception()
        result = None if error is not None else future.result()
        try:
            self._deliver.emit(future, result, error)
        except RuntimeError:
            pass  # the page is gone: nobody is left to tell

    @Slot(object, object, object)
    def _delivered(self, future: Future[Any], result: Any, error: BaseException | None) -> None:
        done = self._done.pop(future, None)
        if self._closed:
            return
        if done is not None:
            done(result, error)
        elif error is not None:
            log.error("Work off the GUI thread failed", exc_info=error)

    def shutdown(self) -> None:
        """Finish the work in hand (a half-applied mark would be lost), then deliver nothing more."""
        self._closed = True
        self._pool.shutdown(wait=True)
        self._done.clear()


def mark_failed(error: BaseException) -> str:
    """What every page says when a mark, board, tag or untrash could not be written: one sentence for all."""
    return QCoreApplication.translate("ResultCommands", "Could not save the mark: {reason}").format(
        reason=error_text(error)
    )
