"""Reference kits: named, saved sets of reference images (a brand kit, a character sheet) to load back later.

A kit keeps its own copies of local images (``<data>/kits/<folder>/``), so it survives the originals
being moved, renamed or cleared from the cache; URLs are kept as URLs. ``kit.json`` is written last and
atomically, so a kit folder either holds a complete kit or is ignored.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.api.request import MAX_REFERENCES, ReferenceImage
from seedream_desktop.atomic import atomic_write
from seedream_desktop.config import Paths
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

MANIFEST = "kit.json"
NAME_MAX = 80


class KitError(SeedreamError):
    """A kit could not be saved or loaded; the message names the kit and what is wrong.

    ``reason`` is a marked template; it is kept in ``params`` so the UI can translate it before
    filling in the values (``detail`` holds the English text for the CLI and logs).
    """

    template = QT_TRANSLATE_NOOP(CONTEXT, "Reference kit: {detail}")
    exit_code = 2

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason.format(**params), reason=reason, **params)


@dataclass(frozen=True, slots=True)
class Kit:
    name: str
    references: tuple[ReferenceImage, ...]
    saved_at: float


class ReferenceKits:
    """All kits in one folder; names are free text (Chinese too), folders are derived safely from them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def in_paths(cls, paths: Paths) -> ReferenceKits:
        return cls(paths.data / "kits")

    # ---- reading ------------------------------------------------------------------------------
    def all(self) -> list[Kit]:
        kits = []
        if self.folder.is_dir():
            for child in sorted(self.folder.iterdir()):
                kit = self._read(child)
                if kit is not None:
                    kits.append(kit)
        return sorted(kits, key=lambda k: k.name.casefold())

    def names(self) -> list[str]:
        return [k.name for k in self.all()]

    def load(self, name: str) -> Kit:
        kit = self._read(self._folder_for(name))
        if kit is None:
            raise KitError(QT_TRANSLATE_NOOP(CONTEXT, "there is no kit named “{name}”."), name=name)
        missing = [r.source for r in kit.references if r.is_local_file and not Path(r.source).is_file()]
        if missing:
            raise KitError(
                QT_TRANSLATE_NOOP(CONTEXT, "the kit “{name}” lost {count} image(s): {files}"),
                name=name,
                count=len(missing),
                files=", ".join(missing),
            )
        return kit

    # ---- writing ------------------------------------------------------------------------------
    def save(self, name: str, references: Sequence[ReferenceImage]) -> Kit:
        """Save (or replace) a kit; local images are copied in, so the kit outlives its sources."""
        name = name.strip()
        if not name:
            raise KitError(QT_TRANSLATE_NOOP(CONTEXT, "give the kit a name."))
        if len(name) > NAME_MAX:
            raise KitError(
                QT_TRANSLATE_NOOP(CONTEXT, "a kit name may be at most {max} characters."), max=NAME_MAX
            )
        if not references:
            raise KitError(QT_TRANSLATE_NOOP(CONTEXT, "the tray is empty; add reference images first."))
        if len(references) > MAX_REFERENCES:
            raise KitError(
                QT_TRANSLATE_NOOP(CONTEXT, "{count} images; a kit holds at most {max}."),
                count=len(references),
                max=MAX_REFERENCES,
            )
        folder = self._folder_for(name)
        folder.mkdir(parents=True, exist_ok=True)
        kept: list[ReferenceImage] = []
        files: set[str] = set()
        for ref in references:
            if not ref.is_local_file:
                kept.append(ReferenceImage(ref.source, ref.sha256))
                continue
            source = Path(ref.source)
            try:
                data = source.read_bytes()
            except OSError as exc:
                raise KitError(
                    QT_TRANSLATE_NOOP(CONTEXT, "could not read {file}: {error}"),
                    file=source.name,
                    error=exc.strerror or str(exc),
                ) from exc
            import hashlib  # on first use: the window imports this module before its first frame

            # Named by content: saving a kit again, or the same image twice, copies nothing new.
            copy = folder / f"{hashlib.sha256(data).hexdigest()[:20]}{source.suffix.lower()}"
            if not copy.exists():
                atomic_write(copy, data)
            files.add(copy.name)
            kept.append(ReferenceImage(str(copy), ref.sha256))
        kit = Kit(name, tuple(kept), time.time())
        manifest = {
            "name": kit.name,
            "saved_at": kit.saved_at,
            "references": [
                {"file": Path(r.source).name} if r.is_local_file else {"source": r.source} for r in kept
            ],
            "sha256": [r.sha256 for r in kept],
        }
        atomic_write(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        for leftover in folder.iterdir():  # images of an older version of this kit
            if leftover.name not in files and leftover.name != MANIFEST and leftover.is_file():
                leftover.unlink()
        return kit

    def delete(self, name: str) -> None:
        folder = self._folder_for(name)
        if folder.is_dir():
            import shutil

            shutil.rmtree(folder)

    # ---- files --------------------------------------------------------------------------------
    def _folder_for(self, name: str) -> Path:
        # Readable where the name allows it, unique by a short hash of the exact name (case, CJK, "/").
        import hashlib

        readable = re.sub(r"[^\w-]+", "-", name.strip(), flags=re.UNICODE).strip("-")[:40] or "kit"
        digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:10]
        return self.folder / f"{readable}-{digest}"

    def _read(self, folder: Path) -> Kit | None:
        try:
            raw: Any = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            hashes = list(raw.get("sha256") or [])
            refs = []
            for i, item in enumerate(raw["references"]):
                source = str(folder / Path(item["file"]).name) if "file" in item else str(item["source"])
                refs.append(ReferenceImage(source, hashes[i] if i < len(hashes) else None))
            return Kit(str(raw["name"]), tuple(refs), float(raw.get("saved_at", 0.0)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # not a kit (or a half-copied one): skipped, never fatal
