"""Qt widgets, item models and the bridge between worker threads and the GUI thread."""

from seedream_desktop.ui._allocator import large_allocations_from_mmap
from seedream_desktop.ui._immortal import make_singletons_immortal

# Before any Qt call: see _immortal.py (PySide6 6.12 drops references to None on CPython 3.11).
make_singletons_immortal()
# Before any image is decoded: see _allocator.py (workers' big allocations must not hold the GIL long).
large_allocations_from_mmap()

import PySide6.QtCore  # noqa: E402, F401  (loads the import hook that _feature_hook.py speeds up)

from seedream_desktop.ui._feature_hook import answer_from_files  # noqa: E402

answer_from_files()  # before the ~60 modules of the window import
