"""EmbeddingWriter: a file-like sink that splices our metadata into an image as its bytes stream through."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import BinaryIO

from seedream_desktop.api.errors import BadImage
from seedream_desktop.library.metadata import jpeg, png, webp
from seedream_desktop.library.metadata.steps import (
    Emit,
    Pass,
    PassRest,
    Patch,
    Read,
    Skip,
    Splicer,
    Step,
    pass_through,
)
from seedream_desktop.library.record import GenerationRecord


def _splice(record: GenerationRecord, formats: dict[str, str]) -> Splicer:
    # The bytes decide the format, not the name asked for: a server that sent JPEG when PNG was asked
    # still gets a valid JPEG with metadata. The signature tells the three apart.
    head = yield Read(2)
    detected = ""
    if head == png.SIGNATURE[:2]:
        head += yield Read(len(png.SIGNATURE) - 2)
        detected = "PNG" if head == png.SIGNATURE else ""
    elif head == jpeg.SOI:
        detected = "JPG"
    elif head == b"RI":
        head += yield Read(10)
        detected = "WEBP" if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else ""
    if detected and record.format != detected:
        record = replace(record, format=detected)  # the record tells what the file really is
    formats["embedded"] = detected
    if detected == "PNG":
        yield from png.splice(head, record)
    elif detected == "JPG":
        yield from jpeg.splice(head, record)
    elif detected == "WEBP":
        yield from webp.splice(head, record)
    else:
        yield from pass_through(head)


class EmbeddingWriter:
    """Write the server's image bytes in (any chunk sizes); ``out`` receives them with metadata inserted.

    Nothing is decoded or re-encoded: only headers are parsed, bodies are copied from each incoming
    chunk straight to ``out``, so memory stays O(chunk). ``out`` must be seekable when the image is a
    WEBP (its RIFF size is patched in finish()). Bytes that are not PNG, JPEG or WEBP pass unchanged.
    """

    def __init__(self, out: BinaryIO, fmt: str, record: GenerationRecord) -> None:
        self._out = out
        self.requested_format = fmt.upper()
        self._record = record
        self._origin = out.tell()
        self._restart()

    def _restart(self) -> None:
        self._formats: dict[str, str] = {}
        self._splicer = _splice(self._record, self._formats)
        self._buffer = bytearray()
        self._left = 0  # of the current Pass/Skip
        self._patches: list[Patch] = []
        self._consumed = 0
        self._finished = False
        self._step: Step | None = None
        self._advance(None)  # prime: run up to the first Read

    @property
    def format(self) -> str | None:
        """ "PNG", "JPG" or "WEBP" once recognised; "" for bytes passed through without metadata."""
        return self._formats.get("embedded")

    # ---- the generator pump ----------------------------------------------------------------------
    def _advance(self, value: bytes | None) -> None:
        """Send ``value`` to the splicer and carry out steps until it needs input again."""
        try:
            step = self._splicer.send(value)  # type: ignore[arg-type]  # None only to prime it
            while True:
                if isinstance(step, Emit):
                    self._out.write(step.data)
                elif isinstance(step, Patch):
                    self._patches.append(step)
                elif isinstance(step, Pass | Skip) and step.n <= 0:
                    pass
                else:
                    break
                step = self._splicer.send(b"")
        except StopIteration:
            self._step = None
            return
        self._step = step
        if isinstance(step, Pass | Skip):
            self._left = step.n

    # ---- file-like ------------------------------------------------------------------------------
    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self._finished:
            raise ValueError("write() after finish()")
        view = memoryview(data).cast("B")
        size = len(view)
        pos = 0
        while pos < size:
            step = self._step
            if step is None:
                break  # the splicer is done (a WEBP's RIFF ended): trailing bytes are not the image
            if isinstance(step, Read):
                take = min(step.n - len(self._buffer), size - pos)
                self._buffer += view[pos : pos + take]
                pos += take
                if len(self._buffer) == step.n:
                    got = bytes(self._buffer)
                    self._buffer.clear()
                    self._advance(got)
            elif isinstance(step, PassRest):
                self._out.write(view[pos:])
                pos = size
            else:
                take = min(self._left, size - pos)
                if isinstance(step, Pass):
                    self._out.write(view[pos : pos + take])
                self._left -= take
                pos += take
                if self._left == 0:
                    self._advance(b"")
        self._consumed += size
        return size

    def tell(self) -> int:
        """How many of the source's bytes were written in (the download position, not the output's)."""
        return self._consumed

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Only seek(0) is possible: start over (a download restarted from scratch)."""
        if offset != 0 or whence != io.SEEK_SET:
            raise io.UnsupportedOperation("EmbeddingWriter can only seek(0) to start over")
        self._out.seek(self._origin)
        self._restart()
        return 0

    def truncate(self, size: int | None = None) -> int:
        if size not in (None, 0):
            raise io.UnsupportedOperation("EmbeddingWriter can only truncate what it wrote")
        return self._out.truncate(self._origin)

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def flush(self) -> None:
        self._out.flush()

    def finish(self) -> None:
        """End of input: write what is still pending and patch sizes. Raises BadImage when the image
        was cut short; the output is then incomplete and must not be kept under its final name."""
        if self._finished:
            return
        self._finished = True
        for _ in range(4):
            step = self._step
            if step is None:
                break
            if isinstance(step, Read):
                got = bytes(self._buffer)  # short (or empty): the splicer sees the end of input
                self._buffer.clear()
                self._advance(got)
            elif isinstance(step, PassRest):
                self._advance(b"")
            else:
                raise BadImage(f"{self.format or self.requested_format} cut short")
        else:
            raise BadImage("image ended in the middle of a header")
        if self._patches:
            end = self._out.tell()
            for patch in self._patches:
                self._out.seek(self._origin + patch.offset)
                self._out.write(patch.data)
            self._out.seek(end)
        self._out.flush()


def embed(data: bytes, fmt: str, record: GenerationRecord) -> bytes:
    """The whole-buffer form: the same bytes EmbeddingWriter produces, for data already in memory."""
    out = io.BytesIO()
    writer = EmbeddingWriter(out, fmt, record)
    writer.write(data)
    writer.finish()
    return out.getvalue()
