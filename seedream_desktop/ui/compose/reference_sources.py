"""What a drop or a paste offers as references: files, folders of images, image URLs or raw image data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage

# Image types a folder is searched for; single files of any type are tried (and refused by name if bad).
FOLDER_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
# Raw image formats other apps and browsers put on the clipboard or into a drag, most faithful first.
RAW_IMAGE_FORMATS = ("image/png", "image/webp", "image/jpeg", "image/gif", "image/bmp")

Source = str | bytes | QImage  # a path or URL, encoded image bytes, or a decoded image


def sources_from_mime(mime: QMimeData) -> list[Source]:
    """Files and URLs win over pixels: a browser drag carries both, and the URL is what the designer saw.

    Except a single web link that does not name an image file while the drag also carries the pixels:
    dragging a linked thumbnail off a web page gives the page's address, which is no image at all.
    """
    found = _files_and_links(mime)
    if len(found) == 1 and isinstance(found[0], str) and _is_page_link(found[0]):
        return _pixels(mime) or found
    return found or _pixels(mime)


def _files_and_links(mime: QMimeData) -> list[Source]:
    found: list[Source] = []
    if mime.hasUrls():
        for url in mime.urls():
            found.extend(_from_url(url))
    if not found and mime.hasText():
        for line in mime.text().splitlines():
            line = line.strip()
            if line.startswith(("http://", "https://", "file://")):
                found.extend(_from_url(QUrl(line)))
            elif line.startswith("/") and Path(line).exists():
                found.extend(_from_path(Path(line)))
    return found


def _pixels(mime: QMimeData) -> list[Source]:
    for fmt in RAW_IMAGE_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return [data]
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [image]
    return []


def offers_references(mime: QMimeData) -> bool:
    """Cheap check for drag-enter: no folder walking, no decoding."""
    if mime.hasImage() or any(mime.hasFormat(f) for f in RAW_IMAGE_FORMATS):
        return True
    if mime.hasUrls():
        return any(u.isLocalFile() or u.scheme() in ("http", "https") for u in mime.urls())
    if mime.hasText():
        return mime.text().strip().startswith(("http://", "https://", "file://"))
    return False


def _is_page_link(source: str) -> bool:
    if not source.startswith(("http://", "https://")):
        return False
    name = QUrl(source).path().rsplit("/", 1)[-1].lower()
    return not name.endswith(tuple(FOLDER_IMAGE_SUFFIXES))


def _from_url(url: QUrl) -> list[Source]:
    if url.isLocalFile():
        return list(_from_path(Path(url.toLocalFile())))
    if url.scheme() in ("http", "https"):
        return [url.toString()]
    return []


def _from_path(path: Path) -> list[Source]:
    if path.is_dir():
        # Sorted by name, case-insensitively, as a file manager shows them; subfolders are not entered.
        images = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_IMAGE_SUFFIXES]
        return [str(p) for p in sorted(images, key=lambda p: p.name.casefold())]
    return [str(path)]
