"""An edit made ready to send: the original as image 1, the marked copy as image 2, the tray after.

The mask and the marked copy are kept in the library's ``.seedream/`` area by content hash, so the
journalled request still finds image 2 after a crash, and the lineage can name the mask.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from seedream_desktop.api.request import MAX_REFERENCES, GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import SizePreset
from seedream_desktop.atomic import atomic_write
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.edits.errors import UnusableEdit
from seedream_desktop.library.edits.marked_copy import marked_copy, marked_copy_png
from seedream_desktop.library.edits.markup import Markup
from seedream_desktop.library.edits.mask import check_coverage, store_mask
from seedream_desktop.library.edits.original import Original
from seedream_desktop.library.edits.paste_back import DEFAULT_FEATHER
from seedream_desktop.library.edits.plan import (
    NO_REGION,
    PROMPT_TEMPLATE,
    EditRecord,
    edit_kind,
    edit_prompt,
    nearest_size,
)

MARKED_DIR = Path(".seedream") / "edits"


@dataclass(frozen=True, slots=True)
class PreparedEdit:
    """Everything needed to send an edit and, when it returns, paste it back."""

    request: GenerationRequest
    original: Original
    mask: Image.Image | None  # binary, at the original's size; None for a markup-only edit
    markup: Markup | None
    record: EditRecord
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def size(self) -> SizePreset:
        return self.request.size

    @property
    def pastes_back(self) -> bool:
        return self.record.paste_back and self.mask is not None


def prepare_edit(
    original: Original,
    instruction: str,
    *,
    library_root: Path,
    mask: Image.Image | None = None,
    markup: Markup | None = None,
    template: str = PROMPT_TEMPLATE,
    feather: int = DEFAULT_FEATHER,
    paste_back: bool = True,
    tray: tuple[ReferenceImage, ...] = (),
    base: GenerationRequest | None = None,
    warnings: tuple[str, ...] = (),
) -> PreparedEdit:
    """Build the request for editing ``original`` (``base`` gives format, quality, count, seed …)."""
    if mask is None and not markup:
        raise UnusableEdit(
            original.path.name,
            NO_REGION,
            QT_TRANSLATE_NOOP("Errors", "Paint a mask or draw markup where the change goes."),
        )
    if mask is not None:
        check_coverage(mask, original.path.name)
    copy_bytes = marked_copy_png(marked_copy(original.image, mask, markup))
    copy_sha = hashlib.sha256(copy_bytes).hexdigest()
    copy_path = library_root / MARKED_DIR / f"{copy_sha}.png"
    if not copy_path.is_file():
        copy_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(copy_path, copy_bytes)
    mask_rel = mask_sha = None
    if mask is not None:
        mask_path, mask_sha = store_mask(library_root, mask)
        mask_rel = mask_path.relative_to(library_root).as_posix()
    record = EditRecord(
        kind=edit_kind(mask is not None, bool(markup)),
        instruction=instruction,
        template=template,
        original_size=original.size,
        feather=feather,
        paste_back=paste_back and mask is not None,
        mask_path=mask_rel,
        mask_sha256=mask_sha,
        markup=markup.to_dict() if markup else None,
        marked_copy_sha256=copy_sha,
    )
    references = (
        ReferenceImage(
            str(original.path), sha256=original.sha256, library_path=_inside(original.path, library_root)
        ),
        ReferenceImage(str(copy_path), sha256=copy_sha),
        *tray[: MAX_REFERENCES - 2],
    )
    request = (base or GenerationRequest(prompt="")).with_changes(
        prompt=edit_prompt(instruction, template),
        size=nearest_size(*original.size),
        references=references,
        max_sequential_images=None,
        parent=str(original.path),
        edit=record.to_dict(),
    )
    return PreparedEdit(request, original, mask, markup, record, warnings)


def _inside(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
