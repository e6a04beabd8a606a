"""The HTTP side of the emulator: routes, authentication, injected faults, and writing answers."""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from seedream_desktop.emulator import ark, faults
from seedream_desktop.emulator.wire import Rejection, envelope, error, invalid_key, missing_key

if TYPE_CHECKING:
    from seedream_desktop.emulator.server import Emulator

_IMAGE_PATH = re.compile(r"^/images/(?P<uuid>[0-9a-fA-F-]{36})\.(?P<ext>[a-z]+)$")
_NOT_AN_IMAGE = b"<html><body>502 Bad Gateway: this is not the image you asked for</body></html>\n"


class EmulatorHTTPServer(ThreadingHTTPServer):
    """Threaded, and closes cleanly: stop() can wake every open connection, then joins its threads."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        super().__init__(address, RunwareHandler)
        self.emulator = emulator
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def wake_connections(self) -> None:
        """Unblock handler threads waiting on idle keep-alive connections, so stop() can join them."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is normal here (timeouts, injected faults): stay quiet.
        return


class RunwareHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Runware's HTTPS endpoint and httpx pools expect
    timeout = 120  # idle keep-alive connections close after this (stop() wakes them sooner)
    # Headers and body go out in separate writes; with Nagle on, a small body waits ~40 ms for the
    # client's delayed ACK, a floor under every call that would swamp what benchmarks measure.
    disable_nagle_algorithm = True
    server: EmulatorHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: tests and the CLI print what matters themselves

    # ---- POST /v1 ------------------------------------------------------------------------------
    def do_POST(self) -> None:
        emulator = self.server.emulator
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.split("?")[0].rstrip("/") == ark.PATH:  # BytePlus ModelArk (emulator/ark.py)
            ark.serve(self, raw)
            return
        if self.path.split("?")[0].rstrip("/") not in ("/v1", ""):
            self._send_json(404, {"errors": [error("notFound", f"No endpoint at {self.path}.")]})
            return
        try:
            tasks: Any = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            tasks = None
        emulator._record(tasks)
        task_types = (
            {t.get("taskType") for t in tasks if isinstance(t, dict)} if isinstance(tasks, list) else set()
        )
        phase = _phase_of(task_types)
        wants_task_faults = (phase == "submit" and "imageInference" in task_types) or phase == "poll"
        among = faults.FAULTS if wants_task_faults else (*faults.STATUS_FAULTS, *faults.TRANSPORT_FAULTS)
        fault = emulator.faults.take(phase, among)
        first = tasks[0] if isinstance(tasks, list) and tasks and isinstance(tasks[0], dict) else {}
        if fault in faults.STATUS_FAULTS:
            status, item = faults.status_error(fault, first.get("taskType"), first.get("taskUUID"))
            self._send_json(status, {"errors": [item]})
            return
        if fault == "stall" and not self._stall():
            return
        try:
            if not isinstance(tasks, list) or not tasks or not all(isinstance(t, dict) for t in tasks):
                raise Rejection(
                    400, [error("invalidRequestBody", "The body must be a JSON array of task objects.")]
                )
            self._authenticate(tasks)
            task_fault = fault if fault in faults.TASK_FAULTS else None
            status, body = emulator._service.run_batch(tasks, task_fault)
        except Rejection as rejection:
            status, body = rejection.status, envelope([], rejection.errors)
        if "imageInference" in task_types and not emulator._hold_answer():
            self.close_connection = True
            return
        if fault in faults.BODY_FAULTS:
            status = 400 if fault == "key-echo" else status
            body = faults.rewrite(fault, body, self.headers.get("Authorization", "")[7:].strip())
        self._send_json(status, body, corruption=fault if fault in faults.TRANSPORT_FAULTS else None)

    def _authenticate(self, tasks: list[dict[str, Any]]) -> None:
        """Bearer header, or an authentication task as the first element (protocol.md §1)."""
        header = self.headers.get("Authorization", "")
        offered = []
        if header[:7].lower() == "bearer " and header[7:].strip():
            offered.append(header[7:].strip())
        task_key = tasks[0].get("apiKey") if tasks[0].get("taskType") == "authentication" else None
        if isinstance(task_key, str) and task_key.strip():
            offered.append(task_key.strip())
        if not offered:
            raise missing_key()
        if not any(self.server.emulator.accepts(key) for key in offered):
            raise invalid_key()

    # ---- GET /images/<uuid>.<ext> --------------------------------------------------------------
    def do_GET(self) -> None:
        emulator = self.server.emulator
        match = _IMAGE_PATH.match(self.path.split("?")[0])
        if not match:
            self._send_json(404, {"errors": [error("notFound", f"No endpoint at {self.path}.")]})
            return
        fault = emulator.faults.take("download")
        if fault in faults.STATUS_FAULTS:
            status, item = faults.status_error(fault, None, None)
            self._send_json(status, {"errors": [item]})
            return
        if fault == "stall" and not self._stall():
            return
        emulator._count_download(match["uuid"])
        if fault == "expire":
            emulator._service.shelf.expire(match["uuid"])
        status, data, mime = emulator._service.shelf.serve(match["uuid"], match["ext"])
        if status == 404:
            self._send_json(404, {"errors": [error("imageNotFound", "No image at this URL.")]})
            return
        if status == 410:
            self._send_json(
                410, {"errors": [error("imageExpired", "This image URL has expired (its ttl passed).")]}
            )
            return
        if fault == "malformed":
            data = _NOT_AN_IMAGE
        corruption = fault if fault in ("drop", "truncate") else None
        self._send(200, mime, data, corruption=corruption, throttle=emulator.download_bytes_per_second)

    # ---- writing -------------------------------------------------------------------------------
    def _stall(self) -> bool:
        """Hang past the client's timeout; False when the emulator stops meanwhile (then hang up)."""
        if self.server.emulator._stopping.wait(self.server.emulator.stall_seconds):
            self.close_connection = True
            return False
        return True

    def _send_json(self, status: int, body: dict[str, Any], *, corruption: str | None = None) -> None:
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if corruption == "malformed":
            raw = raw[: len(raw) // 2]  # a cut JSON object is never valid JSON
            corruption = None
        self._send(status, "application/json", raw, corruption=corruption)

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        *,
        corruption: str | None = None,
        throttle: float | None = None,
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))  # always the full size, even when cut
            self.end_headers()
            if corruption in ("drop", "truncate"):
                self.wfile.write(body[: len(body) // 2])
                if corruption == "drop":  # abortive close (RST) instead of a clean end of stream
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                return
            self._write(body, throttle)
        except OSError:
            self.close_connection = True

    def _write(self, body: bytes, throttle: float | None) -> None:
        if not throttle:
            self.wfile.write(body)
            return
        chunk = max(1024, int(throttle / 20))
        for start in range(0, len(body), chunk):
            piece = body[start : start + chunk]
            self.wfile.write(piece)
            if self.server.emulator._stopping.wait(len(piece) / throttle):
                self.close_connection = True
                return


def _phase_of(task_types: set[Any]) -> str:
    if task_types and task_types <= {"ping", "authentication"}:
        # The app's free connection check: planned faults are for the work (submit, poll, download),
        # so a test's "500x4 on submit" still meets the submit and not the check before it.
        return "ping"
    if "imageInference" in task_types:
        return "submit"
    if task_types & {"imageUpload", "mediaStorage"}:
        return "upload"
    if "getResponse" in task_types:
        return "poll"
    return "submit"
