"""Qt widgets, item models and the bridge between worker threads and the GUI thread."""

from seedream_desktop.ui._immortal import make_singletons_immortal

# Before any Qt call: see _immortal.py (PySide6 6.12 drops references to None on CPython 3.11).
make_singletons_immortal()
