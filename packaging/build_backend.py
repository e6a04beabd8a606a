"""PEP 517 backend: setuptools, after compiling stale Qt translations (.ts → .qm) so every wheel carries them.

The .qm files are build outputs (not in git). When they are missing or older than their .ts, the build
asks for PySide6-Essentials (its lrelease) in the isolated build environment and compiles them; when
they are fresh (a developer checkout after scripts/build_translations.py, or an sdist) it asks for
nothing more than setuptools. Editable installs are left alone: they read the source tree as it is.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (every PEP 517 hook we do not override)

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
QT_FOR_BUILD = "PySide6-Essentials>=6.7"


def stale_catalogs(folder: Path = TRANSLATIONS) -> list[tuple[Path, Path]]:
    """(.ts, .qm) pairs whose .qm is missing or older than the .ts."""
    pairs = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
            pairs.append((ts, qm))
    return pairs


def lrelease() -> Path:
    try:
        import PySide6
    except ImportError as exc:
        raise RuntimeError(
            f"Compiling the translations needs {QT_FOR_BUILD} in the build environment "
            "(pip provides it unless --no-build-isolation is given; then install it first)."
        ) from exc
    tool = Path(PySide6.__file__).resolve().parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
    if not tool.is_file():
        raise RuntimeError(f"{tool} is missing from the PySide6 wheel")
    return tool


def compile_translations(folder: Path = TRANSLATIONS) -> list[Path]:
    """Compiles the stale catalogs with the flags scripts/build_translations.py uses; returns the .qm written."""
    written = []
    for ts, qm in stale_catalogs(folder):
        subprocess.run(
            [str(lrelease()), "-silent", "-removeidentical", str(ts), "-qm", str(qm)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        written.append(qm)
    return written


def _qt_if_needed() -> list[str]:
    return [QT_FOR_BUILD] if stale_catalogs() else []


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_wheel(config_settings), *_qt_if_needed()]


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_sdist(config_settings), *_qt_if_needed()]


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    compile_translations()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    compile_translations()
    return _setuptools.build_sdist(sdist_directory, config_settings)
