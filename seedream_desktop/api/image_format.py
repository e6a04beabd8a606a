"""Is this byte stream a complete PNG, JPEG or WEBP? Magic bytes at the head, the format's end marker at the tail."""

from __future__ import annotations

import hashlib

from seedream_desktop.api.errors import BadImage

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# The last chunk of every PNG: length 0, type IEND, fixed CRC.
PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
JPEG_EOI = b"\xff\xd9"
HEAD_SIZE = 16
TAIL_SIZE = 16

_ALIASES = {"PNG": "PNG", "JPG": "JPG", "JPEG": "JPG", "WEBP": "WEBP"}


def normalise_format(name: str) -> str:
    """ "png", "jpeg", "JPG" … -> the protocol's spelling ("PNG", "JPG", "WEBP")."""
    try:
        return _ALIASES[name.strip().upper()]
    except KeyError:
        raise ValueError(f"unknown image format {name!r}; expected PNG, JPG or WEBP") from None


def sniff(head: bytes) -> str | None:
    """The format the first bytes announce, or None when they are not PNG, JPEG or WEBP."""
    if head.startswith(PNG_MAGIC):
        return "PNG"
    if head.startswith(JPEG_MAGIC):
        return "JPG"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


class ImageStreamCheck:
    """Follows a download chunk by chunk, keeping only the head, the tail, the count and a running hash.

    The whole body is never held: a 4K PNG can be tens of megabytes and several download at once.
    """

    def __init__(self, expected_format: str) -> None:
        self.expected = normalise_format(expected_format)
        self.size = 0
        self._head = b""
        self._tail = b""
        self._checked_head = False
        self._hash = hashlib.sha256()

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.size += len(chunk)
        self._hash.update(chunk)
        if len(self._head) < HEAD_SIZE:
            self._head += chunk[: HEAD_SIZE - len(self._head)]
            if len(self._head) >= HEAD_SIZE:
                self._check_head()
        self._tail = chunk[-TAIL_SIZE:] if len(chunk) >= TAIL_SIZE else (self._tail + chunk)[-TAIL_SIZE:]

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def _check_head(self) -> None:
        found = sniff(self._head)
        if found != self.expected:
            if found is None:  # an HTML error page, JSON, anything: refused before a byte is kept
                raise BadImage(
                    f"it is not an image: a web page or other data came instead of a {self.expected}",
                    code="notAnImage",
                )
            raise BadImage(f"expected {self.expected}, got {found}", code="wrongFormat")
        self._checked_head = True

    def finish(self, expected_size: int | None = None) -> str:
        """Raise BadImage unless the stream was a complete image of the expected format; return it."""
        if expected_size is not None and self.size != expected_size:
            raise BadImage(f"got {self.size} of {expected_size} bytes", code="truncated")
        if not self._checked_head:
            self._check_head()  # fewer than HEAD_SIZE bytes in total: still say what it is not
        if not _has_trailer(self.expected, self._head, self._tail, self.size):
            raise BadImage(f"the {self.expected} file is cut short ({self.size} bytes)", code="truncated")
        return self.expected


def _has_trailer(fmt: str, head: bytes, tail: bytes, size: int) -> bool:
    if fmt == "PNG":
        return tail.endswith(PNG_IEND)
    if fmt == "JPG":
        # Some encoders pad after the end-of-image marker with zero bytes; that padding is harmless.
        return tail.rstrip(b"\x00").endswith(JPEG_EOI)
    # WEBP: the RIFF header states the size of everything after its first 8 bytes.
    return int.from_bytes(head[4:8], "little") + 8 == size


def check_bytes(data: bytes, expected_format: str) -> tuple[str, str]:
    """Check a whole in-memory image (base64/dataURI results); return (format, sha256)."""
    check = ImageStreamCheck(expected_format)
    check.feed(data)
    return check.finish(), check.sha256
