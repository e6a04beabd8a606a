"""'Adjust this edit': what a region edit was, read back from its file, to reopen the canvas on its parent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.edits.errors import UnusableEdit
from seedream_desktop.library.edits.markup import BadMarkup, Markup, markup_from_dict
from seedream_desktop.library.edits.paste_back import DEFAULT_FEATHER
from seedream_desktop.library.edits.plan import PROMPT_TEMPLATE
from seedream_desktop.library.metadata import read_record

NOT_AN_EDIT = QT_TRANSLATE_NOOP(CONTEXT, "it is not a region edit made here")
PARENT_GONE = QT_TRANSLATE_NOOP(CONTEXT, "the picture it was made from is no longer at {path}")


@dataclass(frozen=True, slots=True)
class StoredEdit:
    parent: Path
    instruction: str = ""
    template: str = PROMPT_TEMPLATE
    feather: int = DEFAULT_FEATHER
    paste_back: bool = True
    mask: Image.Image | None = None  # as stored (binary, the parent's size when it was made)
    markup: Markup | None = None


def stored_edit(path: Path, library_root: Path) -> StoredEdit:
    """Read the edit recorded in ``path`` (a composite or a model output); UnusableEdit if there is none."""
    try:
        record = read_record(path)
    except (OSError, ValueError):
        record = None
    edit: Any = ((getattr(record, "request", None) or {}).get("edit")) if record is not None else None
    parent = getattr(getattr(record, "parent", None), "path", None)
    if not isinstance(edit, dict) or not parent:
        raise UnusableEdit(path.name, NOT_AN_EDIT)
    parent_path = Path(parent)
    if not parent_path.is_file():
        raise UnusableEdit(path.name, PARENT_GONE.format(path=parent_path))
    mask = None
    stored_mask = (edit.get("mask") or {}).get("path")
    if (
        isinstance(stored_mask, str)
        and not Path(stored_mask).is_absolute()
        and ".." not in Path(stored_mask).parts
    ):
        try:
            with Image.open(library_root / stored_mask) as image:
                mask = image.convert("L")
        except OSError:
            mask = None  # the mask went missing: reopen with the markup and the words at least
    markup = None
    if isinstance(edit.get("markup"), dict):
        try:
            markup = markup_from_dict(edit["markup"])
        except BadMarkup:
            markup = None
    return StoredEdit(
        parent=parent_path,
        instruction=str(edit.get("instruction") or ""),
        template=str(edit.get("template") or PROMPT_TEMPLATE),
        feather=int(edit.get("feather") or 0) if isinstance(edit.get("feather"), int) else DEFAULT_FEATHER,
        paste_back=bool(edit.get("paste_back", True)),
        mask=mask,
        markup=markup,
    )
