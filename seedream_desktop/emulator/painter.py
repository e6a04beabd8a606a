"""Stand-in pictures: exact size and format, deterministic, visibly different per prompt, showing refs."""

from __future__ import annotations

import colorsys
import functools
import hashlib
import io
import random
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Drawn this large (long side) and scaled up once: a 4K PNG stays well under a second.
WORK_SIDE = 640
MIME = {"PNG": "image/png", "JPG": "image/jpeg", "WEBP": "image/webp"}
EXTENSION = {"PNG": "png", "JPG": "jpg", "WEBP": "webp"}
PIL_FORMAT = {"PNG": "PNG", "JPG": "JPEG", "WEBP": "WEBP"}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Picture:
    """Everything that decides a result's bytes; equal pictures encode to identical bytes."""

    prompt: str
    seed: int
    width: int
    height: int
    output_format: str  # PNG, JPG or WEBP
    quality: int = 95
    references: tuple[bytes | None, ...] = ()  # small PNG thumbnails; None: an unfetched foreign URL
    # Sequential sets: (number, of) with 1-based number, and the seed shared by the whole set.
    frame: tuple[int, int] | None = None
    set_seed: int | None = None
    # A region edit (emulator/region_edit.py): image 1 and the marked area, PNGs at work size.
    edit_base: bytes | None = None
    edit_mask: bytes | None = None

    @property
    def mime(self) -> str:
        return MIME[self.output_format]

    @property
    def extension(self) -> str:
        return EXTENSION[self.output_format]


class Painter:
    """Paints pictures and keeps the encoded bytes in a bounded LRU cache (thread-safe)."""

    def __init__(self, cache_bytes: int = 256 * 1024 * 1024) -> None:
        self._lock = threading.Lock()
        self._cache: OrderedDict[Picture, bytes] = OrderedDict()
        self._cached = 0
        self._limit = cache_bytes

    def paint(self, picture: Picture) -> bytes:
        with self._lock:
            data = self._cache.get(picture)
            if data is not None:
                self._cache.move_to_end(picture)
                return data
        data = encode(draw(picture), picture)
        with self._lock:
            if picture not in self._cache:
                self._cache[picture] = data
                self._cached += len(data)
            while self._cached > self._limit and len(self._cache) > 1:
                _, evicted = self._cache.popitem(last=False)
                self._cached -= len(evicted)
        return data


def encode(image: Image.Image, picture: Picture) -> bytes:
    out = io.BytesIO()
    fmt = PIL_FORMAT[picture.output_format]
    if fmt == "PNG":
        # Fastest deflate level with run-length matching: the smooth stand-ins stay small and quick.
        image.save(out, fmt, compress_level=1, compress_type=zlib.Z_RLE)
    elif fmt == "JPEG":
        image.save(out, fmt, quality=picture.quality)
    else:
        image.save(out, fmt, quality=picture.quality, method=0)
    return out.getvalue()


def palette(prompt: str) -> list[tuple[int, int, int]]:
    """Five colours from a hash of the prompt: the same prompt always has the same mood."""
    digest = hashlib.sha256(prompt.encode("utf-8")).digest()
    base_hue = digest[0] / 255
    colours = []
    for i in range(5):
        hue = (base_hue + (digest[i + 1] / 255) * 0.45 + i * 0.13) % 1.0
        saturation = 0.45 + digest[i + 6] / 255 * 0.5
        value = 0.35 + digest[i + 11] / 255 * 0.6
        r, g, b = colorsys.hsv_to_rgb(hue, saturation, value)
        colours.append((round(r * 255), round(g * 255), round(b * 255)))
    return colours


def draw(picture: Picture) -> Image.Image:
    """The picture at its exact size: drawn small, then scaled up once."""
    scale = WORK_SIDE / max(picture.width, picture.height)
    w = max(1, round(picture.width * scale))
    h = max(1, round(picture.height * scale))
    colours = palette(picture.prompt)
    gradient = Image.new("RGB", (2, 2))
    gradient.putdata(colours[:4])
    canvas = gradient.resize((w, h), Image.Resampling.BILINEAR)
    pen = ImageDraw.Draw(canvas, "RGBA")
    prompt_hash = int.from_bytes(hashlib.sha256(picture.prompt.encode("utf-8")).digest()[:8], "big")
    layout = random.Random(prompt_hash ^ (picture.set_seed if picture.set_seed is not None else picture.seed))
    _shapes(pen, layout, colours, w, h)
    _variation(pen, random.Random(picture.seed), colours[4], w, h, picture.frame)
    if picture.edit_base is not None and picture.edit_mask is not None:
        # New paint only in the marked area; the rest is image 1 as sent, as a faithful edit would be.
        canvas = Image.composite(
            canvas, _decoded(picture.edit_base, (w, h)), _decoded(picture.edit_mask, (w, h))
        )
        return canvas.resize((picture.width, picture.height), Image.Resampling.BILINEAR)
    unit = max(10, round(max(w, h) / 30))
    # A sequential set's "2/4" sits top right, so the prompt box leaves room for it.
    _prompt_text(pen, picture.prompt, unit, w - (unit * 5 if picture.frame else 0), h)
    _references(canvas, pen, picture.references, unit, w, h)
    _footer(pen, picture, unit, w, h)
    if picture.frame:
        number, of = picture.frame
        _label(pen, f"{number}/{of}", _font(unit * 3), w - unit, unit, anchor="ra")
    return canvas.resize((picture.width, picture.height), Image.Resampling.BILINEAR)


