"""The catalogue of server misbehaviours the CLI is played against (tests/hostile/test_hostile_server.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.helpers.hostile_server import KEY, HostileServer, Reply, Request, well_behaved_api


@dataclass
class Case:
    name: str
    api: Callable[[Request, HostileServer], Reply] = well_behaved_api
    image: Callable[[Request, HostileServer], Reply] | None = None
    exit_code: int = 4
    says: str = ""  # a piece of the one-line error message (empty: the job succeeds)
    saved: int = 0  # images that must end up in the library
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    after: list[list[str]] = field(default_factory=list)  # CLI runs in the same home, server still up
    check: Callable[[Any], None] | None = None  # given the Outcome


def images_at(url: Callable[[HostileServer, str], str]) -> Callable[[Request, HostileServer], Reply]:
    """Submit ACKs; getResponse answers one image whose link is ``url``."""

    def api(request: Request, server: HostileServer) -> Reply:
        if request.task_type == "imageInference":
            return well_behaved_api(request, server)
        return Reply.json({"data": [server.item(request.task_uuid, imageURL=url(server, request.task_uuid))]})

    return api


def poll_answer(make: Callable[[Request, HostileServer], Any]) -> Callable[[Request, HostileServer], Reply]:
    def api(request: Request, server: HostileServer) -> Reply:
        if request.task_type == "imageInference":
            return well_behaved_api(request, server)
        return Reply.json(make(request, server))

    return api


def _huge_reply(request: Request, server: HostileServer) -> Reply:
    def body() -> Iterator[bytes]:  # 300 MB, made lazily: neither side ever holds it
        yield b'{"data": ['
        pad = b" " * (1024 * 1024)
        for _ in range(300):
            if server.stopping.is_set():
                return
            yield pad
        yield b"]}"

    return Reply(200, body(), {"Content-Type": "application/json"})


def _flood_of_image(request: Request, server: HostileServer) -> Reply:
    def body() -> Iterator[bytes]:  # a PNG head, then 2 GB of nothing, with no Content-Length
        yield server.png[:16]
        pad = b"\0" * (1024 * 1024)
        for _ in range(2048):
            if server.stopping.is_set():
                return
            yield pad

    return Reply(200, body(), {"Content-Type": "image/png"})


def _echo_key_everywhere(request: Request, server: HostileServer) -> Reply:
    error = {
        "code": KEY,
        "message": f"your key {KEY} is wrong",
        "parameter": KEY,
        "taskUUID": KEY,
        "documentation": f"https://docs/{KEY}",
        "status": "error",
    }
    return Reply.json({"errors": [error], "error": {**error}}, status=400)


def _echo_key_in_success(request: Request, server: HostileServer) -> Reply:
    if request.task_type == "imageInference":
        return Reply.json(
            {"data": [{"taskType": "imageInference", "taskUUID": request.task_uuid, "note": KEY}]}
        )
    item = server.item(request.task_uuid, cost=KEY, seed=KEY, NSFWContent=KEY, message=KEY)
    item["imageURL"] = server.image_url(f"0.png?key={KEY}")
    return Reply.json({"data": [item], "errors": []})


def _png_with_key_header(request: Request, server: HostileServer) -> Reply:
    return Reply(200, server.png, {"Content-Type": "image/png", "X-Echo": KEY})


CASES = [
    Case("malformed JSON", api=lambda r, s: Reply(200, b'{"data": [{"taskUUID": '), says="not valid JSON"),
    Case("a list of strings", api=lambda r, s: Reply.json(["a", "b"]), says="did not mention the job"),
    Case("null data", api=lambda r, s: Reply.json({"data": None}), says="did not mention the job"),
    Case(
        "200 with an error body",
        api=lambda r, s: Reply.json({"errors": [{"code": "boom", "message": "boom"}]}),
        says="boom",
    ),
    Case(
        "500 forever",
        api=lambda r, s: Reply.json({"errors": [{"code": "x"}]}, status=500),
        says="problem on its side",
    ),
    Case(
        "Retry-After of a year",
        api=lambda r, s: Reply.json(
            {"errors": [{"code": "rateLimitExceeded"}]}, 429, headers={"Retry-After": "31536000"}
        ),
        says="busy",
    ),
    Case("a 300 MB reply", api=_huge_reply, says="larger than 4 MB"),
    Case(
        "a trickling reply",
        api=lambda r, s: Reply(200, s.trickle(10_000, 0.2), content_length=10_000),
        env={"SEEDREAM_REPLY_DEADLINE_S": "0.6"},
        says="Could not reach Runware",
    ),
    Case(
        "a reply cut by a reset",
        api=lambda r, s: Reply(200, b'{"data": [' + b" " * 4000 + b"]}", reset_after=100),
        says="Could not reach Runware",
    ),
    Case("the key echoed in every error field", api=_echo_key_everywhere, says="refused the setting '***'"),
    Case(
        "the key echoed in a success",
        api=_echo_key_in_success,
        image=_png_with_key_header,
        exit_code=0,
        saved=1,
    ),
    Case(
        "an unsafe image name",
        api=poll_answer(lambda r, s: {"data": [s.item(r.task_uuid, imageUUID="../../../evil")]}),
        says="not a valid identifier",
    ),
    Case(
        "numbers no database holds",
        api=poll_answer(
            lambda r, s: {"data": [s.item(r.task_uuid, seed=10**400, ttl=10**400, progress=1e999)]}
        ),
        exit_code=0,
        saved=1,
    ),
    Case(
        "HTML instead of an image",
        image=lambda r, s: Reply(200, b"<!doctype html><html>nope</html>", {"Content-Type": "text/html"}),
        says="not an image",
    ),
    Case(
        "a redirect loop",
        image=lambda r, s: Reply(302, b"", {"Location": r.path}),
        says="redirected more than 5 times",
    ),
    Case(
        "a file:// link",
        api=images_at(lambda s, t: "file:///etc/passwd"),
        says="file:// links are not downloaded",
    ),
    Case(
        "an ftp:// link",
        api=images_at(lambda s, t: "ftp://127.0.0.1/x.png"),
        says="ftp:// links are not downloaded",
    ),
    Case(
        "a link-local link",
        api=images_at(lambda s, t: "https://169.254.169.254/latest/meta-data"),
        says="private network",
    ),
    Case(
        "a private-range link", api=images_at(lambda s, t: "https://10.1.2.3/x.png"), says="private network"
    ),
    Case(
        "plain http off this computer",
        api=images_at(lambda s, t: "http://203.0.113.9/x.png"),
        says="only for this computer",
    ),
    Case(
        "a link with credentials",
        api=images_at(lambda s, t: s.image_url().replace("//", "//user:pw@")),
        says="user name or password",
    ),
    Case(
        "a 2 GB Content-Length",
        image=lambda r, s: Reply(200, s.png, content_length=2 * 1024**3),
        says="larger than 64 MB",
    ),
    Case(
        "an endless image without a length",
        image=_flood_of_image,
        says="larger than 8 MB",
        # The size cap, not the deadline, must stop it; 8 MB keeps the case quick on a busy machine
        # (the 2 GB Content-Length case meets the real 64 MB cap).
        env={"SEEDREAM_DOWNLOAD_DEADLINE_S": "25", "SEEDREAM_MAX_IMAGE_MB": "8"},
    ),
    Case(
        "a trickling image",
        image=lambda r, s: Reply(200, s.trickle(1000, 0.2), content_length=1000),
        env={"SEEDREAM_DOWNLOAD_DEADLINE_S": "0.6"},
        says="took longer than",
    ),
    Case("an image cut by a reset", image=lambda r, s: Reply(200, s.png, reset_after=30), says="cut off"),
]
