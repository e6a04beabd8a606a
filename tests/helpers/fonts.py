"""The fonts a test prefers for Chinese text (the preferred_fonts fixture)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont


@pytest.fixture
def preferred_fonts(qapp) -> Iterator[str]:
    """The interface font's substitutions, restored after the test (they are process-wide)."""
    base = QFont().family()
    before = QFont.substitutes(base)
    yield base
    QFont.removeSubstitutions(base)
    if before:
        QFont.insertSubstitutions(base, before)
