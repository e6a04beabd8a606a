"""Icons drawn from our SVGs in the colours of the current palette, and a few palette-derived colours."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPalette, QPixmap

from seedream_desktop.assets import resource_dir

ICONS = resource_dir("icons")
# The stroke colour our monochrome SVGs are drawn in; replaced by the palette's text colour.
_INK = "#000000"
# Rendered sizes (logical px): menus and toolbars; the device pixel ratio is applied on top so icons stay
# sharp on high-DPI. Qt scales the nearest one for any other size.
_SIZES = (16, 24, 32)


def icon_path(name: str) -> Path:
    return ICONS / f"{name}.svg"


_app_icon_pngs: list[QImage] = []
_app_icon_reader: threading.Thread | None = None


def read_app_icon_in_background() -> None:
    """Start decoding the icon's PNGs (~7 ms, up to 512 px) on a thread: Qt lets go of the GIL while it
    decodes, so this overlaps the imports that come before the window is built."""
    global _app_icon_reader
    if _app_icon_reader is None:
        _app_icon_reader = threading.Thread(target=_read_app_icon_pngs, name="app-icon", daemon=True)
        _app_icon_reader.start()


def _read_app_icon_pngs() -> None:
    # Only QImages here: a QPixmap is made in the GUI thread (app_icon).
    _app_icon_pngs.extend(QImage(str(png)) for png in sorted(ICONS.glob("app-*.png")))


@cache  # the application and the main window both set it
def app_icon() -> QIcon:
    """The application icon: the SVG for any size, plus PNGs for platforms without the SVG plugin."""
    if _app_icon_reader is None:
        _read_app_icon_pngs()
    else:
        _app_icon_reader.join()
    icon = QIcon(str(icon_path("app")))
    for image in _app_icon_pngs:
        if not image.isNull():  # as QIcon.addFile skips a file it cannot read
            icon.addPixmap(QPixmap.fromImage(image))
    return icon


def _render(svg: bytes, size: int, ratio: float) -> QPixmap:
    # Through the SVG image plugin rather than QtSvg's Python module: one import less at start-up.
    data = QByteArray(svg)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    side = round(size * ratio)
    reader.setScaledSize(QSize(side, side))
    pixmap = QPixmap.fromImage(reader.read())
    buffer.close()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _svg_text(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")


def tinted_icon(name: str, palette: QPalette, ratio: float = 1.0, only_for: int | None = None) -> QIcon:
    """A monochrome icon in the palette's text colour (normal) and disabled text colour (disabled).

    ``only_for``: just the rendering Qt would pick for that size (a toolbar's, before the first frame);
    the full icon replaces it once the window is up."""
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    sizes = _SIZES if only_for is None else (_render_size(only_for),)
    return _tinted(name, normal, disabled, max(ratio, 1.0), sizes)


def _render_size(side: int) -> int:
    # Qt draws the smallest rendering at least this big, scaled down (or the biggest, scaled up).
    return next((size for size in _SIZES if size >= side), _SIZES[-1])


@cache  # two SVG renders per size; the same icon serves several actions and every redraw in these colours
def _tinted(name: str, normal: str, disabled: str, ratio: float, sizes: tuple[int, ...]) -> QIcon:
    text = _svg_text(name)
    icon = QIcon()
    for colour, mode in ((normal, QIcon.Mode.Normal), (disabled, QIcon.Mode.Disabled)):
        svg = text.replace(_INK, colour).encode("utf-8")
        for size in sizes:
            icon.addPixmap(_render(svg, size, ratio), mode)
    return icon


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent(palette: QPalette) -> QColor:
    """The highlight colour; our brand violet when the platform's is a dull grey."""
    colour = palette.color(QPalette.ColorRole.Highlight)
    return colour if colour.saturation() > 40 else QColor("#7b4cf0")


def tile_background(palette: QPalette) -> QColor:
    """Slightly set off from the window so empty tiles read as slots, in light and dark themes."""
    base = palette.color(QPalette.ColorRole.Base)
    return base.darker(108) if not is_dark(palette) else base.lighter(135)


def error_colour(palette: QPalette) -> QColor:
    return QColor("#ff6b6b") if is_dark(palette) else QColor("#c62828")


def warning_palette(around: QPalette) -> QPalette:
    """For a label that warns: text in the error colour for ``around``'s background, nothing else set
    (the other roles follow the parent, so a light/dark switch only needs this called again)."""
    warning = QPalette()
    warning.setColor(QPalette.ColorRole.WindowText, error_colour(around))
    return warning


def icon_size(font_height: int) -> QSize:
    """Toolbar icon size following the font, so it scales with the user's font and DPI settings."""
    side = max(16, round(font_height * 1.4))
    return QSize(side, side)
