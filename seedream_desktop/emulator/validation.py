"""The Seedream family's rules for an imageInference task, checked the way Runware answers: one error per rule.

The limits come from the app's own registry (api/models.py), so the emulator and the client never disagree.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from seedream_desktop.api.models import MODELS, SEEDREAM_40, Model, model_by_id
from seedream_desktop.emulator.wire import Rejection, error

# Seedream 4.0's values, kept for callers that name them; each task is checked against its own model.
PROMPT_MAX = SEEDREAM_40.prompt_max
RESULTS_MAX = 20
SEQUENTIAL_MAX = SEEDREAM_40.sequential_max
REFERENCES_MAX = SEEDREAM_40.references_max
REFS_PLUS_SEQUENTIAL_MAX = SEEDREAM_40.refs_plus_sequential_max
QUALITY_MIN, QUALITY_MAX = 20, 99
TTL_MIN = 60
SEED_MIN, SEED_MAX = 1, 2**63 - 1
DEFAULT_TTL = 86_400
OUTPUT_FORMATS = ("PNG", "JPG", "WEBP")
OUTPUT_TYPES = ("URL", "base64Data", "dataURI")
DELIVERY_METHODS = ("sync", "async")
SAFETY_MODES = ("none", "fast", "full")
ALLOWED_SIZES = [f"{s.width}x{s.height}" for s in SEEDREAM_40.sizes]


@dataclass(frozen=True)
class InferenceOrder:
    """A valid imageInference task, read into plain values with Runware's defaults filled in."""

    task_uuid: str
    prompt: str
    width: int
    height: int
    number_results: int
    sequential: int | None
    references: tuple[str, ...]
    output_format: str
    output_quality: int
    output_type: str
    seed: int | None
    include_cost: bool
    safety: bool
    ttl: int
    delivery: str
    model: str = SEEDREAM_40.id

    @property
    def image_count(self) -> int:
        return self.number_results * (self.sequential or 1)


def task_uuid_of(task: dict[str, Any]) -> str:
    """The task's UUID, or a Rejection naming what is wrong with it."""
    task_type = task.get("taskType")
    value = task.get("taskUUID")
    if value is None:
        raise Rejection(
            400,
            [
                error(
                    "missingTaskUUID",
                    "Every task needs a taskUUID.",
                    parameter="taskUUID",
                    task_type=task_type,
                )
            ],
        )
    try:
        uuid.UUID(str(value))
    except ValueError:
        raise Rejection(
            400,
            [
                error(
                    "invalidTaskUUID",
                    "Invalid value for taskUUID parameter. It must be a UUID.",
                    parameter="taskUUID",
                    task_type=task_type,
                    task_uuid=str(value),
                )
            ],
        ) from None
    return str(value)


