"""Why a region edit cannot start, in designer words (nothing was sent)."""

from __future__ import annotations

from pathlib import Path

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.regular_files import RefusedFile, read_regular


class UnusableEdit(SeedreamError):
    """The mask, the markup or the picture to edit cannot be used as given."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "“{name}” cannot be used for this edit: {detail}")
    exit_code = 2

    def __init__(self, name: str, detail: str, remedy: str = "") -> None:
        super().__init__(detail, code="unusableEdit", parameter="edit", name=name)
        self.remedy_text = remedy

    @property
    def remedy(self) -> str:  # type: ignore[override]
        return self.remedy_text


def read_edit_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a picture or mask the person named, refused as UnusableEdit (pipes, devices, too large …)."""
    try:
        return read_regular(path, max_bytes)
    except RefusedFile as exc:
        raise UnusableEdit(path.name, exc.reason) from exc
    except OSError as exc:
        raise UnusableEdit(path.name, QT_TRANSLATE_NOOP(CONTEXT, "the file cannot be read")) from exc
