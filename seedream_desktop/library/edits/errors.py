"""Why a region edit cannot start, in designer words (nothing was sent)."""

from __future__ import annotations

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.i18n import QT_TRANSLATE_NOOP


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