def read_inference(task: dict[str, Any]) -> InferenceOrder:
    """Check every rule; raise one Rejection listing each broken one (HTTP 400)."""
    task_uuid = task_uuid_of(task)
    problems: list[dict[str, Any]] = []

    def bad(code: str, parameter: str, message: str, **extra: Any) -> None:
        problems.append(
            error(
                code, message, parameter=parameter, task_type="imageInference", task_uuid=task_uuid, **extra
            )
        )

    model_id = task.get("model")
    spec: Model = SEEDREAM_40
    if model_id is None:
        bad("missingModel", "model", "Missing model parameter.")
    elif not isinstance(model_id, str) or model_by_id(model_id) is None:
        bad(
            "invalidModel",
            "model",
            f"This emulator serves only the Seedream family: {', '.join(m.id for m in MODELS)}.",
            allowedValues=[m.id for m in MODELS],
        )
    else:
        spec = model_by_id(model_id) or SEEDREAM_40

    prompt = task.get("positivePrompt")
    if prompt is None:
        bad("missingPositivePrompt", "positivePrompt", "Missing positivePrompt parameter.")
    elif (
        not isinstance(prompt, str) or len(prompt.strip()) < spec.prompt_min or len(prompt) > spec.prompt_max
    ):
        bad(
            "invalidPositivePrompt",
            "positivePrompt",
            f"Invalid value for positivePrompt parameter. It must be a string of {spec.prompt_min} to "
            f"{spec.prompt_max} characters.",
        )

    width, height = task.get("width"), task.get("height")
    if not spec.sends_dimensions:
        # SeedEdit: the output takes the reference's shape; width is refused as Runware does.
        for name in ("width", "height"):
            if task.get(name) is not None:
                bad(
                    "unsupportedParameter",
                    name,
                    f"Unsupported use of '{name}' parameter. This parameter is not supported for the "
                    "selected model.",
                )
        width, height = 2048, 2048  # the reference's shape; the emulator paints a square
    elif width is None and height is None:
        width, height = spec.default_size.width, spec.default_size.height  # type: ignore[union-attr]
    elif width is None:
        bad("missingWidth", "width", "Missing width parameter: width and height must be used together.")
    elif height is None:
        bad("missingHeight", "height", "Missing height parameter: width and height must be used together.")
    if (
        spec.sends_dimensions
        and width is not None
        and height is not None
        and not (_is_int(width) and _is_int(height) and spec.size_by_dimensions(width, height))
    ):
        bad(
            "invalidDimensions",
            "width",
            f"Unsupported size {width}x{height} for {spec.id}. Use one of the listed sizes.",
            allowedValues=[f"{s.width}x{s.height}" for s in spec.sizes],
        )

    number_results = _ranged(task.get("numberResults", 1), 1, RESULTS_MAX)
    if number_results is None:
        bad(
            "invalidNumberResults",
            "numberResults",
            f"Invalid value for numberResults parameter. It must be an integer between 1 and {RESULTS_MAX}.",
        )

    sequential_raw = _sequential_of(task)
    sequential = None
    if sequential_raw is not None and not spec.takes_sequential:
        bad(
            "unsupportedParameter",
            "maxSequentialImages",
            "Unsupported use of 'maxSequentialImages' parameter. This parameter is not supported for the "
            "selected model.",
        )
    elif sequential_raw is not None:
        sequential = _ranged(sequential_raw, 1, spec.sequential_max)
        if sequential is None:
            bad(
                "invalidMaxSequentialImages",
                "maxSequentialImages",
                "Invalid value for maxSequentialImages. It must be an integer between 1 and "
                f"{spec.sequential_max}.",
            )

    references = _references_of(task)
    if references is None:
        bad("invalidReferenceImages", "referenceImages", "referenceImages must be a list of strings.")
        references = []
    elif len(references) > spec.references_max:
        bad(
            "invalidReferenceImages",
            "referenceImages",
            f"Too many reference images ({len(references)}). {spec.name} takes at most {spec.references_max}.",
        )
    elif len(references) < spec.references_min:
        bad(
            "missingReferenceImages",
            "referenceImages",
            f"{spec.name} needs {spec.references_min} reference image(s).",
        )
    elif sequential is not None and len(references) + sequential > spec.refs_plus_sequential_max:
        bad(
            "invalidMaxSequentialImages",
            "maxSequentialImages",
            f"Reference images ({len(references)}) plus maxSequentialImages ({sequential}) must not exceed "
            f"{spec.refs_plus_sequential_max}.",
        )

    _check_model_options(task, spec, bad)

    output_format = _choice(task.get("outputFormat", "JPG"), OUTPUT_FORMATS, fold=True)
    if output_format is None:
        bad(
            "invalidOutputFormat",
            "outputFormat",
            "Invalid value for outputFormat parameter.",
            allowedValues=list(OUTPUT_FORMATS),
        )

    quality = _ranged(task.get("outputQuality", 95), QUALITY_MIN, QUALITY_MAX)
    if quality is None:
        bad(
            "invalidOutputQuality",
            "outputQuality",
            f"Invalid value for outputQuality parameter. It must be an integer between {QUALITY_MIN} and {QUALITY_MAX}.",
        )

    output_type_raw = task.get("outputType", "URL")
    if isinstance(output_type_raw, list) and len(output_type_raw) == 1:
        output_type_raw = output_type_raw[0]  # the old SDK sends a one-element list
    output_type = _choice(output_type_raw, OUTPUT_TYPES)
    if output_type is None:
        bad(
            "invalidOutputType",
            "outputType",
            "Invalid value for outputType parameter.",
            allowedValues=list(OUTPUT_TYPES),
        )

    ttl = _ranged(task.get("ttl", DEFAULT_TTL), TTL_MIN, None)
    if ttl is None:
        bad(
            "invalidTtl",
            "ttl",
            f"Invalid value for ttl parameter. It must be an integer of at least {TTL_MIN}.",
        )

    seed = task.get("seed")
    if seed is not None and _ranged(seed, SEED_MIN, SEED_MAX) is None:
        bad(
            "invalidSeed",
            "seed",
            f"Invalid value for seed parameter. It must be an integer between 1 and {SEED_MAX}.",
        )

    delivery = _choice(task.get("deliveryMethod", "sync"), DELIVERY_METHODS)
    if delivery is None:
        bad(
            "invalidDeliveryMethod",
            "deliveryMethod",
            "Invalid value for deliveryMethod parameter.",
            allowedValues=list(DELIVERY_METHODS),
        )

    include_cost = task.get("includeCost", False)
    if not isinstance(include_cost, bool):
        bad("invalidIncludeCost", "includeCost", "includeCost must be true or false.")

    safety = _safety_of(task.get("safety"))
    if safety is None:
        bad("invalidSafety", "safety", "safety must be {checkContent: bool, mode: none|fast|full}.")

    if problems:
        raise Rejection(400, problems)
    assert isinstance(prompt, str) and isinstance(width, int) and isinstance(height, int)
    return InferenceOrder(
        task_uuid=task_uuid,
        prompt=prompt,
        width=width,
        height=height,
        number_results=number_results or 1,
        sequential=sequential,
        references=tuple(references),
        output_format=output_format or "JPG",
        output_quality=quality or 95,
        output_type=output_type or "URL",
        seed=seed,
        include_cost=bool(include_cost),
        safety=bool(safety),
        ttl=ttl or DEFAULT_TTL,
        delivery=delivery or "sync",
        model=spec.id,
    )


