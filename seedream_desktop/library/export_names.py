"""File names for exports: a template such as ``{date}_{prompt:30}_{n}``, made safe on every system."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# {field} or {field:N} (at most N characters of it).
_FIELD = re.compile(r"\{(\w+)(?::(\d{1,3}))?\}")
FIELDS = ("name", "date", "time", "prompt", "n", "seed", "model", "width", "height")
DEFAULT_TEMPLATE = "{name}"
# Characters Windows refuses in a name (and "/" everywhere), and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
# Names Windows reserves for devices, with any extension ("con.jpg" cannot be created).
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
LONGEST_STEM = 120  # characters: leaves room for the folder within Windows' 260 and for " (999).webp"


class BadTemplate(ValueError):
    """A name template with a field the export does not know."""


@dataclass(frozen=True, slots=True)
class NameFields:
    name: str = ""
    date: str = ""
    time: str = ""
    prompt: str = ""
    n: int = 1
    seed: int | None = None
    model: str = ""
    width: int = 0
    height: int = 0


def check_template(template: str) -> None:
    unknown = sorted({m[1] for m in _FIELD.finditer(template)} - set(FIELDS))
    if unknown:
        raise BadTemplate(
            f"unknown field(s) {', '.join('{' + u + '}' for u in unknown)} in the name template; "
            f"use {', '.join('{' + f + '}' for f in FIELDS)}"
        )


def render(template: str, fields: NameFields) -> str:
    """The file name stem for one image (no extension), safe on Windows, macOS and Linux."""
    check_template(template)

    def one(match: re.Match[str]) -> str:
        value = getattr(fields, match[1])
        text = "" if value is None else str(value)
        text = _SPACES.sub(" ", text).strip()
        return text[: int(match[2])].strip() if match[2] else text

    return safe_stem(_FIELD.sub(one, template))


def safe_stem(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("_", text)
    text = _SPACES.sub(" ", text)[:LONGEST_STEM]
    text = text.strip(" .")  # Windows drops trailing dots and spaces; a leading dot hides the file
    if not text:
        return "image"
    if text.split(".")[0].lower().rstrip() in _RESERVED:
        text = "_" + text
    return text
