"""Markup: arrows, box outlines, freehand lines and text labels drawn on the marked copy as visual cues.

Stored as versioned JSON vectors (never pixels), so "Adjust this edit" can reopen them and the CLI's
``--markup`` takes the same file. Coordinates are pixels of the upright original; a document made on a
picture of another size says so in ``size`` and is scaled.

    {"version": 1, "size": [W, H], "items": [
      {"kind": "arrow", "colour": "red", "points": [[x0, y0], [x1, y1]], "width": 8},
      {"kind": "box", "colour": "yellow", "points": [[x0, y0], [x1, y1]]},
      {"kind": "line", "colour": "green", "points": [[x, y], ...]},
      {"kind": "text", "colour": "white", "points": [[x, y]], "text": "logo here"}]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

MARKUP_VERSION = 1
KINDS = ("arrow", "box", "line", "text")
# A few colours that stay distinct from each other, from most photos and from the mask overlay (magenta).
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (235, 40, 40),
    "yellow": (250, 215, 30),
    "green": (40, 200, 80),
    "blue": (40, 120, 255),
    "white": (255, 255, 255),
}
DEFAULT_COLOUR = "red"
MAX_ITEMS = 500
MAX_POINTS = 20_000
MAX_TEXT = 200


class BadMarkup(ValueError):
    """The markup JSON is not a version-1 document; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Mark:
    kind: str
    points: tuple[tuple[float, float], ...]
    colour: str = DEFAULT_COLOUR
    width: float | None = None  # stroke width in picture pixels; None: scaled to the picture
    text: str = ""

    @property
    def rgb(self) -> tuple[int, int, int]:
        return COLOURS.get(self.colour, COLOURS[DEFAULT_COLOUR])

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "colour": self.colour,
            "points": [[round(x, 2), round(y, 2)] for x, y in self.points],
        }
        if self.width is not None:
            data["width"] = self.width
        if self.kind == "text":
            data["text"] = self.text
        return data


@dataclass(frozen=True, slots=True)
class Markup:
    size: tuple[int, int] | None = None  # the picture the coordinates were drawn on
    items: tuple[Mark, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.items)

    def scaled_to(self, size: tuple[int, int]) -> Markup:
        """The same marks on a picture of ``size`` (the marked copy is smaller than the original)."""
        if self.size is None or self.size == size:
            return Markup(size, self.items)
        sx, sy = size[0] / self.size[0], size[1] / self.size[1]
        items = tuple(
            Mark(
                m.kind,
                tuple((x * sx, y * sy) for x, y in m.points),
                m.colour,
                None if m.width is None else m.width * (sx + sy) / 2,
                m.text,
            )
            for m in self.items
        )
        return Markup(size, items)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": MARKUP_VERSION, "items": [m.to_dict() for m in self.items]}
        if self.size is not None:
            data["size"] = list(self.size)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


def parse_markup(text: str | bytes) -> Markup:
    """Read a markup document; BadMarkup naming the first problem."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "it is not JSON")) from exc
    return markup_from_dict(data)


def markup_from_dict(data: Any) -> Markup:
    if not isinstance(data, dict) or data.get("version") != MARKUP_VERSION:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "it is not a version 1 markup document"))
    size = data.get("size")
    if size is not None:
        if not (isinstance(size, list) and len(size) == 2 and all(_number(v) and v > 0 for v in size)):
            raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "“size” must be [width, height]"))
        size = (int(size[0]), int(size[1]))
    raw = data.get("items", [])
    if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "“items” must be a list of at most 500 marks"))
    items = tuple(_mark(item) for item in raw)
    if sum(len(m.points) for m in items) > MAX_POINTS:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "the marks have too many points"))
    return Markup(size, items)


def _mark(item: Any) -> Mark:
    if not isinstance(item, dict) or item.get("kind") not in KINDS:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "each mark needs a kind: arrow, box, line or text"))
    kind = item["kind"]
    points = item.get("points")
    if not isinstance(points, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(_number(v) for v in p) for p in points
    ):
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "“points” must be a list of [x, y] pairs"))
    needed = {"arrow": 2, "box": 2, "line": 2, "text": 1}[kind]
    if len(points) < needed:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "a mark has too few points"))
    colour = item.get("colour", DEFAULT_COLOUR)
    if colour not in COLOURS:
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "colours are red, yellow, green, blue or white"))
    width = item.get("width")
    if width is not None and not (_number(width) and 0 < width <= 500):
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "“width” must be a number of pixels"))
    text = item.get("text", "")
    if kind == "text" and (not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT):
        raise BadMarkup(QT_TRANSLATE_NOOP(CONTEXT, "a text mark needs 1–200 characters of text"))
    pts = tuple((float(x), float(y)) for x, y in points)
    return Mark(kind, pts, colour, None if width is None else float(width), text if kind == "text" else "")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value  # not NaN
