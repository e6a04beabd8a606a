"""The export's choices, without Pillow (the command line lists them without loading it)."""

from __future__ import annotations

FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "AVIF": ".avif"}
# Social presets, width × height. The picture is scaled to cover the frame and its centre is kept
# (cover-crop): nothing is letterboxed, and a picture smaller than the frame is scaled up.
PRESETS: dict[str, tuple[int, int]] = {
    "1080x1080": (1080, 1080),  # square post
    "1080x1350": (1080, 1350),  # portrait post (4:5)
    "1080x1920": (1080, 1920),  # story / reel (9:16)
    "1920x1080": (1920, 1080),  # landscape video frame (16:9)
    "1200x628": (1200, 628),  # link preview (1.91:1)
}
METADATA = ("keep", "no-prompt", "none")

__all__ = ["FORMATS", "METADATA", "PRESETS"]
