"""The model registry: every Seedream-family model the app offers, with its limits, in one table.

Validation (api/request.py), the emulator's rules (emulator/validation.py), the size picker, the controls,
the cost estimate and the CLI all read this table, so a limit is written down exactly once.

Each value names the page it was read from. A model whose limits could not be confirmed is not listed
(Seedream 5.0 Pro, for one). Prices are list prices for the estimate only; the charged figure comes back
in each result's ``cost``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seedream_desktop.api.sizes import SIZES as SEEDREAM_40_SIZES
from seedream_desktop.api.sizes import SizePreset

# Pages the values below were read from.
RUNWARE_BYTEDANCE = "https://runware.ai/docs/en/providers/bytedance"  # fetched 2025-10-27
RUNWARE_40 = "https://runware.ai/docs/models/bytedance-seedream-4-0"
RUNWARE_45 = "https://runware.ai/docs/models/bytedance-seedream-4-5"
RUNWARE_45_PROMPTING = "https://runware.ai/docs/models/bytedance-seedream-4-5/guides/prompting"
RUNWARE_50_LITE = "https://runware.ai/docs/models/bytedance-seedream-5-0-lite"
RUNWARE_50_LITE_EXAMPLES = "https://runware.ai/docs/models/bytedance-seedream-5-0-lite/examples"
BYTEPLUS_45_SIZE = "https://novita.ai/docs/api-reference/model-apis-seedream-4.5"  # BytePlus's size rule
BYTEPLUS_50_LITE_SIZE = "https://docs.jiekou.ai/en/docs/models/reference-seedream-5.0-lite"
SEEDREAM_5_LITE_SIZES_PAGE = "https://docs.apimart.ai/en/api-reference/images/seedream-5-lite/generation"


@dataclass(frozen=True, slots=True)
class Model:
    """One model as the designer picks it, with every rule the app checks before sending."""

    id: str  # Runware's AIR id, sent as ``model``
    name: str  # what the designer reads
    short_names: tuple[str, ...]  # what the CLI accepts besides the id
    # The sizes the picker offers. Empty: the output takes the reference image's shape (SeedEdit).
    sizes: tuple[SizePreset, ...]
    default_size: SizePreset | None
    prompt_min: int
    prompt_max: int
    references_min: int
    references_max: int
    sequential_max: int  # 0: no sequential (group) generation
    refs_plus_sequential_max: int
    optimize_prompt_modes: tuple[str, ...]  # providerSettings.bytedance.optimizePromptMode values
    cfg_scale: tuple[float, float, float] | None  # (min, max, default) of CFGScale, if the model takes it
    price_per_image_usd: float

    @property
    def sends_dimensions(self) -> bool:
        return bool(self.sizes)

    @property
    def takes_sequential(self) -> bool:
        return self.sequential_max > 0

    def size_by_key(self, key: str) -> SizePreset | None:
        return next((s for s in self.sizes if s.key == key), None)

    def size_by_dimensions(self, width: int, height: int) -> SizePreset | None:
        return next((s for s in self.sizes if (s.width, s.height) == (width, height)), None)

    def parse_size(self, text: str) -> SizePreset | None:
        """One of this model's sizes as people type it: ``2K-16:9``, ``3k 16:9`` or ``2848x1600``."""
        match = _SIZE_SPEC.match(text)
        if not match:
            return None
        if match["w"]:
            return self.size_by_dimensions(int(match["w"]), int(match["h"]))
        return self.size_by_key(f"{match['tier']}K-{match['a']}")

    def nearest_size(self, preset: SizePreset) -> SizePreset | None:
        """The valid size closest to ``preset``: same shape first, then the closest pixel count."""
        if not self.sizes:
            return None
        if preset in self.sizes:
            return preset
        ratio = preset.width / preset.height

        def distance(s: SizePreset) -> tuple[float, float]:
            return (abs(s.width / s.height - ratio), abs(s.width * s.height - preset.width * preset.height))

        return min(self.sizes, key=distance)


_SIZE_SPEC = re.compile(r"^\s*(?:(?P<w>\d+)\s*[x×*]\s*(?P<h>\d+)|(?P<tier>\d)[kK][\s_-]*(?P<a>\d+:\d+))\s*$")


def _p(tier: str, aspect: str, width: int, height: int) -> SizePreset:
    return SizePreset(tier, aspect, width, height)


