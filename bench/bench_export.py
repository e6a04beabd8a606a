"""Export of 100 4K PNGs to 1080 px JPEG vs the same resize + save with plain Pillow, one after another.

Run: ``.venv/bin/python -m bench export`` (``python -m bench.bench_export --count 20`` for a quick check).
Both sides use the same resampling (Lanczos) and JPEG quality; ours also reads the record, converts to
sRGB, embeds the profile and the metadata and writes atomically (fsync), on a thread per core. The
goal: ours ≤ 1.3× plain Pillow.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_save import photo_like_png

SIZE = (4096, 4096)
LONG_EDGE = 1080
QUALITY = 90


def _sources(folder: Path, count: int) -> list[Path]:
    """One 4K PNG with an embedded record, and count-1 hard links to it (no 4 GB of copies)."""
    from seedream_desktop.library.metadata import embed
    from seedream_desktop.library.record import GenerationRecord

    record = GenerationRecord(prompt="a lighthouse on a cliff at dawn", width=SIZE[0], height=SIZE[1], seed=7)
    first = folder / "source-000.png"
    first.write_bytes(embed(photo_like_png(*SIZE), "PNG", record))
    paths = [first]
    for n in range(1, count):
        path = folder / f"source-{n:03}.png"
        try:
            os.link(first, path)
        except OSError:
            shutil.copyfile(first, path)
        paths.append(path)
    return paths


def _plain(sources: list[Path], out: Path) -> float:
    from PIL import Image

    out.mkdir()
    start = time.perf_counter()
    for n, source in enumerate(sources):
        with Image.open(source) as image:
            scale = LONG_EDGE / max(image.size)
            size = round(image.width * scale), round(image.height * scale)
            image.resize(size, Image.Resampling.LANCZOS).save(out / f"{n}.jpg", "JPEG", quality=QUALITY)
    return time.perf_counter() - start


def _ours(sources: list[Path], out: Path) -> float:
    from seedream_desktop.library.export import ExportOptions, export

    start = time.perf_counter()
    report = export(sources, ExportOptions(out, "JPEG", quality=QUALITY, long_edge=LONG_EDGE))
    elapsed = time.perf_counter() - start
    assert not report.failed and len(report.written) == len(sources), report.failed
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        sources = _sources(folder, args.count)
        _plain(sources[:1], folder / "warm")  # the source in the page cache for both sides
        plain = _plain(sources, folder / "plain")
        ours = _ours(sources, folder / "ours")
    print(f"{args.count} × 4K PNG → {LONG_EDGE} px JPEG q{QUALITY}, {os.cpu_count()} cores")
    print(f"  plain Pillow, sequential : {plain:6.2f} s")
    print(f"  export (threads)         : {ours:6.2f} s")
    print(f"  ratio ours/plain         : {ours / plain:6.2f}  (goal ≤ 1.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
