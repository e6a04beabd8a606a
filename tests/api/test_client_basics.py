"""Client rules that need no emulator: where the key may go, what a dead network looks like, retry bounds."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest

from seedream_desktop.api.client import RetryPolicy, RunwareClient, check_base_url
from seedream_desktop.api.errors import MissingApiKey, NetworkError

KEY = "sk-test-DO-NOT-LEAK-0123456789"


@pytest.mark.parametrize(
    "url",
    [
        "https://api.runware.ai/v1",
        "http://127.0.0.1:8765/v1",
        "http://127.9.9.9/v1",
        "http://localhost:9/v1",
        "http://[::1]:8765/v1",
    ],
)
def test_allowed_base_urls(url: str) -> None:
    assert check_base_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://api.runware.ai/v1",
        "http://192.168.1.5:8765/v1",
        "http://localhost.evil.com/v1",
        "ftp://x/v1",
        "api.runware.ai",
    ],
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="https://"):
        RunwareClient(KEY, url)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_is_a_network_error_after_bounded_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    delays: list[float] = []

    async def no_sleep(seconds: float) -> None:
        delays.append(seconds)

    async def scenario() -> None:
        policy = RetryPolicy(attempts=3, base_delay=1.0, factor=2.0, max_delay=3.0, jitter=0.5)
        async with RunwareClient(
            KEY, f"http://127.0.0.1:{closed_port()}/v1", retries=policy, sleep=no_sleep
        ) as client:
            await client.check_key()

    caplog.set_level(logging.DEBUG)
    with pytest.raises(NetworkError) as caught:
        asyncio.run(scenario())
    assert len(delays) == 2  # three tries, two pauses
    assert 1.0 <= delays[0] <= 1.5 and 2.0 <= delays[1] <= 3.0
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert KEY not in caplog.text


def test_retry_delays_grow_and_are_capped() -> None:
    policy = RetryPolicy(base_delay=0.5, factor=2.0, max_delay=4.0, jitter=0.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert policy.delay(1, retry_after=10.0) == 10.0
    assert policy.delay(1, retry_after=999.0) == policy.max_retry_after


def test_empty_key_is_missing_not_sent() -> None:
    async def scenario() -> None:
        async with RunwareClient("  ", f"http://127.0.0.1:{closed_port()}/v1") as client:
            await client.check_key()

    with pytest.raises(MissingApiKey):
        asyncio.run(scenario())


def test_key_is_not_in_reprs() -> None:
    async def scenario() -> str:
        async with RunwareClient(KEY, "https://api.runware.ai/v1") as client:
            return repr(client) + repr(vars(client))

    assert KEY not in asyncio.run(scenario())
