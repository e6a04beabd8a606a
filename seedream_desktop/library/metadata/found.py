"""What one pass over a file's header region found: size, format and the raw metadata texts.

Any file a person drops into the library folder is read here, so every text is bounded before it is
parsed: one metadata text (a PNG text chunk after decompression, a WEBP EXIF or XMP chunk) larger than
``LARGEST_TEXT`` (256 KiB) is not read at all. Our own record is a few KiB, an A1111 infotext a few
hundred bytes to a few KiB; the picture is still indexed, without its prompt, and ``problem`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seedream_desktop.library.metadata.exif import read_comfy_texts, read_user_comment
from seedream_desktop.library.metadata.foreign import NotARecord, foreign_record
from seedream_desktop.library.metadata.xmp import UnreadableXmp, read_record_json, read_xmp
from seedream_desktop.library.record import GenerationRecord, parse_a1111

# One metadata text larger than this is kept out of the index (see the module docstring).
LARGEST_TEXT = 256 * 1024
# A compressed text chunk may be a little larger than its text (zlib's worst case adds ~0.03%).
LARGEST_BLOCK = LARGEST_TEXT + 4096

TOO_LARGE = "too large"
DAMAGED = "damaged"


@dataclass(slots=True)
class Found:
    format: str
    width: int = 0
    height: int = 0
    record_json: str | None = None  # our full record (PNG "seedream" chunk)
    parameters: str | None = None  # A1111 infotext (PNG "parameters" chunk)
    # Raw blocks, decoded only when needed: most files answer from the first source that has a record.
    xmp: bytes | None = None
    exif: bytes | None = None
    # The first thing in the metadata that could not be used: TOO_LARGE or DAMAGED (None: all read).
    problem: str | None = None
    # Other AI tools' PNG texts (foreign.FOREIGN_KEYS), keyword → text.
    texts: dict[str, str] = field(default_factory=dict)

    def note(self, problem: str) -> None:
        if self.problem is None:
            self.problem = problem

    def record(self) -> GenerationRecord | None:
        """Our record when there is one; else what A1111 text or a foreign description gives."""
        for record_json in (self.record_json, self._xmp_record_json()):
            if record_json:
                try:
                    return GenerationRecord.from_json(record_json)
                except ValueError:
                    self.note(DAMAGED)  # fall back to the A1111 text written beside it
        parameters = self.parameters or (read_user_comment(self.exif) if self.exif else None)
        if parameters and len(parameters) > LARGEST_TEXT:
            self.note(TOO_LARGE)
            parameters = None
        fooocus = bool(parameters and parameters.lstrip().startswith("{"))  # Fooocus writes JSON there
        if parameters and parameters.strip() and not fooocus:
            record = parse_a1111(parameters)
            if not record.format:
                record.format = self.format
            if not (record.width and record.height):
                record.width, record.height = self.width, self.height
            return record
        texts = self.texts or (read_comfy_texts(self.exif) if self.exif else {})
        if texts or fooocus:
            try:
                found = foreign_record(texts, parameters)
            except NotARecord:
                self.note(DAMAGED)  # counted in the scan's notices; the XMP description may still do
                found = None
            if found is not None:
                found.format = self.format
                if not (found.width and found.height):
                    found.width, found.height = self.width, self.height
                return found
        description = self._xmp_description()
        if description and description.strip():
            return GenerationRecord(
                app="",
                model="",
                model_name="",
                prompt=description.strip(),
                width=self.width,
                height=self.height,
                format=self.format,
                source="unknown",
            )
        return None

    def _xmp_record_json(self) -> str | None:
        if not self.xmp:
            return None
        try:
            return read_record_json(self.xmp, strict=True)
        except UnreadableXmp:
            self.note(DAMAGED)
            self.xmp = None  # not parsed a second time for its description
            return None

    def _xmp_description(self) -> str | None:
        if not self.xmp:
            return None
        try:
            return read_xmp(self.xmp, strict=True)[1]
        except UnreadableXmp:
            self.note(DAMAGED)
            return None
