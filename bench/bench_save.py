"""Save overhead (embedding + atomic write + journal) vs a plain write, and peak memory of a streamed 4K download.

Run: ``.venv/bin/python bench/bench_save.py`` (``--runs 1 --skip-memory`` for a quick check). Every figure
is printed beside its baseline from the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import http.server
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHUNK = 64 * 1024  # what an HTTP download hands over at a time
SIZES = {"2K": (2048, 2048), "4K": (4096, 4096)}
RUNS = {"2K": 11, "4K": 7}
KEY = "bench-key"


# ---- test images ------------------------------------------------------------------------------
def photo_like_png(width: int, height: int) -> bytes:
    """A PNG with photographic entropy (a gradient plus noise), sized like a real Seedream result.

    The emulator's flat stand-in pictures compress to well under 1 MB; real 4K results are tens of MB,
    which is what the save path has to stream.
    """
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    image = Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


# ---- save overhead ----------------------------------------------------------------------------
def _plain_write(folder: Path, data: bytes, n: int, fsync: bool) -> float:
    path = folder / f"plain-{n}.png"
    start = time.perf_counter()
    with path.open("wb") as handle:
        for i in range(0, len(data), CHUNK):
            handle.write(data[i : i + CHUNK])
        if fsync:
            handle.flush()
            os.fsync(handle.fileno())
    return time.perf_counter() - start


def _our_save(saver: Any, journal: Any, data: bytes, n: int, size: tuple[int, int]) -> float:
    from seedream_desktop.api.request import GenerationRequest
    from seedream_desktop.api.results import DownloadInfo, ImageResult
    from seedream_desktop.api.sizes import by_dimensions

    request = GenerationRequest(f"benchmark image {n}", size=by_dimensions(*size))  # type: ignore[arg-type]
    result = ImageResult("", f"bench-{n}-{time.time_ns()}", url="u", seed=n)

    async def download(sink: Any) -> DownloadInfo:
        for i in range(0, len(data), CHUNK):
            sink.write(data[i : i + CHUNK])
        return DownloadInfo(len(data), "0" * 64, "PNG")

    loop = asyncio.new_event_loop()  # made outside the timing: a running app has its loop already
    try:
        # The journal's part of a save is timed too: the job row, the image row (both fsynced), the
        # path recorded before the rename and the saved mark, as a real job writes them.
        start = time.perf_counter()
        job = journal.add_job(request)
        (image,) = journal.add_images(job.id, job.task_uuid, [result])
        loop.run_until_complete(saver.save(job, image, download))
        return time.perf_counter() - start
    finally:
        loop.close()


def bench_overhead(root: Path, runs: dict[str, int]) -> None:
    from seedream_desktop.jobs.journal import JobJournal
    from seedream_desktop.jobs.saver import ImageSaver

    print("== Save overhead: embed metadata + temp file + fsync + rename + journal, vs a plain write ==")
    print(
        f"{'size':<5}{'bytes':>12}{'plain':>10}{'plain+fsync':>13}{'ours':>10}{'ours/plain':>12}"
        f"{'ours/plain+fsync':>18}"
    )
    verdict = ""
    with JobJournal(root / "journal.sqlite3") as journal:
        saver = ImageSaver(root / "library", journal)
        for label, size in SIZES.items():
            data = photo_like_png(*size)
            folder = root / f"plain-{label}"
            folder.mkdir()
            plain, durable, ours = [], [], []
            for n in range(runs[label]):  # interleaved, so drift in the machine hits all three alike
                plain.append(_plain_write(folder, data, n, fsync=False))
                durable.append(_plain_write(folder, data, n + 1000, fsync=True))
                ours.append(_our_save(saver, journal, data, n, size))
            p, d, o = (statistics.median(x) for x in (plain, durable, ours))
            print(
                f"{label:<5}{len(data):>12,}{p * 1000:>8.1f}ms{d * 1000:>11.1f}ms{o * 1000:>8.1f}ms"
                f"{o / p:>11.2f}x{o / d:>17.2f}x"
            )
            if label == "4K":
                verdict = "met" if o / p <= 1.3 else "NOT met"
    print(
        f"goal: ours/plain <= 1.3x for a 4K PNG (plain: the same bytes written with no fsync): {verdict}\n"
        "ours/plain+fsync is extra information: ours fsyncs the file and the journal, so it pays the disk "
        "flush that plain skips"
    )


# ---- peak memory while downloading ------------------------------------------------------------
def _proc_status(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_peak_rss() -> int:
    """Current RSS, with the kernel's peak (VmHWM) reset to it, so the next peak is this step's alone.

    ru_maxrss cannot be used on Linux: it survives execve, so a child starts with its parent's peak.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    current = _proc_status("VmRSS")
    if current is not None:
        return current
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _peak_rss() -> int:
    peak = _proc_status("VmHWM")
    if peak is not None:
        return peak
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _child(args: argparse.Namespace) -> None:
    """Runs in a fresh process: warm up, then download one image while measuring peak memory."""
    import httpx

    from seedream_desktop.api.client import RunwareClient
    from seedream_desktop.api.request import GenerationRequest
    from seedream_desktop.api.results import ImageResult
    from seedream_desktop.api.sizes import by_key
    from seedream_desktop.jobs.journal import JobJournal
    from seedream_desktop.jobs.runner import JobRunner, Pacing
    from seedream_desktop.jobs.saver import ImageSaver

    root = Path(tempfile.mkdtemp(prefix="bench-save-"))

    async def streamed(url: str, warm_url: str) -> int:
        with JobJournal(root / "j.sqlite3") as journal:
            saver = ImageSaver(root / "library", journal)
            async with RunwareClient(KEY, args.api) as client:
                if args.route == "emulator":
                    runner = JobRunner(
                        client, journal, saver, pacing=Pacing(first_poll=0.05, longest_poll=0.2)
                    )
                    await runner.wait(
                        await runner.submit(GenerationRequest("warm up", size=by_key("1K-1:1")))
                    )
                    measure.start()
                    job_id = await runner.submit(GenerationRequest("a 4K download", size=by_key("4K-1:1")))
                    view = await runner.wait(job_id)
                    measure.stop()
                    assert view.images_saved == 1, view.error
                    return int(journal.images(job_id)[0].size or 0)
                for n, target in enumerate((warm_url, url)):
                    job = journal.add_job(GenerationRequest("file", size=by_key("4K-1:1")))
                    (image,) = journal.add_images(
                        job.id, job.task_uuid, [ImageResult(job.task_uuid, f"i{n}", url=target)]
                    )
                    result = ImageResult(job.task_uuid, image.image_uuid, url=target)
                    if n:
                        measure.start()
                    await saver.save(
                        job, image, lambda sink, r=result: client.download(r, sink, expected_format="PNG")
                    )
                    if n:
                        measure.stop()
                return int(journal.image("i1").size or 0)

    async def buffered(url: str, warm_url: str) -> int:
        async with httpx.AsyncClient() as http:
            for n, target in enumerate((warm_url, url)):
                if n:
                    measure.start()
                data = (await http.get(target)).content
                (root / f"b{n}.png").write_bytes(data)
                if n:
                    measure.stop()
                del data
            return (root / "b1.png").stat().st_size

    measure = _Measure(args.metric)
    gc.collect()
    run = streamed if args.mode == "streamed" else buffered
    size = asyncio.run(run(args.url, args.warm_url))
    print(json.dumps({"size": size, "growth": measure.growth}))


