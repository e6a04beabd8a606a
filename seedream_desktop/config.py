"""Where things live (platformdirs, movable by environment variables) and the user's settings.

Settings are declared once, with name, default, type and help; that one table drives the JSON file,
the CLI and the settings dialog. Secrets never go here: see ``secrets.py``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seedream_desktop.api import DEFAULT_API_URL
from seedream_desktop.atomic import atomic_write

APP_DIR_NAME = "seedream-desktop"

ENV_API_URL = "SEEDREAM_API_URL"
ENV_API_KEY = "SEEDREAM_API_KEY"
ENV_LIBRARY = "SEEDREAM_LIBRARY"
ENV_HOME = "SEEDREAM_HOME"


@dataclass(frozen=True, slots=True)
class Paths:
    """Config, data and cache folders. ``SEEDREAM_HOME`` puts them all under one root."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def from_environment(cls) -> Paths:
        home = os.environ.get(ENV_HOME)
        if home:
            root = Path(home).expanduser()
            return cls(root / "config", root / "data", root / "cache")
        import platformdirs  # ~5 ms of imports that a start under SEEDREAM_HOME need not pay

        return cls(
            Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def journal_file(self) -> Path:
        return self.data / "jobs.sqlite3"

    @property
    def thumbnails(self) -> Path:
        return self.cache / "thumbnails"

    def default_library(self) -> Path:
        home = os.environ.get(ENV_HOME)
        if home:
            return Path(home).expanduser() / "library"
        import platformdirs

        return Path(platformdirs.user_pictures_dir()) / "Seedream"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    kind: type
    help: str


# The one declaration of every setting (help texts are shown by the CLI; the dialog has its own labels).
SETTINGS: tuple[Setting, ...] = (
    Setting("api_url", DEFAULT_API_URL, str, "Runware API base URL"),
    Setting("library", "", str, "Library folder (empty: the default Pictures/Seedream folder)"),
    Setting("output_format", "PNG", str, "Default output format: PNG, JPG or WEBP"),
    Setting("output_quality", 95, int, "Default output quality (20–99)"),
    Setting("size", "2K-1:1", str, "Default output size, e.g. 2K-16:9"),
    Setting("daily_budget_usd", 0.0, float, "Daily spending cap in USD (0 = no cap)"),
    Setting("language", "", str, "Interface language: '' follows the system, 'en' or 'zh_CN'"),
    Setting("safety", "none", str, "Content safety check: none, fast or full"),
    Setting("start_in", "", str, "Starting without a key: '' welcome, 'demo' or 'window'"),
    Setting(
        "xmp_sidecars",
        "darktable",
        str,
        "Marks as XMP sidecars: 'darktable' (photo.png.xmp), 'lightroom' (photo.xmp) or 'off'",
    ),
    Setting(
        "xmp_in_files",
        False,
        bool,
        "Also write marks into the XMP inside JPEG, PNG and WEBP files (rewrites them; pixels untouched)",
    ),
    Setting("export", {}, dict, "The export's last choices (folder, format, size, metadata, names)"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """The user's settings, read from and written (atomically) to ``settings.json``."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._values: dict[str, Any] = {}
        try:
            raw = json.loads(paths.settings_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, OSError):
            raw = {}
        if isinstance(raw, dict):
            for name, value in raw.items():
                spec = _BY_NAME.get(name)
                if spec is not None:
                    try:
                        self._values[name] = spec.kind(value)
                    except (TypeError, ValueError):
                        continue  # a hand-edited bad value falls back to the default
                elif not name.startswith("_"):
                    self._values[name] = value  # keep what a newer version wrote

    def get(self, name: str) -> Any:
        if name in _BY_NAME:
            return self._values.get(name, _BY_NAME[name].default)
        return self._values.get(name)

    def set(self, name: str, value: Any) -> None:
        spec = _BY_NAME.get(name)
        self._values[name] = spec.kind(value) if spec else value
        self.save()

    def save(self) -> None:
        text = json.dumps(self._values, indent=2, ensure_ascii=False, sort_keys=True)
        # Private (0600), as before: the person's own settings in their own config folder, which no one
        # else needs to read; secrets never go here, but a hand-edited file may hold anything.
        atomic_write(self.paths.settings_file, text.encode("utf-8"), private=True)

    # ---- values that environment variables override --------------------------------------------
    @property
    def api_url(self) -> str:
        return os.environ.get(ENV_API_URL) or str(self.get("api_url")) or DEFAULT_API_URL

    @property
    def library(self) -> Path:
        env = os.environ.get(ENV_LIBRARY)
        if env:
            return Path(env).expanduser()
        chosen = str(self.get("library") or "")
        return Path(chosen).expanduser() if chosen else self.paths.default_library()
