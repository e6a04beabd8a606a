"""Under zh_CN, no English is left in what the main window, the compose panel and the settings dialog show,
apart from proper names (Seedream, Runware), formats, sizes, key names, numbers and URLs.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QWidget,
)

from seedream_desktop.ui.first_run import FirstRunDialog
from tests.helpers.chinese_ui import english_words, shown_texts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def untranslated(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in shown_texts(root) if english_words(text)]


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
