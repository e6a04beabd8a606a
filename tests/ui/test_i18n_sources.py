"""No English literal goes straight into a widget: every text handed to a Qt text setter in ui/ comes from
self.tr / QCoreApplication.translate (or is data: names, numbers). Catches texts the widget walk cannot
reach (a dialog opened only on error, a menu built on demand).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "seedream_desktop" / "ui"

# Calls whose arguments are shown to the person.
TEXT_CALLS = {
    *("setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText"),
    *("setAccessibleName", "setAccessibleDescription", "setTitle", "setTabText", "setIconText", "setHtml"),
    *("addItem", "addItems", "insertItem", "addTab", "insertTab", "addMenu", "addAction", "addRow"),
    *("setSpecialValueText", "setPrefix", "setSuffix", "setLabelText", "setHeaderLabels"),
    *("information", "warning", "critical", "question", "getText", "getItem"),
    *("QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QAction", "QGroupBox", "QToolButton", "QMenu"),
}
# Only the first argument is text: the rest are a kind ("error") or a timeout.
FIRST_ONLY = {"showMessage", "show_message"}
LOGGERS = {"log", "logger", "logging"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _called(func: ast.expr) -> tuple[str, str]:
    if isinstance(func, ast.Name):
        return "", func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return owner, func.attr
    return "", ""


def _literals(node: ast.expr) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield from (v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))


def untranslated_literals(source: str, filename: str = "<source>") -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        owner, name = _called(node.func)
        if owner in LOGGERS or name not in TEXT_CALLS | FIRST_ONLY:
            continue
        args = node.args[:1] if name in FIRST_ONLY else node.args
        for arg in args:
            for text in _literals(arg):
                if WORDS.search(text):
                    found.append(f"{filename}:{node.lineno}: {name}({text!r})")
    return found


def test_the_scan_spots_a_literal_given_to_a_widget() -> None:
    source = (
        'label.setText("Hello")\n'
        'button = QPushButton(f"Save {name}", self)\n'
        'banner.show_message(self.tr("Saved"), "info")\n'
        'label.setText(self.tr("Hello"))\n'
        'close.setText("×")\n'
        'log.warning("not for people")\n'
    )
    assert untranslated_literals(source) == [
        "<source>:1: setText('Hello')",
        "<source>:2: QPushButton('Save ')",
    ]


def test_no_ui_code_hands_an_untranslated_literal_to_a_widget() -> None:
    found = [
        line
        for path in sorted(UI.rglob("*.py"))
        for line in untranslated_literals(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    ]
    assert not found, "wrap these in self.tr() / QCoreApplication.translate():\n" + "\n".join(found)
