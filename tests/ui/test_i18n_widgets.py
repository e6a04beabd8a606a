"""Under zh_CN, no English is left in what the main window, the compose panel and the settings dialog show,
apart from proper names (Seedream, Runware), formats, sizes, key names, numbers and URLs.
"""

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
from seedream_desktop.ui.first_run import FirstRunDialog
from tests.ui.test_i18n_catalog import COMMITTED, build

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

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


def untranslated(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in shown_texts(root) if english_words(text)]


@pytest.fixture
def zh_cn(qapp, tmp_path_factory) -> Iterator[None]:
    """The committed zh_CN catalog compiled and installed (before any widget is built), removed after."""
    folder: Path = tmp_path_factory.mktemp("translations")
    build.compile_qm(COMMITTED, folder / "seedream_desktop_zh_CN.qm")
    installed = language.install_translators(qapp, "zh_CN", folder)
    assert len(installed) == 2
    yield
    language.remove_translators(qapp, installed)


def test_the_detector_sees_english_and_spares_names() -> None:
    assert english_words("Generate (Ctrl+Return)") == ["Generate"]
    assert english_words("生成(&G) (Ctrl+Return)") == []
    assert english_words("用 Seedream 4.0 生成 2K 16:9 PNG，见 https://my.runware.ai/wallet") == []
    assert english_words("<b>试用</b> my.runware.ai") == []
    assert english_words("文件：/tmp/library/2026-11-22/a-red-fox_s1.png") == []
    assert english_words("搜索提示词 — 灯塔, seed:42, is:fav") == []  # search operators are typed as they are


def test_without_translation_the_walk_finds_english(make_window) -> None:
    # The walk must see the texts: in English it reports a great many of them.
    window = make_window(None)
    found = untranslated(window)
    assert len(found) > 30
    assert any("&Generate" in line for line in found)


def test_main_window_compose_panel_and_settings_speak_chinese(zh_cn, make_window, qtbot) -> None:
    window = make_window(None)
    window.enter_demo()
    qtbot.waitUntil(window.demo_banner.isVisible, timeout=5000)
    found = untranslated(window)
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    found += untranslated(dialog)  # while the keychain is asked
    qtbot.waitUntil(lambda: dialog.key_state.text() != dialog.tr("Looking in the keychain…"), timeout=10_000)
    found += untranslated(dialog)  # and with its answer
    dialog.reject()
    welcome = FirstRunDialog(window)
    found += untranslated(welcome)
    welcome.deleteLater()
    assert not found, "untranslated English under zh_CN:\n" + "\n".join(found)
    texts = [text for _, text in shown_texts(window)]
    assert "生成(&G)" in texts and "提示词" in texts
