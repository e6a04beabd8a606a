"""A batch at the physical limit: wall time from Generate to every image on disk, ours vs runware-sdk vs the limit.

The emulator runs in its own process and plays a realistic server: the images of a task become ready
one after another (``LATENCY`` seconds apart, as Seedream's come), and every download shares one link
capped at ``MBIT`` Mbit/s. Its stand-in pictures are small, so each PNG carries a private ancillary
chunk that brings it to the size of a real Seedream PNG of that tier (a legal PNG, read as usual).

- ours: the product's pipeline (JobRunner: journal, async submit, polling with the product's pacing,
  every image downloaded and saved the moment it is listed, temp file + fsync + rename);
- runware-sdk: the official SDK (REST, async delivery, its own polling) returns the links when the
  task is finished, then they are downloaded with httpx, all at once, as its users would;
- the physical limit: the larger of (the last image's ready time plus its own transfer at the cap)
  and (all the bytes at the cap), from the ready times the emulator recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

KEY = "bench-key"
LATENCY = float(os.environ.get("BENCH_LATENCY", "2.0"))
MBIT = float(os.environ.get("BENCH_MBIT", "100"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1"))


@dataclass(frozen=True)
class Batch:
    name: str
    size: str  # a preset of api/sizes.py
    count: int
    png_bytes: int  # what a real Seedream PNG of this tier weighs, about


BATCHES = (
    Batch("8 x 4K PNG", "4K-1:1", 8, 24_000_000),
    Batch("20 x 2K PNG", "2K-1:1", 20, 6_000_000),
)

# The emulator's process: a shared, capped link for every download; PNGs padded to a real size;
# the time each image became ready, printed on request ("times" on stdin).
_SERVER = """
import json, sys, threading, time, zlib, struct
from seedream_desktop.emulator import Emulator, painter
from seedream_desktop.emulator.handler import RunwareHandler

RunwareHandler.disable_nagle_algorithm = True
RATE = float(sys.argv[1]) * 1e6 / 8  # bytes per second, shared by every connection
PAD = json.loads(sys.argv[2])  # "WxH" -> bytes a real PNG of that size weighs
link = threading.Lock()
free_at = [0.0]

def shared_write(self, body, throttle):
    # One FIFO link: each chunk reserves its slot on the wire, so parallel downloads share the cap.
    step = 256 * 1024
    for start in range(0, len(body), step):
        piece = body[start:start + step]
        with link:
            begin = max(time.monotonic(), free_at[0])
            free_at[0] = begin + len(piece) / RATE
            end = free_at[0]
        delay = end - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.wfile.write(piece)

RunwareHandler._write = shared_write
original_encode = painter.encode

def padded(image, picture):
    data = original_encode(image, picture)
    want = PAD.get(f"{picture.width}x{picture.height}", 0)
    if picture.output_format != "PNG" or len(data) >= want:
        return data
    size = want - len(data) - 12
    body = b"pAd0" + bytes(size)  # a private ancillary chunk: readers skip it
    chunk = struct.pack(">I", size) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    return data[:-12] + chunk + data[-12:]  # before IEND

painter.encode = padded
ready = []

class Stamped(list):
    def append(self, item):
        ready.append((item[1], time.time()))
        super().append(item)

with Emulator(latency=float(sys.argv[3])) as emulator:
    emulator._service.produced = Stamped()
    print(emulator.url, flush=True)
    for line in sys.stdin:
        print(json.dumps(ready), flush=True)
