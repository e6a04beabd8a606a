"""The rules a generation request must keep, as one table: GenerationRequest.problems() reads it in order.

Each rule names the wire field it is about, the sentence a person reads (marked for translation), and
a check that returns the sentence's values when the rule is broken, or None when it is kept. A new rule
is one row here; a model's own limits come from its entry in api/models.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from seedream_desktop.api.errors import CONTEXT
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from seedream_desktop.api.models import Model
    from seedream_desktop.api.request import GenerationRequest

# Seedream 4.0's limits through Runware (protocol.md §3.1); other models' limits are in api/models.py.
PROMPT_MIN, PROMPT_MAX = 1, 2000
MAX_REFERENCES = 14
MAX_REFS_PLUS_SEQUENTIAL = 15
RESULTS_MIN, RESULTS_MAX = 1, 20
SEQUENTIAL_MIN, SEQUENTIAL_MAX = 1, 15
QUALITY_MIN, QUALITY_MAX = 20, 99
TTL_MIN = 60
SEED_MIN, SEED_MAX = 1, 2**63 - 1
OUTPUT_FORMATS: tuple[str, ...] = ("PNG", "JPG", "WEBP")

Check = Callable[["GenerationRequest", "Model"], "dict[str, Any] | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    field: str  # the wire parameter the rule is about
    template: str  # what a person reads when it is broken, with {names} from the check
    broken: Check  # the template's values when the rule is broken; None when it is kept


def _when(condition: bool, **params: Any) -> dict[str, Any] | None:
    return params if condition else None


def _prompt_short(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(len(r.prompt.strip()) < m.prompt_min, min=m.prompt_min, max=m.prompt_max)


def _prompt_long(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    written = len(r.prompt.strip()) >= m.prompt_min  # an empty prompt says "write one", not "too long"
    return _when(
        written and len(r.prompt) > m.prompt_max, count=len(r.prompt), model=m.name, max=m.prompt_max
    )


def _size(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(
        bool(m.sizes) and r.size not in m.sizes, width=r.size.width, height=r.size.height, model=m.name
    )


def _too_many_refs(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(
        len(r.references) > m.references_max, count=len(r.references), model=m.name, max=m.references_max
    )


def _too_few_refs(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(len(r.references) < m.references_min, model=m.name)


def _cfg_not_taken(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(r.cfg_scale is not None and m.cfg_scale is None, model=m.name)


def _cfg_range(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    if r.cfg_scale is None or m.cfg_scale is None:
        return None
    low, high, _default = m.cfg_scale
    return _when(not low <= r.cfg_scale <= high, min=low, max=high, value=r.cfg_scale)


def _optimize_mode(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    mode = r.optimize_prompt_mode
    return _when(mode is not None and mode not in m.optimize_prompt_modes, model=m.name, value=mode)


def _results(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    n = r.number_results
    return _when(not RESULTS_MIN <= n <= RESULTS_MAX, min=RESULTS_MIN, max=RESULTS_MAX, value=n)


def _sequential_not_taken(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(r.max_sequential_images is not None and not m.takes_sequential, model=m.name)


def _sequential_range(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    seq = r.max_sequential_images
    if seq is None or not m.takes_sequential:
        return None
    return _when(
        not SEQUENTIAL_MIN <= seq <= m.sequential_max, min=SEQUENTIAL_MIN, max=m.sequential_max, value=seq
    )


def _refs_plus_sequential(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    seq, refs = r.max_sequential_images, len(r.references)
    if seq is None or not m.takes_sequential or not SEQUENTIAL_MIN <= seq <= m.sequential_max:
        return None
    total = refs + seq
    return _when(
        total > m.refs_plus_sequential_max, refs=refs, seq=seq, total=total, max=m.refs_plus_sequential_max
    )


def _format(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(r.output_format not in OUTPUT_FORMATS, value=r.output_format)


def _quality(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    q = r.output_quality
    return _when(not QUALITY_MIN <= q <= QUALITY_MAX, min=QUALITY_MIN, max=QUALITY_MAX, value=q)


def _seed(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    s = r.seed
    return _when(s is not None and not SEED_MIN <= s <= SEED_MAX, min=SEED_MIN, max=SEED_MAX, value=s)


def _ttl(r: GenerationRequest, m: Model) -> dict[str, Any] | None:
    return _when(r.ttl is not None and r.ttl < TTL_MIN, min=TTL_MIN, value=r.ttl)


RULES: tuple[Rule, ...] = (
    Rule(
        "prompt", QT_TRANSLATE_NOOP(CONTEXT, "Write a prompt first ({min}–{max} characters)."), _prompt_short
    ),
    Rule(
        "prompt",
        QT_TRANSLATE_NOOP(CONTEXT, "The prompt has {count} characters; {model} takes at most {max}."),
        _prompt_long,
    ),
    Rule("size", QT_TRANSLATE_NOOP(CONTEXT, "{width}×{height} is not one of {model}'s sizes."), _size),
    Rule(
        "references",
        QT_TRANSLATE_NOOP(CONTEXT, "{count} reference images; {model} takes at most {max}."),
        _too_many_refs,
    ),
    Rule(
        "references",
        QT_TRANSLATE_NOOP(CONTEXT, "{model} edits one picture: add it to the references."),
        _too_few_refs,
    ),
    Rule(
        "CFGScale",
        QT_TRANSLATE_NOOP(CONTEXT, "{model} takes no guidance scale; leave it empty."),
        _cfg_not_taken,
    ),
    Rule(
        "CFGScale",
        QT_TRANSLATE_NOOP(CONTEXT, "Guidance scale must be {min}–{max} (got {value})."),
        _cfg_range,
    ),
    Rule(
        "optimizePromptMode",
        QT_TRANSLATE_NOOP(CONTEXT, "{model} does not take prompt optimisation {value}."),
        _optimize_mode,
    ),
    Rule(
        "numberResults",
        QT_TRANSLATE_NOOP(CONTEXT, "Number of images must be {min}–{max} (got {value})."),
        _results,
    ),
    Rule(
        "maxSequentialImages",
        QT_TRANSLATE_NOOP(CONTEXT, "{model} makes no sequential sets; turn Sequential off."),
        _sequential_not_taken,
    ),
    Rule(
        "maxSequentialImages",
        QT_TRANSLATE_NOOP(CONTEXT, "Sequential images must be {min}–{max} (got {value})."),
        _sequential_range,
    ),
    Rule(
        "maxSequentialImages",
        QT_TRANSLATE_NOOP(
            CONTEXT,
            "{refs} references + {seq} sequential images is {total}; together they may be at most {max}.",
        ),
        _refs_plus_sequential,
    ),
    Rule(
        "outputFormat", QT_TRANSLATE_NOOP(CONTEXT, "Format must be PNG, JPG or WEBP (got {value})."), _format
    ),
    Rule("outputQuality", QT_TRANSLATE_NOOP(CONTEXT, "Quality must be {min}–{max} (got {value})."), _quality),
    Rule(
        "seed",
        QT_TRANSLATE_NOOP(CONTEXT, "Seed must be a whole number from {min} to {max} (got {value})."),
        _seed,
    ),
    Rule(
        "ttl",
        QT_TRANSLATE_NOOP(CONTEXT, "Result links must live at least {min} seconds (got {value})."),
        _ttl,
    ),
    Rule(
        "safety",
        QT_TRANSLATE_NOOP(CONTEXT, "Safety check must be none, fast or full."),
        lambda r, m: _when(r.safety not in ("none", "fast", "full")),
    ),
    Rule(
        "deliveryMethod",
        QT_TRANSLATE_NOOP(CONTEXT, "Delivery must be async or sync."),
        lambda r, m: _when(r.delivery not in ("async", "sync")),
    ),
    Rule(
        "outputType",
        QT_TRANSLATE_NOOP(CONTEXT, "Output type must be URL, base64Data or dataURI."),
        lambda r, m: _when(r.output_type not in ("URL", "base64Data", "dataURI")),
    ),
)
