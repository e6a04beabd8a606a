"""What the library has to tell the person (its index was damaged, or cannot be opened), kept translatable.

The core has no Qt, so a message travels as its English template and arguments: the CLI prints
``str(notice)``, the window shows ``QCoreApplication.translate(notice.context, notice.template)``
formatted with ``notice.params``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from seedream_desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Library"
CORRUPT_NOTICE = QT_TRANSLATE_NOOP(
    CONTEXT,
    "The library index was damaged. It was set aside as {name} and is being rebuilt from your images; "
    "favourites, ratings, boards and tags are kept.",
)
UNAVAILABLE_NOTICE = QT_TRANSLATE_NOOP(CONTEXT, "The library index {path} could not be used: {detail}")
NOT_A_LIBRARY_FILE_NOTICE = QT_TRANSLATE_NOOP(
    CONTEXT, "{name} is not a picture the library keeps: it holds PNG, JPEG and WEBP files."
)
# What reading one file's embedded metadata ran into (the picture itself is still listed).
TEXT_TOO_LARGE_NOTICE = QT_TRANSLATE_NOOP(
    CONTEXT,
    "{name}: its embedded text is larger than {limit} KiB, so it was not read; the picture is listed "
    "without its prompt and settings.",
)
DAMAGED_METADATA_NOTICE = QT_TRANSLATE_NOOP(
    CONTEXT,
    "{name}: part of its embedded metadata is damaged or unsafe, so it was not read; the picture is "
    "listed with what could be read.",
)


@dataclass(frozen=True, slots=True)
class LibraryNotice:
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    context: str = CONTEXT

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.message


def corrupt_notice(aside_name: str) -> LibraryNotice:
    return LibraryNotice(CORRUPT_NOTICE, {"name": aside_name})


class IndexUnavailable(Exception):
    """The index could not be used, though nothing says it is damaged: locked by another program,
    on a read-only or failing disk, or not openable. It is left where it is, untouched."""

    def __init__(self, path: object, detail: str) -> None:
        self.notice = LibraryNotice(UNAVAILABLE_NOTICE, {"path": str(path), "detail": detail})
        super().__init__(self.notice.message)
