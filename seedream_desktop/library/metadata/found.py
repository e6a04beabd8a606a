"""What one pass over a file's header region found: size, format and the raw metadata texts."""

from __future__ import annotations

from dataclasses import dataclass

from seedream_desktop.library.metadata.exif import read_user_comment
from seedream_desktop.library.metadata.xmp import read_record_json, read_xmp
from seedream_desktop.library.record import GenerationRecord, parse_a1111

# Metadata blocks larger than this are not ours and not worth reading while indexing.
LARGEST_BLOCK = 4 * 1024 * 1024


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

    def record(self) -> GenerationRecord | None:
        """Our record when there is one; else what A1111 text or a foreign description gives."""
        for record_json in (self.record_json, read_record_json(self.xmp) if self.xmp else None):
            if record_json:
                try:
                    return GenerationRecord.from_json(record_json)
                except ValueError:
                    pass  # damaged: fall back to the A1111 text written beside it
        parameters = self.parameters or (read_user_comment(self.exif) if self.exif else None)
        if parameters and parameters.strip():
            record = parse_a1111(parameters)
            if not record.format:
                record.format = self.format
            if not (record.width and record.height):
                record.width, record.height = self.width, self.height
            return record
        description = read_xmp(self.xmp)[1] if self.xmp else None
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
