"""Small helpers shared by the UI tests: a recorder of bridge signals and a quick request."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.ui.bridge import Bridge


def small_request(prompt: str, count: int = 1) -> GenerationRequest:
    size = by_key("1K-1:1")
    assert size is not None
    return GenerationRequest(prompt, size=size, number_results=count)


class Recorder(QObject):
    """Everything a bridge emitted, in order, and the threads the slots ran on.

    A QObject, so Qt disconnects its slots when it is destroyed. WORKAROUND: PySide6 6.11 keeps calling
    a bound method of a plain Python object after that object is freed (a segfault in a slot about one
    run in ten when a test dropped its recorder while the bridge went on emitting). Upstream: not
    reported that we found (PySide6 6.11.3); no release is known to fix it.
    """

    def __init__(self, bridge: Bridge) -> None:
        super().__init__()
        self.views: list = []
        self.saved: list = []
        self.spend: list[float] = []
        self.online: list[bool] = []
        self.threads: set[str] = set()
        bridge.jobChanged.connect(self._job)
        bridge.imageSaved.connect(self._saved)
        bridge.spendChanged.connect(self.spend.append)
        bridge.onlineChanged.connect(self.online.append)

    @property
    def states(self) -> list[str]:
        return [v.state.value for v in self.views]

    def _job(self, view: object) -> None:
        self.threads.add(threading.current_thread().name)
        self.views.append(view)

    def _saved(self, _job_id: str, saved: object) -> None:
        self.threads.add(threading.current_thread().name)
        self.saved.append(saved)
