"""Safety nets for hostile files fed to code running inside the test process (the GUI tray).

A regression that reads ``/dev/zero`` for ever would otherwise eat the machine's memory, and one that
opens a FIFO would block a worker thread for ever (and with it the thread pool's shutdown). The guard
notices the first, records it and cuts the read short by putting ``/dev/null`` under the runaway file
descriptor; ``release_fifos`` opens the write end of each FIFO and closes it, so a blocked reader wakes
to an empty file. Both only make a failing test end cleanly: the test still fails on what they saw.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ENDLESS = ("/dev/zero", "/dev/urandom", "/dev/random")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RunawayGuard:
    """While running: the most this process grew over its start, and whether an endless read was cut."""

    def __init__(self, limit_mb: float) -> None:
        self.limit_mb = limit_mb
        self.start_mb = rss_mb()
        self.peak_mb = 0.0
        self.cut: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="runaway-guard", daemon=True)

    def __enter__(self) -> RunawayGuard:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            grown = rss_mb() - self.start_mb
            self.peak_mb = max(self.peak_mb, grown)
            if grown > self.limit_mb:
                self._cut_endless_reads()

    def _cut_endless_reads(self) -> None:
        null = os.open(os.devnull, os.O_RDONLY)
        try:
            for fd in Path("/proc/self/fd").iterdir():
                with contextlib.suppress(OSError):
                    if str(fd.readlink()) in ENDLESS:
                        os.dup2(null, int(fd.name))
                        self.cut.append(fd.name)
        finally:
            os.close(null)


def release_fifos(paths: Iterable[Path]) -> None:
    """Wake every reader blocked opening one of ``paths`` (FIFOs): it then reads an empty file."""
    for path in paths:
        with contextlib.suppress(OSError):
            if stat.S_ISFIFO(os.lstat(path).st_mode):
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # ENXIO when nobody is waiting


@contextlib.contextmanager
def ticking(interval_ms: int = 20) -> Iterator[list[float]]:
    """A QTimer firing on the GUI thread while the block runs; yields the times it fired."""
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    try:
        yield ticks
    finally:
        timer.stop()


def longest_gap_ms(ticks: list[float], until: float) -> float:
    times = [*ticks, until]
    return max((b - a for a, b in itertools.pairwise(times)), default=float("inf")) * 1000
