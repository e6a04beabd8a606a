"""Unit checks of what the client accepts from a server: costs, names, links, sizes, the key, Retry-After."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from seedream_desktop.api.client import RetryPolicy, RunwareClient
from seedream_desktop.api.envelope import parse_envelope, poll_result, read_cost
from seedream_desktop.api.errors import (
    RateLimited,
    RejectedParameter,
    ServerError,
    UnsafeImageLink,
    UnusableReply,
)
from seedream_desktop.api.limits import Limits, image_link_problem, is_identifier
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.results import ImageResult
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.state import JobState
from seedream_desktop.redaction import forget_all_secrets, remember_secret

KEY = "sk-unit-hostile-abcdef0123456789"
TASK = "0b8e7c7e-1111-4222-8333-944444444444"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all_secrets()


@pytest.mark.parametrize(
    ("value", "counted", "noted"),
    [
        (0.03, 0.03, False),
        (None, None, False),
        (0, 0.0, False),
        (-1000, 0.03, True),
        (math.nan, 0.03, True),
        (math.inf, 0.03, True),
        ("Infinity", 0.03, True),
        (1e308, 0.03, True),
        (10**400, 0.03, True),
        ("free", 0.03, True),
        (True, 0.03, True),
    ],
)
def test_an_unusable_cost_counts_as_the_estimate(value: object, counted: float | None, noted: bool) -> None:
    cost, note = read_cost(value)
    assert cost == counted and (note is not None) == noted


def test_bare_infinity_in_a_reply_is_an_unknown_cost_not_a_float() -> None:
    body = b'{"data":[{"taskUUID":"%s","imageUUID":"a-1","imageURL":"https://x/1.png","cost":Infinity}]}' % (
        TASK.encode()
    )
    (image,) = poll_result(parse_envelope(200, body)).images
    assert image.cost == 0.03 and image.cost_note and "(Infinity)" in image.cost_note


@pytest.mark.parametrize("name", ["../../evil", "a/b", "a\\b", ".", "", "x" * 65, "a b", "é", 7])
def test_unsafe_names_are_refused_once(name: object) -> None:
    assert not is_identifier(name)
    items = [{"taskUUID": TASK, "imageUUID": name, "imageURL": "https://x/1.png"}] * 50
    result = poll_result(parse_envelope(200, json.dumps({"data": items}).encode()))
    assert not result.images
    assert [type(e) for e in result.errors] == [UnusableReply]


def test_uuid_like_names_pass() -> None:
    assert is_identifier(TASK) and is_identifier("img-1") and is_identifier("a")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "file://"),
        ("ftp://example.com/x.png", "ftp://"),
        ("http://example.com/x.png", "only for this computer"),
        ("https://user:pw@example.com/x.png", "user name or password"),
        ("https://169.254.169.254/latest", "private network"),
        ("https://10.0.0.1/x.png", "private network"),
        ("https://192.168.1.1/x.png", "private network"),
        ("https://[fe80::1]/x.png", "private network"),
        ("https://0.0.0.0/x.png", "private network"),
        ("https://2852039166/x.png", "unusual number"),
        ("https://0xA9FEA9FE/x.png", "unusual number"),
    ],
)
def test_unsafe_image_links_are_named(url: str, why: str) -> None:
    problem = image_link_problem(url)
    assert problem is not None and why in problem


@pytest.mark.parametrize(
    "url",
    [
        "https://im.runware.ai/a.png",
        "http://127.0.0.1:8/a.png",
        "http://localhost/a",
        "https://bad.cafe/a.png",
    ],
)
def test_ordinary_image_links_pass(url: str) -> None:
    assert image_link_problem(url) is None


def test_a_key_echoed_in_every_error_field_is_masked() -> None:
    remember_secret(KEY)
    error = {"code": KEY, "message": f"bad {KEY}", "parameter": KEY, "taskUUID": KEY}
    envelope = parse_envelope(400, json.dumps({"errors": [error]}).encode())
    (found,) = envelope.errors
    assert isinstance(found, RejectedParameter)
    assert KEY not in str(found) and KEY not in repr(found.params) and KEY not in found.code


def test_the_journal_keeps_no_more_images_than_asked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with JobJournal(tmp_path / "jobs.sqlite3") as journal:
        job = journal.add_job(GenerationRequest("fox", number_results=2))
        flood = [ImageResult(job.task_uuid, f"img-{n}", url="https://x", cost=0.03) for n in range(1000)]
        assert len(journal.add_images(job.id, job.task_uuid, flood)) == 2
        assert len(journal.add_images(job.id, job.task_uuid, flood)) == 0
        assert journal.counts(job.id) == (0, pytest.approx(0.06))
    assert caplog.text.count("more images than the 2 asked for") == 1


def test_the_journal_masks_the_key_in_a_stored_error(tmp_path: Path) -> None:
    with JobJournal(tmp_path / "jobs.sqlite3") as journal:
        job = journal.add_job(GenerationRequest("fox"))
        remember_secret(KEY)
        journal.set_state(job.id, JobState.FAILED, error=ServerError(f"echo {KEY}", code=KEY))
    assert KEY.encode() not in (tmp_path / "jobs.sqlite3").read_bytes()


def _client(handler: object, **kwargs: object) -> RunwareClient:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))  # type: ignore[arg-type]
    return RunwareClient(KEY, "http://127.0.0.1:9/v1", http=http, **kwargs)  # type: ignore[arg-type]


def test_a_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "31536000"}, json={"errors": [{"code": "x"}]})

    async def go() -> None:
        async with _client(handler, sleep=sleep, retries=RetryPolicy(attempts=4)) as client:
            await client.poll(TASK)

    with pytest.raises(RateLimited):
        asyncio.run(go())
    assert slept == []


def test_a_reply_beyond_the_cap_is_refused_by_its_length() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b" " * 2048)

    async def go() -> None:
        async with _client(
            handler, limits=Limits(max_reply_bytes=1024), retries=RetryPolicy(attempts=1)
        ) as c:
            await c.poll(TASK)

    with pytest.raises(ServerError, match="larger than"):
        asyncio.run(go())


@pytest.mark.parametrize("depth", [900, 100_000])
def test_a_deeply_nested_reply_is_unreadable_not_a_crash(depth: int) -> None:
    remember_secret(KEY)
    body = b'{"data":' + b"[" * depth + b"]" * depth + b"}"
    (error,) = parse_envelope(200, body).errors
    assert error.code == "malformedResponse" or isinstance(error, ServerError)


def test_a_cost_note_quotes_the_server_safely() -> None:
    _, note = read_cost("\x1b]0;pwned\x07\x1b[2J" + "9" * 10_000)
    assert note is not None and "\x1b" not in note and "\x07" not in note and len(note) < 200


def test_a_server_that_never_mentions_the_task_stops_being_polled() -> None:
    now = [0.0]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": None})

    polls = [0]

    async def go() -> None:
        async with _client(handler, clock=lambda: now[0]) as client:
            for _ in range(1000):
                now[0] += 30.0
                polls[0] += 1
                await client.poll(TASK)

    with pytest.raises(UnusableReply, match="never mentioned"):
        asyncio.run(go())
    assert polls[0] == 30  # 30 polls, 15 minutes: well past both bounds, nowhere near a thousand


def test_a_key_from_the_environment_is_masked_once_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from seedream_desktop.redaction import redact
    from seedream_desktop.secrets import KeyStore

    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    assert KeyStore().get() == KEY
    assert redact(f"echo {KEY}") == "echo ***"


def test_a_key_given_to_the_client_is_masked() -> None:
    from seedream_desktop.redaction import redact

    async def go() -> None:
        async with RunwareClient("sk-client-only-key-0123456789", "http://127.0.0.1:9/v1"):
            pass

    asyncio.run(go())
    assert "sk-client-only-key-0123456789" not in redact("x sk-client-only-key-0123456789 y")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/admin", "https://localhost/x.png", "https://[::1]/x"])
def test_links_to_this_computer_only_when_the_api_is_here(url: str) -> None:
    assert image_link_problem(url) is None
    problem = image_link_problem(url, allow_loopback=False)
    assert problem is not None and "this computer" in problem


def test_a_remote_api_never_sends_the_app_to_this_computer(tmp_path: Path) -> None:
    fetched: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        return httpx.Response(200, content=b"")

    async def go() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with RunwareClient(KEY, "https://api.example.com/v1", http=http) as client:
            image = ImageResult(TASK, "img-1", url="http://127.0.0.1:631/printers")
            await client.download_to_file(image, tmp_path / "x.png", expected_format="PNG")

    with pytest.raises(UnsafeImageLink, match="this computer"):
        asyncio.run(go())
    assert fetched == [] and list(tmp_path.iterdir()) == []


def test_huge_numbers_for_seed_and_ttl_are_ignored_not_a_crash() -> None:
    item = {
        "taskUUID": TASK,
        "imageUUID": "a-1",
        "imageURL": "https://x/1.png",
        "seed": 10**400,
        "ttl": 10**400,
    }
    (image,) = poll_result(parse_envelope(200, json.dumps({"data": [item]}).encode())).images
    assert image.seed is None and image.expires_at is None
