"""Peak memory and time of preparing a large reference, beside a plain Pillow decode of the same file.

Run: ``.venv/bin/python -m bench references`` (Linux: it reads /proc). Each figure comes from a fresh
child process (peak RSS over the child's start), so one case's memory does not hide another's. The baseline is what the
reference path did before it had a pixel budget: decode the whole picture at full size.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import sys, time
from pathlib import Path
def kb(field):  # /proc's high-water mark: ru_maxrss carries the parent's peak over a fork
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])
start = kb("VmRSS:")
began = time.perf_counter()
if sys.argv[1] == "ours":
    from seedream_desktop.api.references import UnusableImage, prepare_reference
    try:
        outcome = repr(prepare_reference(Path(sys.argv[2])))
    except UnusableImage as error:
        outcome = f"refused: {error}"
else:
    import warnings
    from PIL import Image
    warnings.simplefilter("ignore")
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(sys.argv[2]) as im:
        im.load()
        outcome = f"decoded {im.size[0]}x{im.size[1]} {im.mode}"
seconds = time.perf_counter() - began
peak = (kb("VmHWM:") - start) / 1024
print(f"{peak:.0f}\t{seconds:.2f}\t{outcome}")
"""


def _make(folder: Path) -> dict[str, Path]:
    from PIL import Image

    cases = {
        "9000² JPEG (81 Mpx)": folder / "big.jpg",
        "5000×4990 RGBA PNG": folder / "alpha.png",
        "6000×6000 PNG header": folder / "claims.png",
    }
    Image.effect_noise((1000, 1000), 40).convert("RGB").resize((9000, 9000)).save(
        cases["9000² JPEG (81 Mpx)"]
    )
    Image.new("RGBA", (5000, 4990), (10, 200, 30, 128)).save(cases["5000×4990 RGBA PNG"], compress_level=1)
    Image.new("L", (6000, 6000), 7).save(cases["6000×6000 PNG header"])
    return cases


def _run(kind: str, path: Path) -> tuple[float, float, str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    peak, seconds, outcome = done.stdout.strip().split("\t", 2)
    return float(peak), float(seconds), outcome


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cases = _make(Path(tmp))
        print(f"{'case':<24} {'plain decode MB':>16} {'prepare MB':>11} {'ratio':>6}  {'s':>5}  outcome")
        for name, path in cases.items():
            base_peak, _, _ = _run("plain", path)
            peak, seconds, outcome = _run("ours", path)
            ratio = peak / base_peak if base_peak else 0.0
            print(
                f"{name:<24} {base_peak:>16.0f} {peak:>11.0f} {ratio:>6.2f}  {seconds:>5.2f}  {outcome[:70]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
