"""Chinese renders: a CJK font is found and draws every Chinese character of the zh_CN translation; with
none, the app says which package to install.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QRawFont

from seedream_desktop import app
from seedream_desktop.ui import fonts, language
from tests.helpers.catalog import COMMITTED, build


def is_cjk(ch: str) -> bool:
    # CJK radicals to Yi syllables, and the full-width punctuation (，：（）) Chinese text uses.
    return 0x2E80 <= ord(ch) <= 0xA4CF or 0xFF00 <= ord(ch) <= 0xFFEF


def test_a_cjk_font_is_found_and_draws_chinese(qapp) -> None:
    family = fonts.cjk_font_family()
    assert family is not None, fonts.missing_font_message()
    assert fonts.draws_chinese(family)
    assert not fonts.draws_chinese("DejaVu Sans")  # a Latin-only face is not taken for one


def test_the_font_draws_every_character_of_the_translation(qapp) -> None:
    family = fonts.cjk_font_family()
    assert family is not None
    raw = QRawFont.fromFont(QFont(family))
    text = "".join("".join(m.forms()) for m in build.read_ts(COMMITTED).messages())
    used = {ch for ch in text if is_cjk(ch)}
    assert len(used) > 300  # the catalog really is Chinese
    missing = sorted(ch for ch in used if not raw.supportsCharacter(ord(ch)))
    assert not missing, f"{family} has no glyph for {''.join(missing)}"


def test_prefers_the_cjk_font_for_han_characters(preferred_fonts: str) -> None:
    assert fonts.check_cjk_font() == ""
    family = fonts.cjk_font_family()
    assert family is not None
    substitutes = QFont.substitutes(preferred_fonts)
    assert family.lower() in substitutes
    # The first substitute that draws Han characters is the Simplified Chinese face …
    assert next(f for f in substitutes if fonts.draws_chinese(f)) == family.lower()
    fonts.prefer_cjk_font(family)
    assert QFont.substitutes(preferred_fonts) == substitutes  # not added twice


def test_curly_quotes_in_english_keep_the_latin_glyphs(preferred_fonts: str) -> None:
    """With the CJK face first, “image 1” got its full-width quotes, as wide as a Han character."""
    from PySide6.QtGui import QFontMetrics

    plain = QFontMetrics(QFont()).horizontalAdvance("“")
    family = fonts.cjk_font_family()
    assert family is not None
    fonts.prefer_cjk_font(family)
    metrics = QFontMetrics(QFont())
    assert metrics.horizontalAdvance("“") == plain
    assert metrics.horizontalAdvance("“") < metrics.horizontalAdvance("灯")  # Han still drawn, full width


def test_without_a_cjk_font_it_says_what_to_install(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.QFontDatabase, "families", lambda *_: ["DejaVu Sans"])
    assert fonts.cjk_font_family() is None
    message = fonts.check_cjk_font()
    assert "empty boxes" in message
    if sys.platform.startswith("linux"):
        assert "sudo apt install fonts-noto-cjk" in message


@pytest.fixture
def shipped_catalogs() -> None:
    for code in ("zh_CN", "en"):  # compiled as scripts/setup.sh does (a no-op when up to date)
        build.compile_qm(build.ts_path(code), build.qm_path(code), only_if_stale=True)


def test_start_up_installs_chinese_when_a_font_draws_it(qapp, preferred_fonts: str, shipped_catalogs) -> None:
    translators, note = app.install_translations(qapp, "zh_CN")
    try:
        assert note == ""
        assert len(translators) == 2
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "设置"
    finally:
        language.remove_translators(qapp, translators)


def test_without_a_cjk_font_start_up_stays_english_and_says_why(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shipped_catalogs
) -> None:
    monkeypatch.setattr(fonts.QFontDatabase, "families", lambda *_: ["DejaVu Sans"])
    translators, note = app.install_translations(qapp, "zh_CN")
    try:
        assert "empty boxes" in note
        assert "empty boxes" in capsys.readouterr().err
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"
        assert QCoreApplication.translate("StatusBar", "%n queued", None, 2) == "2 queued"
    finally:
        language.remove_translators(qapp, translators)
    translators, note = app.install_translations(qapp, "en")
    language.remove_translators(qapp, translators)
    assert note == ""  # an English interface needs no banner
