"""A small, scriptable, deliberately misbehaving Runware-like HTTP server on 127.0.0.1 for tests.

Each test gives it a ``Script``: what to answer to imageInference, getResponse and the image GET. An
answer (``Reply``) may be a body in one piece, a lazy generator (a 300 MB reply is never held in
memory), a trickle (bytes with pauses), a lying Content-Length, or a connection reset mid-body. Every
loop is bounded and ends when the server stops, so a test can never leave a thread spinning.
"""

from __future__ import annotations

import io
import json
import socket
import struct
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from PIL import Image

KEY = "sk-hostile-0123456789abcdef-SECRET"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@dataclass
class Reply:
    """One answer. ``body`` bytes (or a generator of chunks); ``pause`` seconds between chunks."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_length: int | None = None  # announce this instead of the real length
    pause: float = 0.0
    reset_after: int | None = None  # bytes of body, then an abrupt RST

    @staticmethod
    def json(payload: Any, status: int = 200, **kwargs: Any) -> Reply:
        # allow_nan: a hostile server sends bare NaN/Infinity on purpose.
        return Reply(status, json.dumps(payload, allow_nan=True).encode(), **kwargs)


@dataclass
class Request:
    method: str
    path: str
    tasks: list[dict[str, Any]]

    @property
    def task(self) -> dict[str, Any]:
        return self.tasks[0] if self.tasks else {}

    @property
    def task_type(self) -> str:
        return str(self.task.get("taskType", ""))

    @property
    def task_uuid(self) -> str:
        return str(self.task.get("taskUUID", ""))


Handler = Callable[[Request, "HostileServer"], Reply]


class HostileServer:
    """``with HostileServer(api=..., image=...) as server:`` then point SEEDREAM_API_URL at server.api_url."""

    def __init__(self, api: Handler | None = None, image: Handler | None = None) -> None:
        self.api = api or well_behaved_api
        self.image = image or well_behaved_image
        self.png = png_bytes()
        self.stopping = threading.Event()
        self.requests: list[Request] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/v1"

    def image_url(self, name: str = "image.png") -> str:
        return f"{self.base}/img/{name}"

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # ---- ready-made answers -------------------------------------------------------------------
    def item(self, task_uuid: str, n: int = 0, **extra: Any) -> dict[str, Any]:
        return {
            "taskType": "imageInference",
            "taskUUID": task_uuid,
            "status": "success",
            "imageUUID": f"0b8e7c7e-1111-4222-8333-{n:012d}",
            "imageURL": self.image_url(f"{n}.png"),
            "cost": 0.03,
            "seed": 7,
            **extra,
        }

    def trickle(self, total: int, pause: float) -> Iterator[bytes]:
        """``total`` bytes, one at a time with ``pause`` between, until the server stops."""
        for _ in range(total):
            if self.stopping.wait(pause):
                return
            yield b" "


def well_behaved_api(request: Request, server: HostileServer) -> Reply:
    if request.task_type == "imageInference":
        return Reply.json({"data": [{"taskType": "imageInference", "taskUUID": request.task_uuid}]})
    return Reply.json({"data": [server.item(request.task_uuid)]})


def well_behaved_image(request: Request, server: HostileServer) -> Reply:
    return Reply(200, server.png, {"Content-Type": "image/png"})


def _make_handler(server: HostileServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(min(length, 64 * 1024 * 1024))
            try:
                tasks = json.loads(raw)
            except ValueError:
                tasks = []
            request = Request("POST", self.path, tasks if isinstance(tasks, list) else [])
            server.requests.append(request)
            self._answer(server.api(request, server))

        def do_GET(self) -> None:
            request = Request("GET", self.path, [])
            server.requests.append(request)
            self._answer(server.image(request, server))

        def _answer(self, reply: Reply) -> None:
            body = reply.body
            length = reply.content_length
            if isinstance(body, bytes) and length is None:
                length = len(body)
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body
                sent = 0
                for chunk in chunks:
                    if server.stopping.is_set():
                        break
                    if reply.reset_after is not None and sent + len(chunk) >= reply.reset_after:
                        self.wfile.write(chunk[: max(0, reply.reset_after - sent)])
                        self.wfile.flush()
                        self._reset()
                        return
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    if reply.pause:
                        self.wfile.flush()
                        if server.stopping.wait(reply.pause):
                            break
                self.wfile.flush()
                if length is not None and sent < length:
                    self.close_connection = True  # a lying Content-Length: cut the connection short
            except (BrokenPipeError, ConnectionResetError, OSError):
                self.close_connection = True

        def _reset(self) -> None:
            # SO_LINGER 0: close() sends RST, the client sees "connection reset" mid-body.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True

    return _Handler
