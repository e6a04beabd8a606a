"""Parsing 1 MB of A1111 ``parameters`` text: ours (parse_a1111) vs a plain str.split/str.partition scan.

The baseline does the least any parser must: split the text into lines, the last line at every comma,
each piece at its first colon. Goal: ours within a small factor of it, and 1 MB in ≤ 50 ms (A1111's
own regex, which we used before, needed about 90 s for 100 KB on one line; it is timed here on 5 KB
and 10 KB to show the quadratic growth). Times are CPU time, best of 5. The cases:

- one long line of prompt words (no parameter line at all), the case that hung the library scan;
- realistic: a long multi-line prompt, a negative prompt and a parameter line of 40 pairs;
- hostile: one line of "a:" pairs, a pair at every second character (the most pairs 1 MB can hold).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from seedream_desktop.library.record import parse_a1111

MB = 1024 * 1024
A1111_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')


def _baseline(text: str) -> object:
    *lines, last = text.strip().replace("\r\n", "\n").split("\n")
    return lines, [piece.partition(":") for piece in last.split(",")]


def _best(run: Callable[[], object], repeat: int = 5) -> float:
    # CPU time of this process, not wall time: on a machine shared with other work the wall clock
    # mostly measures the others. Both sides are timed the same way, so the ratio holds either way.
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def _texts() -> dict[str, str]:
    words = "masterpiece, best quality, a red fox in the snow, (volumetric light:1.2), 35mm, "
    one_line = (words * (MB // len(words) + 1))[:MB]
    pairs = ", ".join(f"Key {i}: value {i}" for i in range(36))
    params = f"Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 3141592653, {pairs}, "
    params += 'Lora hashes: "detail: 1a2b, style: 3c4d", Version: v1.9.4'
    prompt_line = "a harbour at night, fog, lanterns on the water, reflections, 夜晚的港口\n"
    body = prompt_line * ((MB - len(params) - 200) // len(prompt_line.encode()))
    realistic = f"{body}Negative prompt: lowres, bad hands, blurry\n{params}"
    return {"one long line": one_line, "realistic multi-line": realistic, "hostile a:a:a:": ("a:" * MB)[:MB]}


def main() -> int:
    for name, text in _texts().items():
        ours = _best(lambda: parse_a1111(text))  # noqa: B023 — called inside the loop
        base = _best(lambda: _baseline(text))  # noqa: B023
        size = len(text.encode()) / MB
        print(
            f"{name} ({size:.2f} MB): parse_a1111 {ours * 1000:.1f} ms, split/partition {base * 1000:.1f} ms, "
            f"ratio {ours / max(base, 1e-6):.1f}"
        )
    line = "a red fox " * 1024
    for kb in (5, 10):
        sample = line[: kb * 1024]
        regex = _best(lambda: A1111_PARAM.findall(sample), repeat=1)  # noqa: B023
        ours = _best(lambda: parse_a1111(sample))  # noqa: B023
        print(f"A1111's regex on {kb} KB of one line: {regex * 1000:.0f} ms (ours {ours * 1000:.2f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
