"""The committed translation catalogs and building them into a temporary folder (tests of i18n)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "scripts" / "build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_translations", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


build = load_build_script()


COMMITTED = build.ts_path("zh_CN")
