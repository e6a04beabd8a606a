"""Test modules share code only through tests/helpers/ and conftest.py: a test module imported by another
runs its tests' module-level set-up twice and ties two files' fixtures together."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
IMPORTS_A_TEST_MODULE = re.compile(
    r"^\s*(from\s+(tests(\.\w+)*\.)?\.*test_\w+\s+import|import\s+tests(\.\w+)*\.test_)", re.M
)


def test_no_test_module_imports_another() -> None:
    found = [
        f"{path.relative_to(TESTS)}: {match.group(0).strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        for match in IMPORTS_A_TEST_MODULE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, "move what they share into tests/helpers/ or a conftest fixture:\n" + "\n".join(found)
