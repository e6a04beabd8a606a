"""The exported app icons: every hicolor size, the .ico and .icns, and all of them fresh from app.svg."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from tests.packaging.support import ICONS, module_at

make_icons = module_at("scripts/make_icons.py")


@pytest.mark.parametrize("size", make_icons.PNG_SIZES)
def test_each_hicolor_size_is_exported_square_with_transparent_corners(size: int) -> None:
    with Image.open(ICONS / f"app-{size}.png") as image:
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # the rounded square leaves the corner clear
        assert image.getpixel((size // 2, size // 2))[3] == 255


def test_ico_carries_the_windows_sizes() -> None:
    with Image.open(ICONS / "app.ico") as ico:
        assert set(ico.info["sizes"]) == {(s, s) for s in make_icons.ICO_SIZES}


def test_icns_carries_the_retina_sizes() -> None:
    with Image.open(ICONS / "app.icns") as icns:
        assert icns.size == (1024, 1024)  # the largest: 512 pt at 2x
        # Pillow writes 128-512 at 1x and 16-512 at 2x; Finder scales the 2x ones down for 16 and 32 pt.
        assert {(512, 512, 2), (128, 128, 1), (16, 16, 2)} <= set(icns.info["sizes"])


def test_exports_match_the_svg_they_come_from(qapp: object) -> None:
    """A changed app.svg needs `python scripts/make_icons.py`; this catches a forgotten re-export."""
    svg = ICONS / "app.svg"
    rendered = make_icons.render(svg, (64,))[64]
    with Image.open(ICONS / "app-64.png") as committed:
        difference = ImageChops.difference(rendered, committed.convert("RGBA"))
        worst = max(high for _low, high in difference.getextrema())
    assert worst <= 8, f"resources/icons/app-64.png is stale (max channel difference {worst})"