# Seedream 4.5 takes 3,686,400–16,777,216 pixels (BYTEPLUS_45_SIZE; the 4.5 model page says "2K to 4K"),
# so of 4.0's table every 2K and 4K size fits and 1K (1,048,576 px) does not.
SEEDREAM_45_MIN_PIXELS, SEEDREAM_45_MAX_PIXELS = 3_686_400, 16_777_216
SEEDREAM_45_SIZES: tuple[SizePreset, ...] = tuple(
    s for s in SEEDREAM_40_SIZES if SEEDREAM_45_MIN_PIXELS <= s.width * s.height <= SEEDREAM_45_MAX_PIXELS
)

# Seedream 5.0 Lite: 2K and 3K only, 3,686,400–10,404,496 pixels (BYTEPLUS_50_LITE_SIZE); its 2K 16:9 is
# 2848×1600, not 4.0's 2560×1440, and 3K 1:1 / 16:9 are 3072×3072 / 4096×2304 (SEEDREAM_5_LITE_SIZES_PAGE).
SEEDREAM_50_LITE_MIN_PIXELS, SEEDREAM_50_LITE_MAX_PIXELS = 3_686_400, 10_404_496
SEEDREAM_50_LITE_SIZES: tuple[SizePreset, ...] = (
    _p("2K", "1:1", 2048, 2048),
    _p("2K", "4:3", 2304, 1728),
    _p("2K", "3:4", 1728, 2304),
    _p("2K", "16:9", 2848, 1600),
    _p("2K", "9:16", 1600, 2848),
    _p("2K", "3:2", 2496, 1664),
    _p("2K", "2:3", 1664, 2496),
    _p("2K", "21:9", 3136, 1344),
    _p("3K", "1:1", 3072, 3072),
    _p("3K", "4:3", 3456, 2592),
    _p("3K", "3:4", 2592, 3456),
    _p("3K", "16:9", 4096, 2304),
    _p("3K", "9:16", 2304, 4096),
    _p("3K", "3:2", 3744, 2496),
    _p("3K", "2:3", 2496, 3744),
    _p("3K", "21:9", 4704, 2016),
)

SEEDREAM_40 = Model(
    id="bytedance:5@0",  # RUNWARE_40
    name="Seedream 4.0",
    short_names=("4.0", "seedream-4.0", "seedream4"),
    sizes=SEEDREAM_40_SIZES,  # the 17-size table, RUNWARE_40 "Compatibility & Validation"
    default_size=SEEDREAM_40_SIZES[1],
    prompt_min=1,  # RUNWARE_BYTEDANCE: "Positive prompt: 1-2000 characters"
    prompt_max=2000,
    references_min=0,
    references_max=14,  # RUNWARE_BYTEDANCE: "up to 14 images via referenceImages"
    sequential_max=15,  # RUNWARE_BYTEDANCE: maxSequentialImages Min 1 Max 15
    refs_plus_sequential_max=15,  # RUNWARE_BYTEDANCE: "cannot exceed 15 total"
    optimize_prompt_modes=(),  # RUNWARE_BYTEDANCE lists only maxSequentialImages for 4.0
    cfg_scale=None,
    price_per_image_usd=0.03,  # RUNWARE_40 "Pricing": $0.03 per image
)

SEEDREAM_45 = Model(
    id="bytedance:seedream@4.5",  # RUNWARE_45 (AIR id as Runware clients send it)
    name="Seedream 4.5",
    short_names=("4.5", "seedream-4.5", "seedream45"),
    sizes=SEEDREAM_45_SIZES,
    default_size=SEEDREAM_45_SIZES[0],  # 2K 1:1
    prompt_min=1,
    prompt_max=2000,  # RUNWARE_45_PROMPTING: "The prompt budget runs to 2000 characters"
    references_min=0,
    references_max=14,  # RUNWARE_45: "It supports up to 14 reference images"
    sequential_max=15,  # BYTEPLUS_45_SIZE: max images [1, 15], inputs + outputs ≤ 15
    refs_plus_sequential_max=15,
    optimize_prompt_modes=("standard", "fast"),  # issue 18 / Runware providerSettings.bytedance
    cfg_scale=None,
    # No Runware price was readable; $0.04 is the price every reseller quotes (infr.sh, muvi, routeway).
    price_per_image_usd=0.04,
)

