"""An edit as a generation: the prompt template, the output size nearest the original, the lineage record."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.api.sizes import SIZES, SizePreset
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

EDIT_VERSION = 1
EditKind = Literal["mask", "markup", "mask+markup"]

# Shown to the person before sending, and theirs to change; {instruction} is what they typed.
PROMPT_TEMPLATE = QT_TRANSLATE_NOOP(
    "Edits",
    "Edit image 1. Change only the area marked in image 2: {instruction}. Keep everything else exactly the same.",
)


def edit_prompt(instruction: str, template: str = PROMPT_TEMPLATE) -> str:
    """The prompt sent: the template around the instruction (its final full stop dropped, not doubled)."""
    text = " ".join(instruction.split()).rstrip(" .。")
    if "{instruction}" not in template:
        return f"{template} {text}".strip()
    return template.replace("{instruction}", text)


def nearest_size(width: int, height: int) -> SizePreset:
    """Of Seedream's 17 sizes, the one nearest the original's aspect ratio, large enough when possible.

    Aspect ratio first (compared on a log scale, so 2:1 and 1:2 are equally far from 1:1), then the
    smallest tier that holds the original's pixels, else the largest: paste-back scales the output to
    the original, and shrinking keeps detail that enlarging would invent.
    """
    if width <= 0 or height <= 0:
        raise ValueError("a picture has a positive size")
    target = math.log(width / height)

    def distance(preset: SizePreset) -> float:
        return round(abs(math.log(preset.width / preset.height) - target), 6)

    best = min(distance(p) for p in SIZES)
    same_shape = sorted((p for p in SIZES if distance(p) == best), key=lambda p: p.width * p.height)
    for preset in same_shape:
        if preset.width >= width and preset.height >= height:
            return preset
    return same_shape[-1]


def edit_kind(has_mask: bool, has_markup: bool) -> EditKind:
    if has_mask and has_markup:
        return "mask+markup"
    return "mask" if has_mask else "markup"


@dataclass(frozen=True, slots=True)
class EditRecord:
    """What an edit was, kept in the request (so in the journal and the embedded record) for lineage
    and "Adjust this edit": the mask and marked copy by library path and hash, the markup as vectors."""

    kind: EditKind
    instruction: str
    template: str
    original_size: tuple[int, int]
    feather: int
    paste_back: bool
    mask_path: str | None = None  # relative to the library root: .seedream/masks/<sha256>.png
    mask_sha256: str | None = None
    markup: dict[str, Any] | None = None
    marked_copy_sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": EDIT_VERSION,
            "kind": self.kind,
            "instruction": self.instruction,
            "template": self.template,
            "original_size": list(self.original_size),
            "feather": self.feather,
            "paste_back": self.paste_back,
            "mask": {"path": self.mask_path, "sha256": self.mask_sha256} if self.mask_path else None,
            "markup": self.markup,
            "marked_copy_sha256": self.marked_copy_sha256,
        }


NO_REGION = QT_TRANSLATE_NOOP(CONTEXT, "there is no mask and no markup")
