"""Qt widgets, item models and the bridge between worker threads and the GUI thread."""

from seedream_desktop.ui._immortal import make_singletons_immortal

# Before any Qt call: see _immortal.py (PySide6 6.12 drops references to None on CPython 3.11).
make_singletons_immortal()

import PySide6.QtCore  # noqa: E402, F401  (loads the import hook that _feature_hook.py speeds up)

from seedream_desktop.ui._feature_hook import answer_from_files  # noqa: E402

answer_from_files()  # before the ~60 modules of the window import