def _check_model_options(task: dict[str, Any], spec: Model, bad: Any) -> None:
    """CFGScale (SeedEdit) and providerSettings.bytedance.optimizePromptMode (4.5, 5.0 Lite)."""
    cfg = task.get("CFGScale")
    if cfg is not None:
        number = isinstance(cfg, (int, float)) and not isinstance(cfg, bool)
        if spec.cfg_scale is None:
            bad(
                "unsupportedParameter",
                "CFGScale",
                "Unsupported use of 'CFGScale' parameter. This parameter is not supported for the selected model.",
            )
        elif not number or not spec.cfg_scale[0] <= cfg <= spec.cfg_scale[1]:
            bad(
                "invalidCFGScale",
                "CFGScale",
                f"Invalid value for CFGScale parameter. It must be a number between {spec.cfg_scale[0]:g} "
                f"and {spec.cfg_scale[1]:g}.",
                type="float",
            )
    provider = task.get("providerSettings")
    bytedance = provider.get("bytedance") if isinstance(provider, dict) else None
    mode = bytedance.get("optimizePromptMode") if isinstance(bytedance, dict) else None
    if mode is not None and mode not in spec.optimize_prompt_modes:
        bad(
            "invalidOptimizePromptMode",
            "optimizePromptMode",
            "Invalid value for optimizePromptMode parameter.",
            allowedValues=list(spec.optimize_prompt_modes),
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ranged(value: Any, low: int, high: int | None) -> int | None:
    if not _is_int(value) or value < low or (high is not None and value > high):
        return None
    return int(value)


def _choice(value: Any, allowed: tuple[str, ...], *, fold: bool = False) -> str | None:
    if not isinstance(value, str):
        return None
    for option in allowed:
        if value == option or (fold and value.upper() == option):
            return option
    return None


def _sequential_of(task: dict[str, Any]) -> Any:
    # Documented under providerSettings.bytedance (Oct 2025); the 2026 schema has a generic `settings`.
    provider = task.get("providerSettings")
    bytedance = provider.get("bytedance") if isinstance(provider, dict) else None
    if isinstance(bytedance, dict) and "maxSequentialImages" in bytedance:
        return bytedance["maxSequentialImages"]
    settings = task.get("settings")
    if isinstance(settings, dict) and "maxSequentialImages" in settings:
        return settings["maxSequentialImages"]
    return None


def _references_of(task: dict[str, Any]) -> list[str] | None:
    """Top-level ``referenceImages`` (docs) and ``inputs.referenceImages`` (schema) both count."""
    found: list[Any] = []
    for holder in (task, task.get("inputs")):
        if isinstance(holder, dict) and "referenceImages" in holder:
            refs = holder["referenceImages"]
            if not isinstance(refs, list):
                return None
            found.extend(refs)
    if not all(isinstance(r, str) and r for r in found):
        return None
    return found


def _safety_of(value: Any) -> bool | None:
    """Whether content is checked; ``mode`` wins over ``checkContent`` (protocol.md §3.1). None: malformed."""
    if value is None:
        return False
    if not isinstance(value, dict):
        return None
    mode = value.get("mode")
    check = value.get("checkContent", False)
    if mode is not None and mode not in SAFETY_MODES:
        return None
    if not isinstance(check, bool):
        return None
    if mode is not None:
        return bool(mode != "none")
    return check
