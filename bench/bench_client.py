"""Client overhead: N single-image generations end to end (submit -> file on disk), ours vs raw httpx vs runware-sdk.

The emulator runs in its own process with zero latency, and every contender sends the very task our
client sends (same prompt and seed), so the emulator serves one cached picture and what is left is the
clients' own cost. All contenders are open at once and take turns generation by generation (their order
rotating), so a burst of load on the machine hits each of them alike; the median per image is compared.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from seedream_desktop.api.client import RunwareClient
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.atomic import atomic_write

N = int(os.environ.get("BENCH_N", "50"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
KEY = "bench-key"
SIZE = by_key("1K-1:1")
assert SIZE is not None
# Every contender sends exactly the task our client sends, so the emulator does identical work.
REQUEST = GenerationRequest("a lighthouse at dusk, benchmark", size=SIZE, delivery="sync", seed=1234)

# Started with `python -c`: the emulator lives in another process so its threads never share our GIL.
# Nagle off: http.server writes a reply's headers and body separately, and the small body would wait
# ~40 ms for the client's delayed ACK, a fixed floor under every POST that would drown the client costs
# being measured. (Set here unless the emulator already does it.)
_SERVER = """
import sys
from seedream_desktop.emulator import Emulator
from seedream_desktop.emulator.handler import RunwareHandler
RunwareHandler.disable_nagle_algorithm = True
with Emulator(latency=0.0) as emulator:
    print(emulator.url, flush=True)
    sys.stdin.read()
"""


def _task() -> dict[str, Any]:
    return REQUEST.to_task(str(uuid.uuid4()))


class Ours:
    """RunwareClient, saving the product's way: temp file, fsync, rename (download_to_file)."""

    name = "ours"

    def __init__(self, url: str, stack: contextlib.AsyncExitStack) -> None:
        self.url, self.stack = url, stack

    async def open(self) -> None:
        self.client = await self.stack.enter_async_context(RunwareClient(KEY, self.url))

    async def one(self, path: Path) -> None:
        [image] = await self.client.submit(REQUEST, str(uuid.uuid4()))
        await self.client.download_to_file(image, path, expected_format="PNG")


class OursPlain(Ours):
    """Our client writing the file the way the raw baseline does (no fsync): the client's own cost."""

    name = "ours, plain"

    async def one(self, path: Path) -> None:
        [image] = await self.client.submit(REQUEST, str(uuid.uuid4()))
        with path.open("wb") as sink:
            await self.client.download(image, sink, expected_format="PNG")


class RawHttpx:
    """The minimal client: POST, GET, write."""

    name = "raw httpx"

    def __init__(self, url: str, stack: contextlib.AsyncExitStack) -> None:
        self.url, self.stack = url, stack

    async def open(self) -> None:
        self.http = await self.stack.enter_async_context(httpx.AsyncClient(timeout=60.0))

    async def fetch(self) -> bytes:
        headers = {"Authorization": f"Bearer {KEY}"}
        reply = await self.http.post(self.url, json=[_task()], headers=headers)
        image = await self.http.get(reply.json()["data"][0]["imageURL"])
        return image.content

    async def one(self, path: Path) -> None:
        path.write_bytes(await self.fetch())


class RawAtomic(RawHttpx):
    """The raw baseline saving like the product must (temp file, fsync, rename): like for like."""

    name = "raw+atomic"

    async def one(self, path: Path) -> None:
        atomic_write(path, await self.fetch())


class RunwareSdk(RawHttpx):
    """The official runware-sdk (REST transport, taskType explicit) plus a GET and write."""

    name = "runware-sdk"

    async def open(self) -> None:
        from runware import Runware

        await super().open()
        self.sdk = await self.stack.enter_async_context(
            Runware(api_key=KEY, transport="rest", http_base_url=self.url)
        )

    async def one(self, path: Path) -> None:
        task = _task()
        del task["taskUUID"]  # the SDK makes its own
        [result] = await self.sdk.run(task)  # type: ignore[call-overload]
        image = await self.http.get(result["imageURL"])
        path.write_bytes(image.content)


CONTENDERS = (Ours, OursPlain, RawHttpx, RunwareSdk, RawAtomic)


async def _measure(url: str, folder: Path) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    times: dict[str, list[float]] = {c.name: [] for c in CONTENDERS}
    # This process's CPU per generation (the emulator runs elsewhere): what a client itself costs, and
    # steadier than wall time when other work shares the machine. Read outside the wall-clock window.
    cpu: dict[str, list[float]] = {c.name: [] for c in CONTENDERS}
    async with contextlib.AsyncExitStack() as stack:
        contenders = [kind(url, stack) for kind in CONTENDERS]
        for contender in contenders:
            await contender.open()
            await contender.one(folder / "warm-up.png")  # the emulator paints the picture once
        for step in range(N * ROUNDS):
            turn = step % len(contenders)
            for contender in contenders[turn:] + contenders[:turn]:
                path = folder / f"{contender.name}-{step}.png".replace(" ", "").replace(",", "-")
                cpu_start = time.process_time()
                start = time.perf_counter()
                await contender.one(path)
                times[contender.name].append(time.perf_counter() - start)
                cpu[contender.name].append(time.process_time() - cpu_start)
                path.unlink()
    return times, cpu


def _start_emulator() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    return server, server.stdout.readline().strip()


def main() -> int:
    server, url = _start_emulator()
    try:
        with tempfile.TemporaryDirectory(prefix="seedream-bench-") as tmp:
            times, cpu = asyncio.run(_measure(url, Path(tmp)))
    finally:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.close()
        server.wait(timeout=30)
        server.stdout.close()
    median = {name: statistics.median(values) for name, values in times.items()}
    cpu_median = {name: statistics.median(values) for name, values in cpu.items()}
    print(
        f"{N} single-image generations x {ROUNDS} rounds (1K PNG, sync, submit -> file on disk), taking turns:"
    )
    for name, values in times.items():
        print(
            f"  {name:12s} median {median[name] * 1000:6.2f} ms/image   "
            f"mean {statistics.fmean(values) * 1000:6.2f}   N x median {median[name] * N:6.3f} s   "
            f"cpu median {cpu_median[name] * 1000:5.2f} ms"
        )
    ratios = [
        ("ours", "raw httpx", "goal <= 1.15x"),
        ("ours", "runware-sdk", "goal <= 1.00x"),
        ("ours", "raw+atomic", "like for like: both fsync and rename every file"),
        ("ours, plain", "raw httpx", "like for like: both just write the file"),
        ("ours, plain", "runware-sdk", "like for like: both just write the file"),
    ]
    for mine, theirs, note in ratios:
        print(
            f"  {mine + ' / ' + theirs:26s} = {median[mine] / median[theirs]:.2f}x   ({note})"
            f"   cpu {cpu_median[mine] / cpu_median[theirs]:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
