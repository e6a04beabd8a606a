"""The window in Simplified Chinese (the zh_cn fixture) and reading what a widget tree shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from seedream_desktop.ui import language
from tests.helpers.catalog import COMMITTED, build

# Words that stay as they are in a Chinese interface: names, formats, units, key names.
NAMES = {
    "Seedream",
    "SeedEdit",  # model and provider names are never translated (api/models.py)
    "Lite",
    "BytePlus",
    "ModelArk",
    "Desktop",
    "Runware",
    "ByteDance",
    "GNOME",
    "Keyring",
    "KWallet",
    "Secret",
    "Service",
    "Linux",
    "XMP",  # the photo world's metadata standard, and the tools that read it
    "darktable",
    "digiKam",
    "Lightroom",
    "Bridge",
}


FORMATS = {"API", "URL", "PNG", "JPG", "JPEG", "WEBP", "WebP", "SEEDREAM_API_KEY", "base64Data", "dataURI"}


UNITS = {"kB", "KB", "MB", "GB", "MP", "px", "mm"}


KEYS = {"Ctrl", "Alt", "Shift", "Enter", "Return", "Esc", "Delete", "Del", "Tab", "Space", "Backspace"}


KEYS |= {"Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDown", "Meta", "Cmd"}
# "English": the language list names each language in itself.
KEPT = NAMES | FORMATS | UNITS | KEYS | {"English"}


URL = re.compile(r"https?://\S+|\b[\w-]+(\.[\w-]+)+\b")  # links and host names (my.runware.ai, 127.0.0.1)


PATH = re.compile(r"(?<![\w.])(/|[A-Za-z]:\\)\S+")  # the person's files and folders


TAG = re.compile(r"<[^>]+>|&\w+;")


# Library search operators the person types as they are: seed:42, is:fav, rating>=3, date<2025-10.
SYNTAX = re.compile(r"\b[a-z]+(?::|>=|<=|>|<)\w+")


WORD = re.compile(r"[A-Za-z][A-Za-z_0-9]+")


def english_words(text: str) -> list[str]:
    """Latin words of two letters or more that are not kept names: untranslated English."""
    text = SYNTAX.sub(" ", PATH.sub(" ", URL.sub(" ", TAG.sub(" ", text))))
    return [w for w in WORD.findall(text) if w not in KEPT and not re.fullmatch(r"\d+[KkMm]?", w)]


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can see or hear (screen reader) in ``root`` and its children."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__}#{widget.objectName()}"
        texts = [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        texts += [widget.accessibleName(), widget.accessibleDescription()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            texts.append(widget.placeholderText())  # the field's content is the person's, not ours
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractSpinBox):
            texts.append(widget.specialValueText())
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            texts += [widget.prefix(), widget.suffix()]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        for text in texts:
            if text:
                yield where, text
    for action in root.findChildren(QAction):
        for text in (action.text(), action.toolTip(), action.statusTip(), action.iconText()):
            if text:
                yield f"QAction#{action.objectName()}", text


@pytest.fixture
def zh_cn(qapp, tmp_path_factory) -> Iterator[None]:
    """The committed zh_CN catalog compiled and installed (before any widget is built), removed after."""
    folder: Path = tmp_path_factory.mktemp("translations")
    build.compile_qm(COMMITTED, folder / "seedream_desktop_zh_CN.qm")
    installed = language.install_translators(qapp, "zh_CN", folder)
    assert len(installed) == 2
    yield
    language.remove_translators(qapp, installed)