def _decoded(data: bytes, size: tuple[int, int]) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.resize(size, Image.Resampling.BILINEAR) if image.size != size else image.copy()


def _shapes(
    pen: ImageDraw.ImageDraw, rng: random.Random, colours: list[tuple[int, int, int]], w: int, h: int
) -> None:
    for _ in range(rng.randint(6, 10)):
        colour = (*colours[rng.randrange(5)], rng.randint(120, 220))
        x, y = rng.uniform(-0.1, 1.0) * w, rng.uniform(-0.1, 1.0) * h
        size = rng.uniform(0.1, 0.45) * max(w, h)
        kind = rng.randrange(3)
        if kind == 0:
            pen.ellipse((x, y, x + size, y + size * rng.uniform(0.5, 1.2)), fill=colour)
        elif kind == 1:
            pen.rectangle((x, y, x + size, y + size * rng.uniform(0.3, 1.0)), fill=colour)
        else:
            points = [(x + rng.uniform(0, size), y + rng.uniform(0, size)) for _ in range(3)]
            pen.polygon(points, fill=colour)


def _variation(
    pen: ImageDraw.ImageDraw,
    rng: random.Random,
    colour: tuple[int, int, int],
    w: int,
    h: int,
    frame: tuple[int, int] | None,
) -> None:
    """What differs between images of one request: a disc placed by the seed, or moving along a set."""
    radius = max(w, h) * 0.07
    if frame:
        number, of = frame
        x = w * (number - 0.5) / of
        y = h * 0.55
    else:
        x, y = rng.uniform(0.15, 0.85) * w, rng.uniform(0.3, 0.75) * h
    pen.ellipse(
        (x - radius, y - radius, x + radius, y + radius), fill=(*colour, 255), outline=(255, 255, 255, 255)
    )


def _prompt_text(pen: ImageDraw.ImageDraw, prompt: str, unit: int, w: int, h: int) -> None:
    font = _font(unit)
    lines = _wrap(prompt, font, w - 4 * unit, max_lines=max(1, min(5, h // (unit * 4))))
    if not lines:
        return
    line_height = round(unit * 1.35)
    pen.rectangle((unit, unit, w - unit, round(unit * 1.8) + line_height * len(lines)), fill=(0, 0, 0, 130))
    for i, line in enumerate(lines):
        pen.text((unit * 2, round(unit * 1.4) + i * line_height), line, font=font, fill=(255, 255, 255, 255))


def _references(
    canvas: Image.Image,
    pen: ImageDraw.ImageDraw,
    references: tuple[bytes | None, ...],
    unit: int,
    w: int,
    h: int,
) -> None:
    """Small copies of the references along the bottom, so an edit visibly uses them."""
    if not references:
        return
    tile = max(8, min(h // 5, (w - 2 * unit) // min(len(references), 7) - unit // 2))
    per_row = max(1, (w - unit) // (tile + unit // 2))
    bottom = h - unit * 2 - tile
    for i, thumb in enumerate(references):
        row, column = divmod(i, per_row)
        x = unit + column * (tile + unit // 2)
        y = bottom - row * (tile + unit // 2)
        pen.rectangle((x - 2, y - 2, x + tile + 1, y + tile + 1), fill=(255, 255, 255, 255))
        if thumb is None:
            pen.rectangle((x, y, x + tile - 1, y + tile - 1), fill=(90, 90, 90, 255))
            pen.text((x + 2, y + 2), "URL", font=_font(max(8, tile // 4)), fill=(255, 255, 255, 255))
            continue
        with Image.open(io.BytesIO(thumb)) as image:
            copy = image.convert("RGB")
        copy.thumbnail((tile, tile))
        canvas.paste(copy, (x + (tile - copy.width) // 2, y + (tile - copy.height) // 2))


def _footer(pen: ImageDraw.ImageDraw, picture: Picture, unit: int, w: int, h: int) -> None:
    text = f"seed {picture.seed} · {picture.width}×{picture.height} · Seedream emulator"
    _label(pen, text, _font(max(8, round(unit * 0.6))), w - unit // 2, h - unit // 2, anchor="rd")


def _label(pen: ImageDraw.ImageDraw, text: str, font: Font, x: int, y: int, *, anchor: str) -> None:
    pen.text(
        (x, y),
        text,
        font=font,
        fill=(255, 255, 255, 255),
        anchor=anchor,
        stroke_width=1,
        stroke_fill=(0, 0, 0, 255),
    )


def _wrap(text: str, font: Font, width: int, *, max_lines: int) -> list[str]:
    """Greedy wrap that breaks at spaces, or anywhere for scripts without them (CJK)."""
    words = " ".join(text.split())
    lines: list[str] = []
    line = ""
    for char in words:
        candidate = line + char
        if font.getlength(candidate) <= width or not line:
            line = candidate
            continue
        cut = line.rfind(" ")
        if cut > 0 and char != " ":
            lines.append(line[:cut])
            line = line[cut + 1 :] + char
        else:
            lines.append(line)
            line = char.lstrip()
        if len(lines) == max_lines:
            break
    else:
        if line:
            lines.append(line)
    if len(lines) == max_lines and len(" ".join(lines)) < len(words):
        lines[-1] = lines[-1][: max(0, len(lines[-1]) - 1)] + "…"
    return lines[:max_lines]


@functools.lru_cache(maxsize=32)
def _font(size: int) -> Font:
    """Noto Sans CJK when installed (draws Chinese prompts too), else Pillow's bundled font."""
    try:
        return ImageFont.truetype(str(CJK_FONT), size)
    except OSError:
        return ImageFont.load_default(size)
