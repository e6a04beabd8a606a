"""The 17 output sizes Seedream 4.0 accepts through Runware, as tier × aspect-ratio presets."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SizePreset:
    """One of the model's fixed output sizes, named the way designers say it: "2K 16:9"."""

    tier: str  # "1K", "2K" or "4K"
    aspect: str  # "16:9" … written landscape-first as designers read it
    width: int
    height: int

    @property
    def key(self) -> str:
        """The stable identifier used in settings, the CLI and the journal: ``2K-16:9``."""
        return f"{self.tier}-{self.aspect}"

    @property
    def label(self) -> str:
        return f"{self.tier} {self.aspect}"

    @property
    def dimensions(self) -> str:
        return f"{self.width}×{self.height}"

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1_000_000

    @property
    def orientation(self) -> str:
        if self.width == self.height:
            return "square"
        return "landscape" if self.width > self.height else "portrait"


def _preset(tier: str, width: int, height: int, aspect: str) -> SizePreset:
    return SizePreset(tier, aspect, width, height)


# Runware's table for bytedance:5@0 (protocol.md §3.1). 1K exists only as a square.
SIZES: tuple[SizePreset, ...] = (
    _preset("1K", 1024, 1024, "1:1"),
    _preset("2K", 2048, 2048, "1:1"),
    _preset("2K", 2304, 1728, "4:3"),
    _preset("2K", 1728, 2304, "3:4"),
    _preset("2K", 2560, 1440, "16:9"),
    _preset("2K", 1440, 2560, "9:16"),
    _preset("2K", 2496, 1664, "3:2"),
    _preset("2K", 1664, 2496, "2:3"),
    _preset("2K", 3024, 1296, "21:9"),
    _preset("4K", 4096, 4096, "1:1"),
    _preset("4K", 4608, 3456, "4:3"),
    _preset("4K", 3456, 4608, "3:4"),
    _preset("4K", 5120, 2880, "16:9"),
    _preset("4K", 2880, 5120, "9:16"),
    _preset("4K", 4992, 3328, "3:2"),
    _preset("4K", 3328, 4992, "2:3"),
    _preset("4K", 6048, 2592, "21:9"),
)

TIERS: tuple[str, ...] = ("1K", "2K", "4K")
ASPECTS: tuple[str, ...] = ("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "21:9")
DEFAULT_SIZE: SizePreset = SIZES[1]  # 2K square: the model's own default

_BY_KEY = {s.key: s for s in SIZES}
_BY_DIMENSIONS = {(s.width, s.height): s for s in SIZES}
_SPEC = re.compile(r"^\s*(?:(?P<w>\d+)\s*[x×*]\s*(?P<h>\d+)|(?P<tier>[124])[kK][\s_-]*(?P<a>\d+:\d+))\s*$")


def by_key(key: str) -> SizePreset | None:
    return _BY_KEY.get(key)


def by_dimensions(width: int, height: int) -> SizePreset | None:
    return _BY_DIMENSIONS.get((width, height))


def parse_size(text: str) -> SizePreset | None:
    """Read a size the way people type it: ``2K-16:9``, ``2k 16:9`` or ``2560x1440``."""
    match = _SPEC.match(text)
    if not match:
        return None
    if match["w"]:
        return by_dimensions(int(match["w"]), int(match["h"]))
    return by_key(f"{match['tier']}K-{match['a']}")


def presets_in_tier(tier: str) -> tuple[SizePreset, ...]:
    return tuple(s for s in SIZES if s.tier == tier)


def tier_of(width: int, height: int) -> str:
    """The tier a pixel size belongs to, also for images the app did not make."""
    preset = by_dimensions(width, height)
    if preset:
        return preset.tier
    # By the long side, as people name resolutions: 1920×1080 is "2K", 6000×4000 is "4K".
    longest = max(width, height)
    if longest < 1536:
        return "1K"
    return "2K" if longest < 3584 else "4K"


def aspect_of(width: int, height: int) -> str:
    """The nearest named aspect ratio, so filters group foreign images sensibly too."""
    preset = by_dimensions(width, height)
    if preset:
        return preset.aspect
    if width <= 0 or height <= 0:
        return "1:1"
    ratio = width / height

    def distance(aspect: str) -> float:
        a, b = (int(x) for x in aspect.split(":"))
        return abs(ratio - a / b)

    return min(ASPECTS, key=distance)
