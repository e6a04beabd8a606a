"""GarbageCollector: Python's cyclic garbage collection, run on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate. When that is the worker thread and
the garbage holds a Qt widget or timer (a lambda slot that captured its window makes such a cycle),
the C++ object is destroyed in the wrong thread: Qt warns "Timers cannot be stopped from another
thread", and a widget deleted there can crash the process. So automatic collection is switched off and
this timer collects on the GUI thread instead, generation by generation, with Python's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns objects freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        gc.enable()
