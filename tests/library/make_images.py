"""Small real image files for library tests: PNG/JPEG/WEBP with an embedded record, A1111 or no metadata."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, PngImagePlugin

from seedream_desktop.library.metadata import embed
from seedream_desktop.library.record import GenerationRecord

PIL_FORMAT = {"PNG": "PNG", "JPG": "JPEG", "JPEG": "JPEG", "WEBP": "WEBP"}


def pixels(size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (200, 40, 40), fmt: str = "PNG",
           exif_orientation: int | None = None) -> bytes:  # fmt: skip
    image = Image.new("RGB", size, color)
    # A second colour in the top-left corner makes orientation visible and contents distinct.
    image.paste((color[2], color[0], color[1]), (0, 0, size[0] // 4, size[1] // 4))
    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    image.save(out, PIL_FORMAT[fmt.upper()], **kwargs)
    return out.getvalue()


def record(
    prompt: str, width: int = 64, height: int = 48, fmt: str = "PNG", **fields: Any
) -> GenerationRecord:
    fields.setdefault("created", "2025-09-01T10:00:00Z")
    return GenerationRecord(prompt=prompt, width=width, height=height, format=fmt.upper(), **fields)


def save(path: Path, prompt: str | None = "a red fox", fmt: str | None = None, size: tuple[int, int] = (64, 48),
         color: tuple[int, int, int] = (200, 40, 40), **fields: Any) -> GenerationRecord | None:  # fmt: skip
    """Write an image with our embedded record (``prompt=None``: no metadata at all). Returns the record."""
    fmt = (fmt or path.suffix.lstrip(".")).upper()
    fmt = "JPG" if fmt == "JPEG" else fmt
    data = pixels(size, color, fmt)
    rec = None
    if prompt is not None:
        rec = record(prompt, size[0], size[1], fmt, **fields)
        data = embed(data, fmt, rec)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rec


def save_a1111(path: Path, text: str, size: tuple[int, int] = (64, 64)) -> None:
    """A PNG as AUTOMATIC1111 writes it: a ``parameters`` text chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", text)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (10, 120, 10)).save(path, "PNG", pnginfo=info)