"""


def _start_emulator(batches: tuple[Batch, ...]) -> tuple[subprocess.Popen[str], str]:
    from seedream_desktop.api.sizes import by_key

    pad = {}
    for batch in batches:
        size = by_key(batch.size)
        assert size is not None
        pad[f"{size.width}x{size.height}"] = batch.png_bytes
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(MBIT), json.dumps(pad), str(LATENCY)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    return server, server.stdout.readline().strip()


def _ready_times(server: subprocess.Popen[str]) -> dict[str, float]:
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write("times\n")
    server.stdin.flush()
    return dict(json.loads(server.stdout.readline()))


def _request(batch: Batch, seed: int):  # type: ignore[no-untyped-def]
    from seedream_desktop.api.request import GenerationRequest
    from seedream_desktop.api.sizes import by_key

    return GenerationRequest(
        "a lighthouse at dusk, batch benchmark",
        size=by_key(batch.size),
        number_results=batch.count,
        seed=seed,
    )


async def ours(url: str, batch: Batch, seed: int, folder: Path) -> list[str]:
    """The product's pipeline, as the window and `seedream generate` run it (product pacing)."""
    from seedream_desktop.api.client import RunwareClient
    from seedream_desktop.jobs.journal import JobJournal
    from seedream_desktop.jobs.runner import JobRunner
    from seedream_desktop.jobs.saver import ImageSaver

    with JobJournal(folder / "journal.sqlite3") as journal:
        async with RunwareClient(KEY, url) as client:
            runner = JobRunner(client, journal, ImageSaver(folder / "library", journal))
            try:
                job_id = await runner.submit(_request(batch, seed))
                await runner.wait(job_id)
            finally:
                await runner.aclose()
            return [image.image_uuid for image in journal.images(job_id) if image.saved]


async def sdk(url: str, batch: Batch, seed: int, folder: Path) -> list[str]:
    """runware-sdk for the task, then every link downloaded with httpx at once."""
    from runware import Runware

    task = _request(batch, seed).to_task(str(uuid.uuid4()))
    del task["taskUUID"]
    async with Runware(api_key=KEY, transport="rest", http_base_url=url) as client:
        results = await client.run(task)  # type: ignore[call-overload]
    async with httpx.AsyncClient(timeout=300.0) as http:

        async def fetch(result: dict) -> str:  # type: ignore[type-arg]
            reply = await http.get(result["imageURL"])
            (folder / f"{result['imageUUID']}.png").write_bytes(reply.content)
            return str(result["imageUUID"])

        return list(await asyncio.gather(*(fetch(r) for r in results)))


def _limit(ready: dict[str, float], uuids: list[str], start: float, total_bytes: int, each: int) -> float:
    rate = MBIT * 1e6 / 8
    last = max(ready[u] for u in uuids) - start
    return max(last + each / rate, total_bytes / rate)


def _run(server: subprocess.Popen[str], url: str, contender, batch: Batch, seed: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory(prefix="seedream-bench-batch-") as tmp:
        start = time.time()
        uuids = asyncio.run(contender(url, batch, seed, Path(tmp)))
        wall = time.time() - start
        files = list(Path(tmp).rglob("*.png"))
        assert len(uuids) == batch.count and len(files) == batch.count, (contender.__name__, len(uuids))
        each = max(p.stat().st_size for p in files)
        total = sum(p.stat().st_size for p in files)
    return wall, _limit(_ready_times(server), uuids, start, total, each)


def main() -> int:
    server, url = _start_emulator(BATCHES)
    try:
        print(
            f"Generate -> every image on disk; images ready {LATENCY:.1f} s apart, downloads share {MBIT:.0f} Mbit/s"
        )
        for number, batch in enumerate(BATCHES):
            # Warm the emulator's picture cache: the measured runs then wait only for LATENCY and the link.
            with tempfile.TemporaryDirectory(prefix="seedream-bench-warm-") as warm:
                asyncio.run(sdk(url, batch, 1000 + number, Path(warm)))
            for _ in range(ROUNDS):
                mine, limit = _run(server, url, ours, batch, 1000 + number)
                theirs, limit_sdk = _run(server, url, sdk, batch, 1000 + number)
                print(
                    f"  {batch.name:12s} ours {mine:6.2f} s   runware-sdk {theirs:6.2f} s   "
                    f"limit {limit:6.2f} s   ours/limit {mine / limit:.2f}x (goal <= 1.10x)   "
                    f"ours/sdk {mine / theirs:.2f}x (sdk/limit {theirs / limit_sdk:.2f}x)"
                )
    finally:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=30)
        server.stdout.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
