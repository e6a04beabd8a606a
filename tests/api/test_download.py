"""Download checks: format by magic bytes, completeness by trailer and length, inline data, the sink's rewind."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import http.server
import io
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PIL import Image

from seedream_desktop.api.client import RetryPolicy, RunwareClient
from seedream_desktop.api.download import write_inline
from seedream_desktop.api.errors import BadImage, NetworkError, ResultExpired
from seedream_desktop.api.image_format import ImageStreamCheck, check_bytes, normalise_format, sniff
from seedream_desktop.api.request import GenerationRequest, OutputFormat
from seedream_desktop.api.results import DownloadInfo, ImageResult
from seedream_desktop.api.sizes import by_key
from seedream_desktop.emulator import Emulator

T = TypeVar("T")
SMALL = by_key("1K-1:1")


def encoded(fmt: str, size: tuple[int, int] = (64, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, fmt)
    return out.getvalue()


PNG, JPG, WEBP = encoded("PNG"), encoded("JPEG"), encoded("WEBP")


@pytest.mark.parametrize(("data", "fmt"), [(PNG, "PNG"), (JPG, "JPG"), (WEBP, "WEBP")])
def test_complete_images_pass_in_any_chunking(data: bytes, fmt: str) -> None:
    for chunk_size in (1, 7, 4096):
        check = ImageStreamCheck(fmt)
        for start in range(0, len(data), chunk_size):
            check.feed(data[start : start + chunk_size])
        assert check.finish(len(data)) == fmt
        assert check.size == len(data)


@pytest.mark.parametrize(("data", "fmt"), [(PNG, "PNG"), (JPG, "JPG"), (WEBP, "WEBP")])
def test_truncated_images_are_bad(data: bytes, fmt: str) -> None:
    with pytest.raises(BadImage, match="cut short"):
        check_bytes(data[:-5], fmt)


def test_wrong_format_fails_on_the_first_chunk() -> None:
    check = ImageStreamCheck("PNG")
    with pytest.raises(BadImage, match="expected PNG, got JPG"):
        check.feed(JPG[:4096])


def test_not_an_image_at_all() -> None:
    with pytest.raises(BadImage, match="not an image"):
        check_bytes(b"<html>gateway error</html>", "PNG")
    with pytest.raises(BadImage):
        check_bytes(b"", "PNG")


def test_length_mismatch_against_content_length() -> None:
    check = ImageStreamCheck("PNG")
    check.feed(PNG)
    with pytest.raises(BadImage, match=f"got {len(PNG)} of {len(PNG) + 10} bytes"):
        check.finish(len(PNG) + 10)


def test_jpeg_zero_padding_after_eoi_is_accepted() -> None:
    assert check_bytes(JPG + b"\x00\x00", "JPEG")[0] == "JPG"


def test_format_names() -> None:
    assert [normalise_format(n) for n in ("png", "jpeg", "JPG", "webp")] == ["PNG", "JPG", "JPG", "WEBP"]
    with pytest.raises(ValueError, match="GIF"):
        normalise_format("GIF")
    assert sniff(WEBP) == "WEBP" and sniff(b"GIF89a") is None


def test_inline_data_is_checked_written_and_reported() -> None:
    sink = io.BytesIO()
    progress: list[tuple[int, int | None]] = []
    info = write_inline(PNG, sink, "PNG", lambda done, total: progress.append((done, total)))
    assert sink.getvalue() == PNG
    assert (info.size, info.format) == (len(PNG), "PNG")
    assert progress == [(len(PNG), len(PNG))]
    assert info.sha256 == hashlib.sha256(PNG).hexdigest()


def test_inline_data_of_the_wrong_format_writes_nothing() -> None:
    sink = io.BytesIO()
    with pytest.raises(BadImage):
        write_inline(JPG, sink, "WEBP")
    assert sink.getvalue() == b""


# ---- streamed downloads from the emulator -------------------------------------------------------

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02, jitter=0.0)


def generate_then(
    emulator: Emulator, then: Callable[[RunwareClient, ImageResult], Awaitable[T]], fmt: OutputFormat = "PNG"
) -> T:
    async def scenario() -> T:
        async with RunwareClient("any-key", emulator.url, retries=FAST, timeout=10.0) as client:
            request = GenerationRequest("tide pools", size=SMALL, delivery="sync", output_format=fmt, ttl=120)
            [image] = await client.submit(request, GenerationRequest.new_task_uuid())
            return await then(client, image)

    return asyncio.run(scenario())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("fmt", ["PNG", "JPG", "WEBP"])
def test_streamed_download_lands_whole_with_progress(
    emulator: Emulator, tmp_path: Path, fmt: OutputFormat
) -> None:
    progress: list[tuple[int, int | None]] = []
    sink = io.BytesIO()

    async def fetch(client: RunwareClient, image: ImageResult) -> DownloadInfo:
        return await client.download(
            image, sink, expected_format=fmt, on_progress=lambda done, total: progress.append((done, total))
        )

    info = generate_then(emulator, fetch, fmt)
    assert info.format == fmt
    assert info.size == len(sink.getvalue())
    assert info.sha256 == hashlib.sha256(sink.getvalue()).hexdigest() == emulator.produced[0][2]
    assert progress[-1] == (info.size, info.size)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)


@pytest.mark.parametrize("fault", ["truncate", "drop", "malformed"])
def test_damaged_download_is_retried_from_the_start(emulator: Emulator, tmp_path: Path, fault: str) -> None:
    emulator.inject(fault, times=1, on="download")
    dest = tmp_path / "lib" / "tide.png"

    async def fetch(client: RunwareClient, image: ImageResult) -> DownloadInfo:
        return await client.download_to_file(image, dest, expected_format="PNG")

    info = generate_then(emulator, fetch)
    assert dest.read_bytes() and hashlib.sha256(dest.read_bytes()).hexdigest() == info.sha256
    assert info.sha256 == emulator.produced[0][2]
    assert sum(emulator.downloads.values()) == 2
    assert leftovers(dest.parent) == ["tide.png"]  # no temp file left behind


def test_download_that_keeps_failing_leaves_no_file(emulator: Emulator, tmp_path: Path) -> None:
    emulator.inject("truncate", times=None, on="download")
    dest = tmp_path / "lib" / "tide.png"

    async def fetch(client: RunwareClient, image: ImageResult) -> DownloadInfo:
        return await client.download_to_file(image, dest, expected_format="PNG")

    with pytest.raises((BadImage, NetworkError)):
        generate_then(emulator, fetch)
    assert sum(emulator.downloads.values()) == FAST.attempts
    assert leftovers(dest.parent) == []


def test_wrong_format_is_a_bad_image(emulator: Emulator, tmp_path: Path) -> None:
    async def fetch(client: RunwareClient, image: ImageResult) -> DownloadInfo:
        return await client.download_to_file(image, tmp_path / "tide.jpg", expected_format="JPG")

    with pytest.raises(BadImage, match="expected JPG, got PNG"):
        generate_then(emulator, fetch)
    assert leftovers(tmp_path) == []


def test_expired_url_is_result_expired_and_not_retried(emulator: Emulator, tmp_path: Path) -> None:
    async def fetch(client: RunwareClient, image: ImageResult) -> DownloadInfo:
        emulator.advance_clock(121)  # past the ttl of 120 s
        return await client.download(image, io.BytesIO(), expected_format="PNG")

    with pytest.raises(ResultExpired):
        generate_then(emulator, fetch)
    assert sum(emulator.downloads.values()) == 1


def test_unseekable_sink_is_refused(emulator: Emulator) -> None:
    class Pipe(io.RawIOBase):
        def writable(self) -> bool:
            return True

    async def fetch(client: RunwareClient, image: ImageResult) -> DownloadInfo:
        with Pipe() as pipe:
            return await client.download(image, pipe, expected_format="PNG")  # type: ignore[arg-type]

    with pytest.raises(ValueError, match="seekable"):
        generate_then(emulator, fetch)


# ---- content encodings ---------------------------------------------------------------------------


class _GzipImageHandler(http.server.BaseHTTPRequestHandler):
    """An image host that compresses on the wire, as some CDNs do even for PNG."""

    body = gzip.compress(PNG)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        return


def test_gzip_encoded_image_is_decoded_before_it_is_checked_and_saved(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _GzipImageHandler)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    dest = tmp_path / "lib" / "tide.png"

    async def fetch() -> DownloadInfo:
        async with RunwareClient("any-key", f"{url}/v1", retries=FAST, timeout=10.0) as client:
            image = ImageResult(task_uuid="t", image_uuid="i", url=f"{url}/tide.png")
            return await client.download_to_file(image, dest, expected_format="PNG")

    try:
        info = asyncio.run(fetch())
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert dest.read_bytes() == PNG
    assert (info.size, info.sha256, info.format) == (len(PNG), hashlib.sha256(PNG).hexdigest(), "PNG")
