"""Emulator: the Runware-compatible server on 127.0.0.1, its knobs (latency, faults) and what it saw."""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from seedream_desktop.emulator.faults import FaultPlan, parse_fault_spec
from seedream_desktop.emulator.handler import EmulatorHTTPServer
from seedream_desktop.emulator.painter import Painter
from seedream_desktop.emulator.service import Service

HOST = "127.0.0.1"
MAX_RECORDED_TASKS = 10_000
FaultSpec = str | tuple[str, int | None, str]


class Emulator:
    """A real HTTP server speaking Runware REST on loopback; a context manager that never leaks threads.

    ``api_keys=None`` accepts any non-empty key; a set restricts to those keys. Latency is seconds per
    generated image. Faults are ``"NAME[xTIMES|x*][@PHASE]"`` strings or ``(name, times, on)`` tuples.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        api_keys: Iterable[str] | None = None,
        latency: float = 0.0,
        faults: Iterable[FaultSpec] = (),
        stall_seconds: float = 30.0,
        download_bytes_per_second: float | None = None,
    ) -> None:
        self._port = port
        self._api_keys = frozenset(api_keys) if api_keys is not None else None
        self._knobs_lock = threading.Lock()
        self._latency = float(latency)
        self._stall_seconds = float(stall_seconds)
        self._download_bps = download_bytes_per_second
        self._clock_offset = 0.0
        self._stopping = threading.Event()
        self._record_lock = threading.Lock()
        self._recorded = threading.Condition(self._record_lock)
        # Bounded, so a long demo session with large data-URI references cannot grow without limit.
        self._requests: deque[dict[str, Any]] = deque(maxlen=MAX_RECORDED_TASKS)
        self._received = 0
        self._downloads: Counter[str] = Counter()
        # The answer gate: a submit is taken (the task runs, it will be billed) but its answer waits.
        self._gate = threading.Condition()
        self._holding_answers = False
        self._held_answers = 0
        self.faults = FaultPlan()
        for spec in faults:
            name, times, on = parse_fault_spec(spec) if isinstance(spec, str) else spec
            self.faults.add(name, times, on)
        self._service = Service(
            painter=Painter(),
            origin=lambda: self.origin,
            clock=self.now,
            latency=lambda: self.latency,
            stopping=self._stopping,
        )
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle -----------------------------------------------------------------------------
    def start(self) -> Emulator:
        if self._server is not None:
            return self
        self._server = EmulatorHTTPServer((HOST, self._port), self)
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="seedream-emulator"
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake every stalled or idle connection and worker, and join all their threads."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._stopping.set()
        self._service.wake()
        with self._gate:
            self._gate.notify_all()
        server.shutdown()
        thread.join()
        server.wake_connections()
        server.server_close()  # joins the per-connection threads
        self._service.join()
        self._server = self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    # ---- addresses -----------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._port

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self._port}"

    @property
    def url(self) -> str:
        """The base URL a client posts to, like ``https://api.runware.ai/v1``."""
        return f"{self.origin}/v1"

    # ---- knobs (safe to change while serving) --------------------------------------------------
    def inject(self, fault: str, times: int | None = 1, on: str = "submit") -> None:
        """Make the next ``times`` matching requests (None: every one) meet ``fault``.

        ``on``: "submit" (imageInference POSTs), "poll" (getResponse), "download" (GET image),
        "upload" (imageUpload/mediaStorage) or "any".
        """
        self.faults.add(fault, times, on)

    def clear_faults(self) -> None:
        self.faults.clear()

    @property
    def latency(self) -> float:
        with self._knobs_lock:
            return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        with self._knobs_lock:
            self._latency = float(seconds)

    @property
    def stall_seconds(self) -> float:
        with self._knobs_lock:
            return self._stall_seconds

    @stall_seconds.setter
    def stall_seconds(self, seconds: float) -> None:
        with self._knobs_lock:
            self._stall_seconds = float(seconds)

    @property
    def download_bytes_per_second(self) -> float | None:
        with self._knobs_lock:
            return self._download_bps

    @download_bytes_per_second.setter
    def download_bytes_per_second(self, rate: float | None) -> None:
        with self._knobs_lock:
            self._download_bps = rate

    def accepts(self, key: str) -> bool:
        return bool(key) and (self._api_keys is None or key in self._api_keys)

    # ---- holding generation, so tests can watch a task part-way --------------------------------
    def pause(self) -> None:
        """Hold every generation before its next image until release() or resume()."""
        self._service.pause()

    def release(self, images: int = 1) -> None:
        """Let this many more images through while paused."""
        self._service.release(images)

    def resume(self) -> None:
        self._service.resume()

    # ---- holding answers, so a test can act between "the server took the task" and "the client knows"
    def hold_answers(self) -> None:
        """Handle every imageInference POST as usual (a valid task is taken), but keep its answer back."""
        with self._gate:
            self._holding_answers = True

    def let_answers_go(self) -> None:
        """Send every held answer (to whoever still listens) and stop holding new ones."""
        with self._gate:
            self._holding_answers = False
            self._gate.notify_all()

    def wait_for_held_answers(self, count: int = 1, timeout: float = 10.0) -> bool:
        """Block until ``count`` submits were taken and had their answers held in total."""
        with self._gate:
            return self._gate.wait_for(lambda: self._held_answers >= count, timeout)

    def _hold_answer(self) -> bool:
        """Called by the handler once a submit is taken; False when the emulator stops meanwhile."""
        with self._gate:
            if not self._holding_answers:
                return True
            self._held_answers += 1
            self._gate.notify_all()
            self._gate.wait_for(lambda: not self._holding_answers or self._stopping.is_set())
            return not self._stopping.is_set()

    def wait_for_images(self, count: int, timeout: float = 10.0) -> bool:
        """Block until ``count`` images were produced in total (the event to await instead of sleeping)."""
        return self._service.wait_for_images(count, timeout)

    def wait_for_task(self, task_uuid: str, timeout: float = 10.0) -> bool:
        """Block until an imageInference task has finished or failed (False on timeout)."""
        return self._service.wait_for_task(task_uuid, timeout)

    # ---- time (URL expiry) ---------------------------------------------------------------------
    def now(self) -> float:
        with self._knobs_lock:
            return time.monotonic() + self._clock_offset

    def advance_clock(self, seconds: float) -> None:
        """Move the emulator's clock forward, so tests see ttl expiry without waiting."""
        with self._knobs_lock:
            self._clock_offset += seconds

    # ---- what it saw ---------------------------------------------------------------------------
    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every task received, in order (the last 10,000; apiKey values redacted; headers never kept)."""
        with self._record_lock:
            return list(self._requests)

    @property
    def produced(self) -> list[tuple[str, str, str]]:
        """(taskUUID, imageUUID, sha256 hex of the bytes) for every image generated."""
        return self._service.produced_so_far()

    @property
    def downloads(self) -> dict[str, int]:
        """GET attempts per imageUUID (including ones answered 404/410 or cut by a fault)."""
        with self._record_lock:
            return dict(self._downloads)

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        """Block until ``count`` tasks were received in total (await a client's submit without sleeping)."""
        with self._recorded:
            return self._recorded.wait_for(lambda: self._received >= count, timeout)

    def _record(self, tasks: Any) -> None:
        if not isinstance(tasks, list):
            return
        kept = []
        for task in tasks:
            if isinstance(task, dict):
                if "apiKey" in task:
                    task = {**task, "apiKey": "[redacted]"}
                kept.append(task)
        with self._recorded:
            self._requests.extend(kept)
            self._received += len(kept)
            self._recorded.notify_all()

    def _count_download(self, image_uuid: str) -> None:
        with self._record_lock:
            self._downloads[image_uuid] += 1


def start_demo_emulator(latency: float = 0.8) -> Emulator:
    """A started emulator on a free port for the GUI's demo mode; the caller stops it."""
    return Emulator(latency=latency).start()
