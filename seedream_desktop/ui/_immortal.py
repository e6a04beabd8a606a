"""WORKAROUND for PySide6 6.12.0 on CPython 3.11: every void-returning Qt call drops a reference to None.

Each ``QLabel.setText()``, ``setEnabled()``, a model's ``data()`` returning None … decrements None's
reference count without having incremented it; a few thousand calls later CPython aborts with
"Fatal Python error: none_dealloc". CPython 3.12+ made None, True and False immortal (PEP 683), so the
bug is invisible there. On 3.11 we give these singletons a reference count so large that no session
can exhaust it, which is what 3.12 does by design. Remove when PySide6 is fixed or 3.11 is dropped.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 48  # references; millions of Qt calls per second would take years to use them up
_done = False


def make_singletons_immortal() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every CPython 3.11 object header.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _done = True
