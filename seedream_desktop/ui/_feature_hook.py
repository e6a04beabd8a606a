"""WORKAROUND for PySide6's feature import hook (``shibokensupport.feature._mod_uses_pyside``).

Upstream: the hook came with PYSIDE-2029 (PySide6 6.4, "inspect imported modules for PySide usage")
and is unchanged up to 6.11.3 (the newest this app runs on); no upstream report of its cost was found
and no release fixes it. After PySide6 is imported it asks of every module imported whether its source
mentions "PySide6", through ``inspect.getsource()``, whose ``inspect.getmodule()`` walks all of
``sys.modules`` each time: ~0.15 ms a module, ~13 ms before our first frame. The same question is
answered here from the module file's bytes. Remove when PySide asks cheaply (check
``python -m bench gui``'s start-up with and without this).
"""

from __future__ import annotations

import sys
from types import ModuleType


def answer_from_files() -> None:
    """Replace the hook's source search; anything that is not a plain .py file still goes to PySide's."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_files", False):
        return  # another PySide6 layout, or already done: leave it as it is

    def _mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    _mod_uses_pyside.reads_files = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = _mod_uses_pyside  # type: ignore[attr-defined]