class _Measure:
    def __init__(self, metric: str) -> None:
        self.metric = metric
        self.growth = 0
        if metric == "tracemalloc":
            tracemalloc.start()

    def start(self) -> None:
        gc.collect()
        if self.metric == "tracemalloc":
            tracemalloc.reset_peak()
            self._base = tracemalloc.get_traced_memory()[0]
        else:
            self._base = _reset_peak_rss()

    def stop(self) -> None:
        if self.metric == "tracemalloc":
            self.growth = tracemalloc.get_traced_memory()[1] - self._base
        else:
            self.growth = _peak_rss() - self._base


@contextmanager
def _file_server(files: dict[str, bytes]) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = files.get(self.path.lstrip("/"))
            if data is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for i in range(0, len(data), CHUNK):
                self.wfile.write(data[i : i + CHUNK])

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _measure(
    api: str, route: str, mode: str, metric: str, url: str = "", warm_url: str = ""
) -> dict[str, int]:
    command = [sys.executable, __file__, "--child", "--api", api, "--route", route, "--mode", mode,
               "--metric", metric, "--url", url, "--warm-url", warm_url]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def bench_memory() -> None:
    from seedream_desktop.emulator import Emulator

    print("\n== Peak memory growth while downloading one 4K PNG (fresh process each) ==")
    print(f"{'what':<52}{'file':>12}{'RSS growth':>13}{'ratio':>8}{'py peak':>12}{'ratio':>8}")
    with Emulator() as emulator:

        def report(label: str, measure: Callable[[str], dict[str, int]]) -> None:
            rss, py = measure("rss"), measure("tracemalloc")
            size = rss["size"]
            print(f"{label:<52}{size:>12,}{rss['growth']:>13,}{rss['growth'] / size:>7.2f}x"
                  f"{py['growth']:>12,}{py['growth'] / size:>7.2f}x")  # fmt: skip

        report("emulator 4K PNG, full job (submit/poll/stream/save)",
               lambda m: _measure(emulator.url, "emulator", "streamed", m))  # fmt: skip
        big = photo_like_png(4096, 4096)
        small = photo_like_png(256, 256)
        with _file_server({"big.png": big, "small.png": small}) as origin:
            url, warm = f"{origin}/big.png", f"{origin}/small.png"
            report("photo-like 4K PNG, streamed into the library",
                   lambda m: _measure(emulator.url, "file", "streamed", m, url, warm))  # fmt: skip
            report("  baseline: httpx .content, then write (buffered)",
                   lambda m: _measure(emulator.url, "file", "buffered", m, url, warm))  # fmt: skip
    print("goal: streamed peak RSS growth <= 1.5x the file size")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--api", default="")
    parser.add_argument("--route", default="emulator")
    parser.add_argument("--mode", default="streamed")
    parser.add_argument("--metric", default="rss")
    parser.add_argument("--url", default="")
    parser.add_argument("--warm-url", default="")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--runs", type=int, default=None, metavar="N", help="saves per size (a quick check)")
    args = parser.parse_args(argv)
    if args.child:
        _child(args)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-save-") as tmp:
        bench_overhead(Path(tmp), dict.fromkeys(RUNS, args.runs) if args.runs else RUNS)
    if not args.skip_memory:
        bench_memory()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
