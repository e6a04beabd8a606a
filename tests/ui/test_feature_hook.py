"""ui/_feature_hook.py: PySide6's import hook gets the same answers, read from the module's file."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from seedream_desktop.ui import _feature_hook


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature)

    module = sys.modules["shibokensupport.feature"]
    original = module._mod_uses_pyside
    if getattr(original, "reads_files", False):  # the app's start-up ran in this process already
        original = original.__closure__[0].cell_contents  # type: ignore[union-attr]
    monkeypatch.setattr(module, "_mod_uses_pyside", original)  # put back after the test
    return module


def module_from(path: Path, text: str) -> types.ModuleType:
    path.write_text(text, encoding="utf-8")
    module = types.ModuleType(path.stem)
    module.__file__ = str(path)
    return module


def test_the_hook_answers_from_the_file_as_pyside_did(feature, tmp_path: Path) -> None:
    original = feature._mod_uses_pyside
    uses = module_from(tmp_path / "uses.py", "from PySide6.QtCore import QObject\n")
    plain = module_from(tmp_path / "plain.py", "import json\n")
    _feature_hook.answer_from_files()
    hook = feature._mod_uses_pyside
    assert hook is not original and hook.reads_files
    assert hook(uses) is True and hook(plain) is False
    assert hook(sys) == original(sys)  # a built-in module has no file: PySide's own answer


def test_a_missing_file_and_a_second_install_fall_back_and_change_nothing(feature, tmp_path: Path) -> None:
    original = feature._mod_uses_pyside
    asked: list[str] = []
    feature._mod_uses_pyside = lambda module: asked.append(module.__name__) or False
    _feature_hook.answer_from_files()
    hook = feature._mod_uses_pyside
    _feature_hook.answer_from_files()
    assert feature._mod_uses_pyside is hook  # idempotent
    gone = module_from(tmp_path / "gone.py", "")
    (tmp_path / "gone.py").unlink()
    assert hook(gone) is False and asked == ["gone"]
    feature._mod_uses_pyside = original


def test_another_pyside_layout_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
    _feature_hook.answer_from_files()  # nothing to patch: no error, nothing installed


def test_importing_ui_patches_nothing_the_app_start_up_does() -> None:
    import subprocess

    script = (
        "import sys, seedream_desktop.ui\n"
        "print('PySide6' in sys.modules)\n"
        "from seedream_desktop.app import install_runtime_patches\n"
        "install_runtime_patches()\n"
        "print(sys.modules['shibokensupport.feature']._mod_uses_pyside.reads_files)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "True"]
