"""Exports the app icon SVG to the PNG sizes, .ico and .icns that desktops and bundles need."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The integrator moves icons to the top-level resources/; until then the SVG may sit inside the package.
SVG_CANDIDATES = (
    ROOT / "resources" / "icons" / "app.svg",
    ROOT / "seedream_desktop" / "resources" / "icons" / "app.svg",
)
OUT = ROOT / "resources" / "icons"
# The hicolor sizes desktops look up; 512 doubles as the macOS 256@2x and the Flathub minimum.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The .icns also carries 1024 (512@2x) so Retina Finder views stay sharp.
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def find_svg() -> Path:
    for candidate in SVG_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise SystemExit(f"app.svg not found in any of: {', '.join(str(c) for c in SVG_CANDIDATES)}")


def render(svg: Path, sizes: tuple[int, ...]) -> dict:
    """PIL images of the SVG at each size, drawn by Qt's SVG renderer with no display."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    images = {}
    for size in sizes:
        canvas = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        # Unpremultiplied RGBA bytes, exactly what PIL's "RGBA" mode holds.
        pixels = canvas.convertToFormat(QImage.Format.Format_RGBA8888)
        raw = bytes(pixels.constBits())
        images[size] = Image.frombuffer("RGBA", (size, size), raw, "raw", "RGBA", pixels.bytesPerLine(), 1)
    return images


def export(svg: Path, out: Path) -> list[Path]:
    """Writes app-<size>.png, app.ico and app.icns into `out`; Pillow writes them so rebuilds are byte-stable."""
    out.mkdir(parents=True, exist_ok=True)
    images = render(svg, tuple(sorted(set(PNG_SIZES) | set(ICNS_SIZES))))
    written = []
    for size in PNG_SIZES:
        path = out / f"app-{size}.png"
        images[size].save(path, "PNG", optimize=True)
        written.append(path)
    ico = out / "app.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(ico, "ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES])
    written.append(ico)
    icns = out / "app.icns"
    images[max(ICNS_SIZES)].save(icns, "ICNS", append_images=[images[s] for s in ICNS_SIZES])
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--svg", type=Path, default=None, help="the source SVG (default: the app icon)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT})")
    args = parser.parse_args(argv)
    for path in export(args.svg or find_svg(), args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
