"""After a masked edit comes back: paste it into the original and save the composite beside the output.

The composite is the result the person sees; the model's own output (saved by ImageSaver as for any
generation) stays beside it, and the composite's record names it. The composite is always a PNG: a
JPEG original's kept pixels must not pass through a second JPEG encode (say it: lossless, not "at the
original's quality").
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.atomic import TEMP_PREFIX, fsync_dir
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.jobs.events import SavedImage
from seedream_desktop.jobs.naming import candidates
from seedream_desktop.jobs.saver import storage_error
from seedream_desktop.library.edits.paste_back import Framing, check_framing, paste_back
from seedream_desktop.library.edits.prepare import PreparedEdit
from seedream_desktop.library.metadata import embed
from seedream_desktop.library.record import GenerationRecord

COMPOSITE_SUFFIX = "_composite"
MOVED = QT_TRANSLATE_NOOP(
    CONTEXT,
    "The edit moved the picture by {dx}, {dy} px: the pasted-back “{name}” may show a seam; "
    "the model's full output is “{output}”.",
)
DRIFTED = QT_TRANSLATE_NOOP(
    CONTEXT,
    "The edit also changed the unmarked area: the pasted-back “{name}” may show a seam; "
    "the model's full output is “{output}”.",
)


@dataclass(frozen=True, slots=True)
class EditResult:
    """One edit outcome: the composite (None without paste-back), the model's output, and the check."""

    composite: Path | None
    output: Path
    record: GenerationRecord | None
    framing: Framing | None

    @property
    def result(self) -> Path:
        return self.composite or self.output

    @property
    def notice(self) -> str | None:
        """What to tell the person when the full output may be the better choice."""
        if self.framing is None or self.framing.trustworthy or self.composite is None:
            return None
        template = MOVED if self.framing.moved else DRIFTED
        dx, dy = self.framing.shift
        return template.format(dx=dx, dy=dy, name=self.composite.name, output=self.output.name)


def save_composite(edit: PreparedEdit, saved: SavedImage) -> EditResult:
    """Paste ``saved`` (the model's output) back into the original and save it as a PNG beside it."""
    if not edit.pastes_back or edit.mask is None:
        return EditResult(None, saved.path, None, None)
    with Image.open(saved.path) as output:
        output.load()
        framing = check_framing(edit.original.image, output, edit.mask, edit.record.feather)
        composite = paste_back(edit.original.image, output, edit.mask, edit.record.feather)
    record = composite_record(saved, composite.size)
    out = io.BytesIO()
    composite.save(out, "PNG", compress_level=6)
    data = embed(out.getvalue(), "PNG", record)
    path = _publish(saved.path.parent, saved.path.stem + COMPOSITE_SUFFIX, data)
    return EditResult(path, saved.path, record, framing)


def composite_record(saved: SavedImage, size: tuple[int, int]) -> GenerationRecord:
    """The output's record, for the composite: the original's size, PNG, and a link to the output."""
    base: GenerationRecord = saved.record
    request = dict(base.request or {})
    edit = dict(request.get("edit") or {})
    edit["pasted_back"] = True
    edit["model_output"] = {"name": saved.path.name, "image_uuid": saved.image_uuid}
    request["edit"] = edit
    # No imageUUID of its own: Runware made the output, not this file; lineage finds it by content.
    return dataclasses.replace(
        base, width=size[0], height=size[1], format="PNG", size_key=None, image_uuid=None, request=request
    )


def _publish(folder: Path, stem: str, data: bytes) -> Path:
    """Write ``data`` under the first free ``stem…png`` name, atomically, never overwriting."""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}edit-", suffix=".png", dir=folder)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            for name in candidates(stem, ".png"):
                path = folder / name
                try:
                    os.link(temp, path)
                except FileExistsError:
                    continue
                except OSError as exc:
                    if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                        raise
                    if path.exists():
                        continue
                    temp.rename(path)
                fsync_dir(folder)
                return path
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
    except OSError as exc:
        raise storage_error(exc, folder) from exc
    raise AssertionError("unreachable: candidates() never ends")
