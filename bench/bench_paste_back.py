"""Paste-back of a 4K original vs a plain Pillow ``Image.composite`` of the same two images and mask.

Run: ``python -m bench paste_back`` (or ``python -m bench.bench_paste_back --runs 3``). The goal
(issue 17) is paste-back ≤ 1.5× the plain composite. Paste-back also feathers the mask and, when the
output has another size, resizes it; it only touches the mask's bounding box (plus the feather), which
is why it can keep up with a composite that blends every pixel with a ready-made mask.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from PIL import Image, ImageDraw

from seedream_desktop.library.edits.paste_back import DEFAULT_FEATHER, paste_back

ORIGINAL = (3840, 2160)  # a 4K UHD photo
MODEL_OUTPUT = (5120, 2880)  # the nearest of the 17 sizes (4K 16:9), what the model sends back
MASKS = {"region 20 %": (0.30, 0.25, 0.70, 0.75), "large 55 %": (0.05, 0.05, 0.90, 0.95)}


def _photo(size: tuple[int, int], seed: int) -> Image.Image:
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 40 + seed)
    return Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))


def _mask(size: tuple[int, int], share: tuple[float, float, float, float]) -> Image.Image:
    mask = Image.new("L", size, 0)
    w, h = size
    ImageDraw.Draw(mask).ellipse((share[0] * w, share[1] * h, share[2] * w, share[3] * h), fill=255)
    return mask


def _interleaved(runs: int, *work: Callable[[], object]) -> list[float]:
    """Median milliseconds of each piece of work, run in turns so all see the same machine load."""
    times: list[list[float]] = [[] for _ in work]
    for _ in range(runs):
        for run, spent in zip(work, times, strict=True):
            start = time.perf_counter()
            run()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) * 1000 for spent in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv or [])
    original = _photo(ORIGINAL, 0)
    same_size = _photo(ORIGINAL, 9)
    model_size = _photo(MODEL_OUTPUT, 9)
    worst = 0.0
    print(
        f"original {ORIGINAL[0]}×{ORIGINAL[1]}, feather {DEFAULT_FEATHER} px, median of {args.runs} runs, taken in turns"
    )
    for name, share in MASKS.items():
        mask = _mask(ORIGINAL, share)
        plain, ours, resized = _interleaved(
            args.runs,
            lambda m=mask: Image.composite(same_size, original, m),
            lambda m=mask: paste_back(original, same_size, m, DEFAULT_FEATHER),
            lambda m=mask: paste_back(original, model_size, m, DEFAULT_FEATHER),
        )
        worst = max(worst, ours / plain)
        print(
            f"  {name:<12} Image.composite {plain:7.1f} ms | paste-back {ours:7.1f} ms "
            f"(ratio {ours / plain:4.2f}, goal ≤ 1.5) | from the model's {MODEL_OUTPUT[0]}×{MODEL_OUTPUT[1]} "
            f"{resized:7.1f} ms (ratio {resized / plain:4.2f})"
        )
    print(f"worst ratio, same two images and mask: {worst:.2f}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
