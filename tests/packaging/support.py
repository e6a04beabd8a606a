"""Shared by the packaging tests: the repository root and the modules under packaging/, loaded by path."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


def module_at(relative: str) -> ModuleType:
    """A module of packaging/ or scripts/, loaded by path: neither folder is a package (and `packaging` is
    a PyPI name we must not shadow)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(f"_seedream_{path.parent.name}_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tool(name: str) -> str:
    """A system tool's path; scripts/setup.sh test installs them, so missing is a skip, not a failure."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/setup.sh test installs it)")
    return path
