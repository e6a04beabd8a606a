"""BytePlus ModelArk: time to the first saved image of a 4-image group, streamed (SSE) vs. one JSON answer.

Same emulator, same per-image latency, same save (embed nothing, temp file + fsync + rename). Streaming
saves image 1 when its event arrives; the non-streamed request can save nothing until all 4 are made.
Rounds alternate which goes first; medians are printed side by side with the ratio.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from seedream_desktop.api.ark import ArkClient, ark_body
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.sizes import by_key
from seedream_desktop.atomic import atomic_write
from seedream_desktop.emulator import Emulator

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
LATENCY = float(os.environ.get("BENCH_ARK_LATENCY", "0.2"))  # seconds per generated image
KEY = "bench-ark-key"
GROUP = 4
REQUEST = GenerationRequest(
    "a four-panel comic, benchmark", size=by_key("1K-1:1"), max_sequential_images=GROUP
)


def streamed(base: str, folder: Path) -> float:
    """Seconds from sending to the first image's file being on disk, streamed."""
    start = time.perf_counter()
    first: list[float] = []

    def save(index: int, url: str, data: bytes) -> None:
        atomic_write(folder / f"s{index}.jpg", data)
        if not first:
            first.append(time.perf_counter() - start)

    ArkClient(KEY, base).generate(ark_body(REQUEST), save)
    return first[0]


def whole(base: str, folder: Path) -> float:
    """The same group without ``stream``: the answer (and so the first save) waits for all four."""
    body = {**ark_body(REQUEST), "stream": False}
    start = time.perf_counter()
    with httpx.Client(timeout=120) as http:
        answer = http.post(
            base + "/images/generations", json=body, headers={"Authorization": f"Bearer {KEY}"}
        ).json()
        data = http.get(answer["data"][0]["url"]).content
        atomic_write(folder / "w0.jpg", data)
        elapsed = time.perf_counter() - start
        for item in answer["data"][1:]:
            http.get(item["url"])
    return elapsed


def main() -> int:
    results: dict[str, list[float]] = {"streamed": [], "whole": []}
    with Emulator(api_keys={KEY}, latency=LATENCY) as emulator, tempfile.TemporaryDirectory() as tmp:
        base = emulator.origin + "/api/v3"
        contenders = [("streamed", streamed), ("whole", whole)]
        for round_ in range(ROUNDS):
            for name, run in contenders if round_ % 2 == 0 else contenders[::-1]:
                results[name].append(run(base, Path(tmp)))
    stream_ms = statistics.median(results["streamed"]) * 1000
    whole_ms = statistics.median(results["whole"]) * 1000
    print(
        f"first saved image of a {GROUP}-image group, emulator latency {LATENCY:.2f} s/image, {ROUNDS} rounds"
    )
    print(f"  streamed (SSE)      {stream_ms:8.1f} ms")
    print(f"  non-streamed (JSON) {whole_ms:8.1f} ms")
    print(f"  ratio               {whole_ms / stream_ms:8.2f}x sooner with streaming")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
