"""Metadata benchmarks, each beside its baseline in the same run.

- read_image_info (size, format and record of one file) vs Pillow's Image.open + .info on the same
  files (the naive way an indexer would get them);
- streaming a 30 MB PNG through EmbeddingWriter vs copying the same bytes in the same 64 KB chunks
  (the save path's overhead); and the peak memory of the stream (tracemalloc) vs the file size.
"""

from __future__ import annotations

import io
import random
import struct
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.library.metadata import EmbeddingWriter, embed, read_image_info
from seedream_desktop.library.record import GenerationRecord

CHUNK = 64 * 1024


def _record(fmt: str, width: int, height: int) -> GenerationRecord:
    request = GenerationRequest(prompt="夜晚的港口, harbour at night, volumetric fog, 35mm", seed=7)
    return GenerationRecord.from_generation(
        request, task_uuid="t", image_uuid="i", seed=7, cost=0.03, width=width, height=height, format=fmt
    )


def _samples() -> dict[str, bytes]:
    rng = random.Random(3)
    image = Image.frombytes("RGB", (512, 512), rng.randbytes(512 * 512 * 3))
    out = {}
    for fmt, options in (("PNG", {}), ("JPEG", {"quality": 90}), ("WEBP", {"quality": 90})):
        buffer = io.BytesIO()
        image.save(buffer, format=fmt, **options)  # type: ignore[arg-type]
        name = "JPG" if fmt == "JPEG" else fmt
        out[name] = embed(buffer.getvalue(), name, _record(name, 512, 512))
    return out


def _big_png(megabytes: int) -> bytes:
    head = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
    ihdr = struct.pack(">IIBBBBB", 5120, 2880, 8, 2, 0, 0, 0)
    head += ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    rng = random.Random(1)
    parts = [head]
    for _ in range(megabytes * 16):
        body = rng.randbytes(65536)
        parts.append(
            struct.pack(">I", len(body)) + b"IDAT" + body + struct.pack(">I", zlib.crc32(b"IDAT" + body))
        )
    parts.append(struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND")))
    return b"".join(parts)


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _pillow_info(path: Path) -> tuple[int, int, object]:
    with Image.open(path) as image:
        return image.width, image.height, image.info.get("parameters") or image.info.get("xmp")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for name, data in _samples().items():
            for i in range(300):
                path = root / f"{i}.{name.lower()}"
                path.write_bytes(data)
                paths.append(path)
        ours = _best(lambda: [read_image_info(p) for p in paths])
        pillow = _best(lambda: [_pillow_info(p) for p in paths])
        per_file = ours / len(paths) * 1e6
        print(
            f"read_image_info: {per_file:.0f} µs/file; Pillow open+info: {pillow / len(paths) * 1e6:.0f} µs/file"
        )
        print(
            f"  ratio ours/Pillow = {ours / pillow:.2f}; 10,000 files on one core ≈ {per_file * 0.01:.1f} s"
        )

        source = root / "big.png"
        source.write_bytes(_big_png(30))
        size = source.stat().st_size

        def plain() -> None:
            with open(source, "rb") as src, open(root / "copy.png", "wb") as out:
                while chunk := src.read(CHUNK):
                    out.write(chunk)

        def streamed() -> None:
            with open(source, "rb") as src, open(root / "embedded.png", "wb") as out:
                writer = EmbeddingWriter(out, "PNG", _record("PNG", 5120, 2880))
                while chunk := src.read(CHUNK):
                    writer.write(chunk)
                writer.finish()

        base, spliced = _best(plain), _best(streamed)
        print(
            f"30 MB PNG in 64 KB chunks: plain copy {base * 1000:.0f} ms, EmbeddingWriter {spliced * 1000:.0f} ms"
        )
        print(f"  ratio = {spliced / base:.2f}")
        tracemalloc.start()
        streamed()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  peak Python memory while streaming: {peak / 1024:.0f} KB for a {size / 2**20:.0f} MB file")
        big = read_image_info(root / "embedded.png")
        assert big is not None and big.record is not None
        print(
            f"  read_image_info on it: {_best(lambda: read_image_info(root / 'embedded.png')) * 1e6:.0f} µs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