SEEDREAM_50_LITE = Model(
    id="bytedance:seedream@5.0-lite",  # RUNWARE_50_LITE
    name="Seedream 5.0 Lite",
    short_names=("5.0-lite", "5-lite", "seedream-5.0-lite", "lite"),
    sizes=SEEDREAM_50_LITE_SIZES,
    default_size=SEEDREAM_50_LITE_SIZES[0],
    prompt_min=1,
    prompt_max=2000,  # same budget as 4.5 (RUNWARE_45_PROMPTING); the 5.0 Lite page shows no other
    references_min=0,
    # RUNWARE_50_LITE's summary says "a single reference image", yet its own example sends 8
    # (RUNWARE_50_LITE_EXAMPLES) and BytePlus documents 1–14 (BYTEPLUS_50_LITE_SIZE): 14 it is.
    references_max=14,
    sequential_max=15,  # BYTEPLUS_50_LITE_SIZE: group images, inputs + outputs ≤ 15
    refs_plus_sequential_max=15,
    optimize_prompt_modes=("standard", "fast"),
    cfg_scale=None,
    price_per_image_usd=0.035,  # no Runware price readable; BytePlus seedream-5-0 is $0.035
)

SEEDEDIT_30 = Model(
    id="bytedance:4@1",  # RUNWARE_BYTEDANCE "Model AIR ID: bytedance:4@1"
    name="SeedEdit 3.0",
    short_names=("seededit", "seededit-3.0", "edit"),
    sizes=(),  # RUNWARE_BYTEDANCE: "Aspect ratio inherited from reference image (up to 4K)"
    default_size=None,
    prompt_min=2,  # RUNWARE_BYTEDANCE: "Positive prompt: 2-500 characters"
    prompt_max=500,
    references_min=1,  # RUNWARE_BYTEDANCE: "referenceImages with 1 image (required)"
    references_max=1,
    sequential_max=0,
    refs_plus_sequential_max=1,
    optimize_prompt_modes=(),
    cfg_scale=(1.0, 10.0, 5.5),  # RUNWARE_BYTEDANCE: "CFG Scale: 1-10 (default: 5.5)"
    price_per_image_usd=0.03,  # fal.ai's SeedEdit 3.0 page: $0.03 per image; no Runware figure readable
)

MODELS: tuple[Model, ...] = (SEEDREAM_40, SEEDREAM_45, SEEDREAM_50_LITE, SEEDEDIT_30)
DEFAULT_MODEL = SEEDREAM_40
_BY_ID = {m.id: m for m in MODELS}


def model_by_id(model_id: str | None) -> Model | None:
    """The model for an id; None (a journal row from before models were a choice) means Seedream 4.0."""
    if model_id is None:
        return DEFAULT_MODEL
    return _BY_ID.get(model_id)


def find_model(text: str) -> Model | None:
    """A model from what a person types: its id, its name or a short name, any case."""
    wanted = text.strip().lower()
    for model in MODELS:
        if wanted in (model.id.lower(), model.name.lower(), *model.short_names):
            return model
    return None


def all_tiers(models: tuple[Model, ...] = MODELS) -> tuple[str, ...]:
    """Every tier any model offers, smallest first ("1K", "2K", "3K", "4K")."""
    return tuple(sorted({s.tier for m in models for s in m.sizes}, key=lambda t: int(t[:-1])))


def table_markdown() -> str:
    """docs/models.md's table, written from this registry (a test keeps the file equal to it)."""
    lines = [
        "| Model | Runware id | Sizes | Prompt | References | Sequential | Options | ≈ USD / image |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in MODELS:
        tiers = "/".join(dict.fromkeys(s.tier for s in m.sizes)) or "the reference's shape"
        sizes = f"{tiers} ({len(m.sizes)})" if m.sizes else tiers
        if m.references_min == m.references_max:
            refs = f"exactly {m.references_max}"
        else:
            refs = (
                f"{m.references_min}–{m.references_max}" if m.references_min else f"up to {m.references_max}"
            )
        seq = (
            f"up to {m.sequential_max} (refs + set ≤ {m.refs_plus_sequential_max})"
            if m.sequential_max
            else "no"
        )
        options = (
            [f"optimizePromptMode {' or '.join(m.optimize_prompt_modes)}"] if m.optimize_prompt_modes else []
        )
        if m.cfg_scale:
            options.append(f"CFGScale {m.cfg_scale[0]:g}–{m.cfg_scale[1]:g} (default {m.cfg_scale[2]:g})")
        lines.append(
            f"| {m.name} | `{m.id}` | {sizes} | {m.prompt_min}–{m.prompt_max} chars | {refs} | {seq} | "
            f"{'; '.join(options) or '—'} | {m.price_per_image_usd:.3f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table_markdown(), end="")
