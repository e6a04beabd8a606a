"""GenerationRecord: what the library knows about how an image was made, as embedded in the file itself.

The record is the file's own provenance (the image files are the source of truth, architecture.md), so
it is versioned, JSON round-trips tolerate keys added or dropped by other versions, and it never carries
pixels: no data URIs, no base64, no huge strings, only names, hashes and URLs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any, Literal, get_args

from seedream_desktop import APP_NAME, __version__
from seedream_desktop.api import MODEL_ID, MODEL_NAME
from seedream_desktop.api.models import find_model
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import by_dimensions
from seedream_desktop.library.infotext import param_pairs

SCHEMA_VERSION = 1
APP_LABEL = f"{APP_NAME} {__version__}"
# Who wrote the embedded record: us, A1111/Forge text, another AI tool (metadata/foreign.py), or unknown.
Source = Literal["seedream-desktop", "a1111", "comfyui", "invokeai", "fooocus", "novelai", "unknown"]

# Longest string kept in the embedded request: a prompt is at most 2,000 characters, so anything
# longer is a payload (an inlined image, a blob in `extra`) that does not belong in metadata.
LONGEST_STRING = 4096


@dataclass(frozen=True, slots=True)
class ReferenceRecord:
    """A reference image as remembered: its name and hash, never its pixels."""

    name: str | None = None
    sha256: str | None = None
    library_path: str | None = None
    image_uuid: str | None = None

    @classmethod
    def from_reference(cls, ref: ReferenceImage) -> ReferenceRecord:
        if ref.is_data_uri:
            name = None  # the pixels themselves; the hash identifies them
        elif ref.is_runware_uuid:
            return cls(None, ref.sha256, ref.library_path, ref.source)
        elif ref.is_remote:
            name = ref.source if len(ref.source) <= LONGEST_STRING else None
        else:
            name = PurePath(ref.source).name or ref.source
        return cls(name, ref.sha256, ref.library_path, None)

    @classmethod
    def from_dict(cls, data: Any) -> ReferenceRecord:
        return cls(**_known(cls, data, str))


@dataclass(frozen=True, slots=True)
class ParentImage:
    """The library image an edit was made from."""

    image_uuid: str | None = None
    content_id: str | None = None
    path: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> ParentImage:
        return cls(**_known(cls, data, str))


@dataclass(slots=True)
class GenerationRecord:
    schema: int = SCHEMA_VERSION
    app: str = APP_LABEL
    model: str = MODEL_ID
    model_name: str = MODEL_NAME
    prompt: str = ""
    width: int = 0
    height: int = 0
    format: str = "PNG"
    size_key: str | None = None
    seed: int | None = None
    cost: float | None = None
    task_uuid: str | None = None
    image_uuid: str | None = None
    created: str = ""
    request: dict[str, Any] | None = None
    references: list[ReferenceRecord] = field(default_factory=list)
    parent: ParentImage | None = None
    sequence_index: int | None = None
    sequence_total: int | None = None
    source: Source = "seedream-desktop"

    # ---- making one ------------------------------------------------------------------------------
    @classmethod
    def from_generation(
        cls,
        request: GenerationRequest,
        *,
        task_uuid: str,
        image_uuid: str,
        seed: int | None,
        cost: float | None,
        width: int,
        height: int,
        format: str,
        sequence_index: int | None = None,
        sequence_total: int | None = None,
        parent: ParentImage | Mapping[str, Any] | None = None,
    ) -> GenerationRecord:
        if isinstance(parent, Mapping):
            parent = ParentImage.from_dict(parent)
        if parent is None and request.parent:
            # The request only knows the edited file by where it lives in the library.
            parent = ParentImage(path=request.parent)
        spec = request.spec
        if spec is not None and not spec.sends_dimensions:
            # SeedEdit's result takes the reference's shape, not request.size: unknown here (0 × 0, no
            # "Size" in the parameters line); the library reads the real pixels from the file.
            width = height = 0
        # The model's own table first: 5.0 Lite's 2K 16:9 is 2848×1600, not 4.0's 2560×1440.
        preset = (spec.size_by_dimensions(width, height) if spec else None) or by_dimensions(width, height)
        return cls(
            model=request.model,
            model_name=spec.name if spec else request.model,
            prompt=request.prompt,
            width=width,
            height=height,
            format="JPG" if format.upper() == "JPEG" else format.upper(),
            size_key=preset.key if preset else None,
            seed=seed,
            cost=cost,
            task_uuid=task_uuid,
            image_uuid=image_uuid,
            created=utc_now(),
            request=_without_payloads(request.to_dict()),
            references=[ReferenceRecord.from_reference(r) for r in request.references],
            parent=parent,
            sequence_index=sequence_index,
            sequence_total=sequence_total,
        )

    # ---- JSON --------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["request"] = _without_payloads(self.request) if self.request is not None else None
        return data

    def to_json(self) -> str:
        # Compact and UTF-8 as-is: Chinese prompts stay readable in every tool that shows the raw text.
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"), sort_keys=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GenerationRecord:
        """Build a record from any version's dict: unknown keys are ignored, missing ones defaulted,
        values of the wrong type dropped (a damaged record still gives what it can)."""
        record = cls()
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "references":
                if isinstance(value, list):
                    record.references = [ReferenceRecord.from_dict(r) for r in value if isinstance(r, dict)]
            elif f.name == "parent":
                record.parent = ParentImage.from_dict(value) if isinstance(value, dict) else None
            elif f.name == "request":
                record.request = value if isinstance(value, dict) and _nested_at_most(value) else None
            elif f.name in _INTS:
                if _whole(value) is not None and (f.name == "seed" or value >= 0):
                    setattr(record, f.name, value)
            elif f.name == "cost":
                record.cost = _finite(value)
            elif f.name == "source":
                if value in get_args(Source):
                    record.source = value
            elif isinstance(value, str) or (value is None and f.name in _OPTIONAL_STRINGS):
                setattr(record, f.name, value)
        return record

    @classmethod
    def from_json(cls, text: str | bytes) -> GenerationRecord:
        try:
            data = json.loads(text)
        except RecursionError:  # nested thousands deep: not a record any version wrote
            raise ValueError("a generation record nested too deep") from None
        if not isinstance(data, dict):
            raise ValueError("a generation record is a JSON object")
        return cls.from_dict(data)

    def generation_request(self) -> GenerationRequest | None:
        """The request to run again ("reuse settings"), when the record carries one."""
        if not self.request:
            return None
        try:
            return GenerationRequest.from_dict(self.request)
        except (TypeError, ValueError):
            return None

    # ---- what other tools read -------------------------------------------------------------------
    @property
    def tier(self) -> str | None:
        return self.size_key.split("-", 1)[0] if self.size_key else None

    def keywords(self) -> list[str]:
        """dc:subject keywords, most useful first (the JPEG writer trims from the end)."""
        words = [self.model_name, "AI generated"]
        if self.size_key:
            tier, _, aspect = self.size_key.partition("-")
            words += [tier, aspect, self.size_key]
        if self.sequence_total:
            words.append("sequential set")
        if self.parent is not None:
            words.append("edit")
        if self.references:
            words.append("with references")
        return [w for w in dict.fromkeys(words) if w]

    def a1111_parameters(self) -> str:
        """The record as AUTOMATIC1111 writes "infotext": the prompt, then one line of ``Key: value``.

        AI image browsers (sd-parsers and the tools built on it) take the line for A1111's only when it
        holds a ``Sampler`` and at least three of Sampler/Seed/Steps/CFG scale/ENSD/Schedule type. No value
        is made up for that (the README's "What the parameters line means"): the sampler is the model
        (what turned noise into the image), the seed is -1 when the service did not report it (A1111's
        "random"), and ENSD (A1111's eta noise seed delta) is 0 because the seed is used as it is.
        Seedream has no steps, CFG scale or schedule that it reports, so those are never written."""
        pairs: list[tuple[str, Any]] = [
            ("Sampler", self.model_name or self.model or "unknown"),
            ("Seed", self.seed if self.seed is not None else -1),
            ("ENSD", 0),
            ("Size", f"{self.width}x{self.height}" if self.width and self.height else None),
            ("Model", self.model_name),
            ("Format", self.format),
        ]
        if self.request:
            pairs.append(("Quality", self.request.get("output_quality")))
        if self.sequence_total:
            pairs.append(("Sequential", f"{self.sequence_index or 0}/{self.sequence_total}"))
        pairs += [
            ("References", len(self.references) or None),
            ("Task", self.task_uuid),
            ("Image", self.image_uuid),
            ("Cost", f"{self.cost:g}" if self.cost is not None else None),
            ("App", self.app),
        ]
        params = ", ".join(f"{key}: {_quote(str(value))}" for key, value in pairs if value is not None)
        return f"{self.prompt}\n{params}" if params else self.prompt


_INTS = {"schema", "width", "height", "seed", "sequence_index", "sequence_total"}
_OPTIONAL_STRINGS = {"size_key", "task_uuid", "image_uuid"}


# What the index can hold: SQLite integers are 64-bit, and a file may claim any number at all.
LARGEST_INT = 2**63 - 1
# Deepest nesting kept in an embedded request (ours is two levels deep): anything deeper is not ours,
# and copying it (to_dict, JSON output) would recurse without bound.
DEEPEST_REQUEST = 16


def _whole(value: Any) -> int | None:
    """``value`` when it is an integer the index can store, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and -LARGEST_INT <= value <= LARGEST_INT:
        return value
    return None


def _finite(value: Any) -> float | None:
    """A cost as a finite float; NaN, infinities, huge and non-numbers are unknown (None)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _nested_at_most(value: Any, depth: int = DEEPEST_REQUEST) -> bool:
    if depth < 0:
        return False
    if isinstance(value, dict):
        return all(_nested_at_most(v, depth - 1) for v in value.values())
    if isinstance(value, list):
        return all(_nested_at_most(v, depth - 1) for v in value)
    return True


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _known(cls: Any, data: Any, kind: type) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        return {}
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names and isinstance(v, kind)}


def _without_payloads(value: Any) -> Any:
    """A copy with data URIs and oversized strings replaced by a short note (metadata is not storage)."""
    if isinstance(value, dict):
        return {k: _without_payloads(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_payloads(v) for v in value]
    if isinstance(value, str) and (value.startswith("data:") or len(value) > LONGEST_STRING):
        return f"<{len(value)} characters omitted>"
    return value


# ---- A1111 infotext -----------------------------------------------------------------------------
_SIZE = re.compile(r"\s*+(\d{1,9})\s*+x\s*+(\d{1,9})\s*+")
_SEQUENTIAL = re.compile(r"(\d{1,9})/(\d{1,9})")


def _quote(text: str) -> str:
    # A1111's quote(): a value with a comma, colon or newline is written as a JSON string.
    if "," not in text and "\n" not in text and ":" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        try:
            value = json.loads(text)
        except ValueError:
            return text
        return value if isinstance(value, str) else text
    return text


def parse_a1111(text: str) -> GenerationRecord:
    """A partial record from A1111/Forge/ComfyUI-style ``parameters`` text (source "a1111").

    Follows A1111's own parse_generation_parameters: the last line is the parameter line when it has at
    least three ``Key: value`` pairs; lines before it are the prompt up to "Negative prompt:". Linear
    in the text's length (see infotext.py: A1111's own regex is quadratic on one long line).
    """
    *lines, last = text.strip().replace("\r\n", "\n").split("\n")
    pairs = param_pairs(last)
    if len(pairs) < 3:
        lines.append(last)
        pairs = []
    prompt: list[str] = []
    for line in lines:
        if line.startswith("Negative prompt:"):
            break
        prompt.append(line)
    params = {key.strip(): _unquote(value.strip()) for key, value in pairs}
    record = GenerationRecord(
        app=params.get("App") or params.get("Version") or "",
        model="",
        model_name=params.get("Model", ""),
        prompt="\n".join(prompt).strip(),
        format=params.get("Format", "").upper(),
        task_uuid=params.get("Task"),
        image_uuid=params.get("Image"),
        source="a1111",
    )
    if (seed := _int(params.get("Seed"))) is not None and seed != -1:  # -1: A1111's "random", not a seed
        record.seed = seed
    if size := _SIZE.fullmatch(params.get("Size", "")):
        record.width, record.height = int(size[1]), int(size[2])
        preset = by_dimensions(record.width, record.height)
        record.size_key = preset.key if preset else None
    try:
        record.cost = _finite(float(params["Cost"])) if "Cost" in params else None
    except ValueError:
        pass
    if sequential := _SEQUENTIAL.fullmatch(params.get("Sequential", "")):
        record.sequence_index, record.sequence_total = int(sequential[1]), int(sequential[2])
    if record.model_name == MODEL_NAME:
        record.model = MODEL_ID
    elif known := find_model(record.model_name):
        record.model = known.id
    return record


def _int(text: str | None) -> int | None:
    # At most 20 characters: a longer number is no seed the index can hold (and int() of thousands
    # of digits is refused by Python itself).
    if text is None or len(text) > 20:
        return None
    try:
        return _whole(int(text))
    except ValueError:
        return None
