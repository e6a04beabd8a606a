"""GenerationRequest: everything about one Seedream 4.0 generation, validated before anything is sent.

One value carries the whole job (prompt, size, references, counts, format, seed, options), so a job can
be journalled, replayed, shown in the library and tested with no widget and no network.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from seedream_desktop.api.errors import CONTEXT, InvalidRequest, Problem
from seedream_desktop.api.models import DEFAULT_MODEL, Model, model_by_id
from seedream_desktop.api.request_rules import (  # the limits are re-exported: widgets set their ranges from them
    MAX_REFERENCES as MAX_REFERENCES,
)
from seedream_desktop.api.request_rules import (
    MAX_REFS_PLUS_SEQUENTIAL as MAX_REFS_PLUS_SEQUENTIAL,
)
from seedream_desktop.api.request_rules import (
    OUTPUT_FORMATS as OUTPUT_FORMATS,
)
from seedream_desktop.api.request_rules import (
    PROMPT_MAX as PROMPT_MAX,
)
from seedream_desktop.api.request_rules import (
    PROMPT_MIN as PROMPT_MIN,
)
from seedream_desktop.api.request_rules import (
    QUALITY_MAX as QUALITY_MAX,
)
from seedream_desktop.api.request_rules import (
    QUALITY_MIN as QUALITY_MIN,
)
from seedream_desktop.api.request_rules import (
    RESULTS_MAX as RESULTS_MAX,
)
from seedream_desktop.api.request_rules import (
    RESULTS_MIN as RESULTS_MIN,
)
from seedream_desktop.api.request_rules import (
    RULES,
)
from seedream_desktop.api.request_rules import (
    SEED_MAX as SEED_MAX,
)
from seedream_desktop.api.request_rules import (
    SEED_MIN as SEED_MIN,
)
from seedream_desktop.api.request_rules import (
    SEQUENTIAL_MAX as SEQUENTIAL_MAX,
)
from seedream_desktop.api.request_rules import (
    SEQUENTIAL_MIN as SEQUENTIAL_MIN,
)
from seedream_desktop.api.request_rules import (
    TTL_MIN as TTL_MIN,
)
from seedream_desktop.api.sizes import DEFAULT_SIZE, SizePreset, by_key
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

OutputFormat = Literal["PNG", "JPG", "WEBP"]
OutputType = Literal["URL", "base64Data", "dataURI"]
Delivery = Literal["async", "sync"]
SafetyMode = Literal["none", "fast", "full"]

FILE_EXTENSIONS = {"PNG": ".png", "JPG": ".jpg", "WEBP": ".webp"}


@dataclass(frozen=True, slots=True)
class ReferenceImage:
    """A reference as the designer gave it: a local file, a URL, a data URI or a Runware image UUID.

    ``sha256`` identifies the pixels that were sent (for the embedded record and the upload cache);
    ``library_path`` is set when the reference came from the user's own library (edit lineage).
    """

    source: str
    sha256: str | None = None
    library_path: str | None = None

    @property
    def is_remote(self) -> bool:
        return self.source.startswith(("http://", "https://"))

    @property
    def is_data_uri(self) -> bool:
        return self.source.startswith("data:")

    @property
    def is_runware_uuid(self) -> bool:
        import uuid  # with platform, ~4 ms at import; the window builds requests before it is shown

        try:
            uuid.UUID(self.source)
        except ValueError:
            return False
        return True

    @property
    def is_local_file(self) -> bool:
        return not (self.is_remote or self.is_data_uri or self.is_runware_uuid)


@dataclass(frozen=True, slots=True)
class GenerationRequest:
    prompt: str
    size: SizePreset = DEFAULT_SIZE
    references: tuple[ReferenceImage, ...] = ()
    number_results: int = 1
    # None means sequential (group) generation is off; 1–15 asks for a coherent numbered set.
    max_sequential_images: int | None = None
    output_format: OutputFormat = "PNG"
    output_quality: int = 95
    output_type: OutputType = "URL"
    seed: int | None = None
    safety: SafetyMode = "none"
    ttl: int | None = None
    delivery: Delivery = "async"
    webhook_url: str | None = None
    upload_endpoint: str | None = None
    # The library image this generation edits (not sent: recorded for lineage).
    parent: str | None = None
    # What a region edit was: mask, markup, template (not sent: recorded for lineage; library/edits).
    edit: dict[str, Any] | None = None
    # Runware AIR id (api/models.py). Journal rows and records from before it existed mean Seedream 4.0.
    model: str = DEFAULT_MODEL.id
    # SeedEdit's CFGScale and 4.5 / 5.0 Lite's optimizePromptMode; None: the model's own default.
    cfg_scale: float | None = None
    optimize_prompt_mode: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    # ---- rules -------------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Every rule this request breaks (api/request_rules.RULES, in order), each naming the field
        and what is allowed."""
        spec = self.spec
        if spec is None:
            template = QT_TRANSLATE_NOOP(
                CONTEXT, "{model} is not a model this app knows; pick one from the list."
            )
            return [Problem("model", template, {"model": self.model})]
        found = []
        for rule in RULES:
            params = rule.broken(self, spec)
            if params is not None:
                found.append(Problem(rule.field, rule.template, params))
        return found

    def validate(self) -> GenerationRequest:
        """Raise InvalidRequest listing every broken rule; return self when the request may be sent."""
        found = self.problems()
        if found:
            raise InvalidRequest(found)
        return self

    # ---- what it costs and makes --------------------------------------------------------------
    @property
    def expected_images(self) -> int:
        """Upper bound of images this request can produce (the model may return fewer)."""
        return self.number_results * (self.max_sequential_images or 1)

    @property
    def spec(self) -> Model | None:
        """This request's model from the registry (None for an id the app does not know)."""
        return model_by_id(self.model)

    @property
    def estimated_cost(self) -> float:
        price = (self.spec or DEFAULT_MODEL).price_per_image_usd
        return round(self.expected_images * price, 4)

    @property
    def file_extension(self) -> str:
        return FILE_EXTENSIONS[self.output_format]

    # ---- wire format ---------------------------------------------------------------------------
    def to_task(self, task_uuid: str, reference_ids: list[str] | None = None) -> dict[str, Any]:
        """The imageInference task object, exactly as Runware wants it.

        ``reference_ids`` are the strings to send for the references (upload UUIDs, URLs or data
        URIs) once the client has resolved local files; by default the sources are sent as given.
        """
        spec = self.spec or DEFAULT_MODEL
        task: dict[str, Any] = {
            "taskType": "imageInference",
            "taskUUID": task_uuid,
            "model": self.model,
            "positivePrompt": self.prompt,
        }
        if spec.sends_dimensions:  # SeedEdit takes its shape from the reference and refuses width
            task["width"], task["height"] = self.size.width, self.size.height
        task |= {
            "numberResults": self.number_results,
            "outputType": self.output_type,
            "outputFormat": self.output_format,
            "outputQuality": self.output_quality,
            "includeCost": True,
            "deliveryMethod": self.delivery,
        }
        if self.seed is not None:
            task["seed"] = self.seed
        refs = reference_ids if reference_ids is not None else [r.source for r in self.references]
        if refs and spec.cfg_scale is not None:
            task["referenceImages"] = list(refs)  # SeedEdit's documented form (models.RUNWARE_BYTEDANCE)
        elif refs:
            task["inputs"] = {"referenceImages": list(refs)}
        bytedance: dict[str, Any] = {}
        if self.max_sequential_images is not None:
            bytedance["maxSequentialImages"] = self.max_sequential_images
        if self.optimize_prompt_mode is not None:
            bytedance["optimizePromptMode"] = self.optimize_prompt_mode
        if bytedance:
            task["providerSettings"] = {"bytedance": bytedance}
        if self.cfg_scale is not None:
            task["CFGScale"] = self.cfg_scale
        if self.safety != "none":
            task["safety"] = {"checkContent": True, "mode": self.safety}
        if self.ttl is not None:
            task["ttl"] = self.ttl
        if self.webhook_url:
            task["webhookURL"] = self.webhook_url
        if self.upload_endpoint:
            task["uploadEndpoint"] = self.upload_endpoint
        task.update(self.extra)
        return task

    @staticmethod
    def new_task_uuid() -> str:
        import uuid

        return str(uuid.uuid4())

    # ---- storage (journal, embedded record, "reuse settings") ---------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["size"] = self.size.key
        data["references"] = [asdict(r) for r in self.references]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerationRequest:
        data = dict(data)
        spec = model_by_id(data.get("model")) or DEFAULT_MODEL
        key = str(data.pop("size", DEFAULT_SIZE.key))
        size = spec.size_by_key(key) or by_key(key) or spec.default_size or DEFAULT_SIZE
        refs = tuple(ReferenceImage(**r) for r in data.pop("references", ()))
        known = {f for f in cls.__dataclass_fields__ if f not in ("size", "references")}
        kwargs = {k: v for k, v in data.items() if k in known}
        return cls(size=size, references=refs, **kwargs)

    def with_changes(self, **changes: Any) -> GenerationRequest:
        return replace(self, **changes)
