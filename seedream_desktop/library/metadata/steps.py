"""The little language format splicers speak: read a header, copy or drop a body, insert metadata.

A splicer is a generator that yields these steps and receives the bytes it asked to read. Written this
way, each format's walk is straight-line code, while the driver (writer.py) feeds it chunks of any size
and copies bodies straight from the incoming chunk to the output: memory stays O(header), never O(file).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Read:
    """Send back the next ``n`` bytes (fewer only when the input has ended; b"" at the very end)."""

    n: int


@dataclass(frozen=True, slots=True)
class Pass:
    """Copy the next ``n`` bytes to the output unchanged."""

    n: int


@dataclass(frozen=True, slots=True)
class Skip:
    """Drop the next ``n`` bytes (a metadata block we replace)."""

    n: int


@dataclass(frozen=True, slots=True)
class PassRest:
    """Copy everything that follows unchanged (the entropy-coded rest of a JPEG, an unknown file)."""


@dataclass(frozen=True, slots=True)
class Emit:
    """Write these bytes to the output now."""

    data: bytes


@dataclass(frozen=True, slots=True)
class Patch:
    """Overwrite output bytes at ``offset`` (from the output's start) once everything is written."""

    offset: int
    data: bytes


Step = Read | Pass | Skip | PassRest | Emit | Patch
Splicer = Generator[Step, bytes, None]


def pass_through(head: bytes) -> Splicer:
    """What to do with bytes we do not understand: keep them exactly (a paid image is never dropped)."""
    yield Emit(head)
    yield PassRest()
