"""Export for delivery: images resized, converted to sRGB and saved under a naming template (no Qt).

One image: open (size-limited, pictures.py) → upright (EXIF orientation) → sRGB (ImageCms, the
profile embedded in the result) → resized to a long edge, or cover-cropped to a social preset →
saved as PNG, JPEG, WEBP or AVIF → metadata kept, kept without the prompt, or none → written
atomically under a name no other file has (an existing file is never replaced).

Images run on a thread pool as wide as the machine: Pillow releases the GIL while it decodes,
resamples and encodes, so threads use every core without process start-up or pickling pixels.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, features

from seedream_desktop.atomic import TEMP_PREFIX, fsync_dir
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.export_choices import FORMATS, METADATA, PRESETS
from seedream_desktop.library.export_names import NameFields, check_template, render
from seedream_desktop.library.metadata import embed, read_record
from seedream_desktop.library.pictures import open_picture
from seedream_desktop.library.record import GenerationRecord

CONTEXT = "Export"
RESAMPLING = Image.Resampling.LANCZOS
NOT_EXPORTED = QT_TRANSLATE_NOOP(CONTEXT, "{name} was not exported: {reason}")


def available_formats() -> list[str]:
    """The formats this Pillow can write (AVIF needs Pillow built with libavif)."""
    return [f for f in FORMATS if f != "AVIF" or features.check("avif")]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    folder: Path
    format: str = "JPEG"
    quality: int = 90  # JPEG, WEBP and AVIF
    long_edge: int = 0  # 0: the picture's own size; larger pictures are scaled down, never up
    preset: str = ""  # one of PRESETS: overrides long_edge
    metadata: str = "keep"  # "keep", "no-prompt" (the prompt removed) or "none"
    template: str = "{name}"

    def check(self) -> None:
        if self.format not in available_formats():
            raise ValueError(f"cannot export {self.format}; choose {', '.join(available_formats())}")
        if self.preset and self.preset not in PRESETS:
            raise ValueError(f"no preset {self.preset!r}; choose {', '.join(PRESETS)}")
        if self.metadata not in METADATA:
            raise ValueError(f"metadata is one of {', '.join(METADATA)}")
        if not 1 <= self.quality <= 100 or not 0 <= self.long_edge <= 65_000:
            raise ValueError("quality is 1–100 and the long edge 0–65000 pixels")
        check_template(self.template)


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False


Progress = Callable[[int, int], None]


def export(
    sources: Sequence[Path],
    options: ExportOptions,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ExportReport:
    """Export ``sources`` into ``options.folder``. ``progress(done, total)`` is called from worker
    threads; ``cancelled()`` is asked before each image (those already running finish)."""
    options.check()
    options.folder.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    lock = threading.Lock()
    done = 0

    def one(n: int, source: Path) -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            with lock:
                report.cancelled = True
            return
        try:
            target = export_one(Path(source), n, options)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            with lock:
                report.failed.append((Path(source), _reason(exc)))
        else:
            with lock:
                report.written.append(target)
        with lock:
            done += 1
            if progress is not None:
                progress(done, len(sources))

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        for future in [pool.submit(one, n, s) for n, s in enumerate(sources, start=1)]:
            future.result()
    report.written.sort()
    return report


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def export_one(source: Path, n: int, options: ExportOptions) -> Path:
    found = read_record(source)  # names may use its prompt and date even when none is exported
    fields = _name_fields(source, n, found)
    record = found if options.metadata != "none" else None
    with open_picture(source) as opened:
        frame = _target_size(opened.size, options)
        if opened.format == "JPEG" and frame is not None:
            opened.draft("RGB", frame)  # decoded at 1/2, 1/4 or 1/8 scale when that still covers the frame
        picture = _upright(opened)
        picture = to_srgb(picture)
    picture = _resized(picture, options)
    data = _encode(picture, options)
    if record is not None and options.format != "AVIF":
        if options.metadata == "no-prompt":
            record = without_prompt(record)
        data = embed(data, "JPG" if options.format == "JPEG" else options.format, record)
    fields = replace(fields, width=picture.width, height=picture.height)
    return write_new(options.folder, render(options.template, fields), FORMATS[options.format], data)


def without_prompt(record: GenerationRecord) -> GenerationRecord:
    """The record with the prompt gone (the request, which repeats it, too): model, seed and size stay."""
    return replace(record, prompt="", request=None)


def _name_fields(source: Path, n: int, record: GenerationRecord | None) -> NameFields:
    when: datetime | None = None
    if record is not None and record.created:
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(record.created.replace("Z", "+00:00"))
    if when is None:
        try:
            when = datetime.fromtimestamp(source.stat().st_mtime, UTC)
        except OSError:
            when = datetime.now(UTC)
    when = when.astimezone()  # the person's own date, as their file manager shows it
    return NameFields(
        name=source.stem,
        date=when.strftime("%Y-%m-%d"),
        time=when.strftime("%H%M%S"),
        prompt=record.prompt if record else "",
        n=n,
        seed=record.seed if record else None,
        model=(record.model_name if record else "") or "",
    )


def _target_size(size: tuple[int, int], options: ExportOptions) -> tuple[int, int] | None:
    if options.preset:
        return PRESETS[options.preset]
    if options.long_edge and max(size) > options.long_edge:
        scale = options.long_edge / max(size)
        return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))
    return None


def _upright(opened: Image.Image) -> Image.Image:
    if opened.getexif().get(0x0112, 1) == 1:  # upright already: no copy of the pixels
        opened.load()
        return opened
    return ImageOps.exif_transpose(opened)


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
SRGB_ICC = _SRGB.tobytes()


def to_srgb(picture: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB. A picture without a profile is taken to be sRGB already (the web's rule)."""
    icc = picture.info.get("icc_profile")
    alpha = picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
    if picture.mode not in ("RGB", "RGBA", "CMYK"):
        picture = picture.convert("RGBA" if alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if picture.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(picture, source, _SRGB, outputMode=mode)
            if converted is not None:
                picture = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a damaged profile: the pixels are taken as they are
    if picture.mode == "CMYK":
        picture = picture.convert("RGB")
    picture.info.pop("icc_profile", None)
    return picture


def _resized(picture: Image.Image, options: ExportOptions) -> Image.Image:
    if options.preset:
        return ImageOps.fit(picture, PRESETS[options.preset], RESAMPLING, centering=(0.5, 0.5))
    frame = _target_size(picture.size, options)
    return picture.resize(frame, RESAMPLING) if frame is not None else picture


def _encode(picture: Image.Image, options: ExportOptions) -> bytes:
    out = io.BytesIO()
    if options.format == "JPEG" and picture.mode == "RGBA":
        # JPEG has no transparency: transparent parts become white, as on a page.
        flat = Image.new("RGB", picture.size, (255, 255, 255))
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    kwargs: dict[str, object] = {"icc_profile": SRGB_ICC}
    if options.format in ("JPEG", "WEBP", "AVIF"):
        kwargs["quality"] = options.quality
    if options.format == "JPEG":
        kwargs["optimize"] = False
    picture.save(out, options.format, **kwargs)
    return out.getvalue()


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/stem+suffix``, or ``stem (2)+suffix``… when that name is taken:
    complete (fsynced) before it has its name, and never over an existing file, even one another
    thread or program creates meanwhile (a hard link fails where a rename would overwrite)."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for number in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}")
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links (FAT, some shares)
                if target.exists():
                    continue
                Path(tmp).rename(target)  # on Windows this fails rather than replace
                fsync_dir(folder)
                return target
            fsync_dir(folder)
            return target
        raise FileExistsError(f"{stem}{suffix} and 9,999 numbered names exist in {folder}")
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
