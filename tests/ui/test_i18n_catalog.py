"""The zh_CN catalog: every user-visible string in the code has a finished translation that keeps its
placeholders, and the build script (lupdate + our AST pass, lrelease) finds, keeps and compiles them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from seedream_desktop.ui import language
from tests.helpers.catalog import COMMITTED, build


def test_every_user_visible_string_has_a_finished_zh_CN_translation() -> None:
    # lupdate runs over the sources into a temporary catalog; the committed .ts must translate all of it.
    catalog, _vanished = build.fresh_catalog("zh_CN", COMMITTED)
    found = build.problems(catalog)
    assert not found, (
        "missing or broken zh_CN translations (run scripts/build_translations.py):\n" + "\n".join(found)
    )
    contexts = set(catalog.contexts)
    # The core's messages (constant contexts) and the window's actions (through _tr) are in it too.
    assert {"Errors", "WindowActions", "MainWindow", "SettingsDialog", "ReferenceTray"} <= contexts


def test_every_plural_has_its_english_forms() -> None:
    catalog, _vanished = build.fresh_catalog("en", build.ts_path("en"))
    found = build.problems(catalog)
    assert not found, "missing English plural forms (run scripts/build_translations.py):\n" + "\n".join(found)
    assert catalog.messages() and all(m.numerus for m in catalog.messages())  # plurals only


# A message the committed catalog translates (whichever comes first), for the sample package to reuse.
KNOWN = next(m for m in build.read_ts(COMMITTED).contexts["WindowActions"] if m.finished)
PACKAGE_FILES = {
    "__init__.py": "",
    "core.py": (
        "from seedream_desktop.i18n import QT_TRANSLATE_NOOP\n"
        'CONTEXT = "Errors"\n'
        'GONE = QT_TRANSLATE_NOOP(CONTEXT, "A core message nobody translated: {detail}")\n'
    ),
    "window.py": (
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtWidgets import QWidget\n"
        "from seedream_desktop.pkg.core import CONTEXT\n"
        "def _tr(text):\n"
        '    return QCoreApplication.translate("WindowActions", text)\n'
        "class MainWindow(QWidget):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        '        self.setWindowTitle(self.tr("A brand new title"))\n'
        '        self.menu = _tr("&Brand new menu")\n'
        '        self.also = QCoreApplication.translate(CONTEXT, "Imported context")\n'
        f"        self.known = _tr({KNOWN.key[1]!r})\n"
    ),
}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    root = tmp_path / "seedream_desktop"
    (root / "pkg").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    for name, text in PACKAGE_FILES.items():
        (root / "pkg" / name).write_text(text)
    return root


def test_the_check_fails_listing_strings_without_translation(package: Path) -> None:
    catalog, _ = build.fresh_catalog("zh_CN", COMMITTED, package)
    found = "\n".join(build.problems(catalog))
    assert "[MainWindow] 'A brand new title': no finished translation" in found
    assert "[WindowActions] '&Brand new menu': no finished translation" in found
    assert "[Errors] 'A core message nobody translated: {detail}'" in found
    assert "[Errors] 'Imported context'" in found
    assert KNOWN.key[1] not in found  # translated in the committed catalog, so kept


def test_the_check_fails_when_a_translation_loses_a_placeholder_or_accelerator(tmp_path: Path) -> None:
    ts = tmp_path / "broken.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>C</name>"
        "<message><source>{count} images</source><translation>图像</translation></message>"
        "<message><source>&amp;File</source><translation>文件</translation></message>"
        '<message numerus="yes"><source>%n image(s)</source>'
        "<translation><numerusform>%n 张图像</numerusform></translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    found = build.problems(build.read_ts(ts))
    assert len(found) == 2, found
    assert "has placeholders [], the source ['{count}']" in found[0]
    assert "accelerator" in found[1]


def test_updating_keeps_translations_and_is_idempotent(package: Path, tmp_path: Path) -> None:
    ts = tmp_path / "translations" / "seedream_desktop_zh_CN.ts"
    ts.parent.mkdir()
    shutil.copy(COMMITTED, ts)
    catalog, vanished = build.fresh_catalog("zh_CN", ts, package)
    assert build.write_if_changed(ts, build.ts_text(catalog, "zh_CN", ts.parent))
    # Everything but the one message the little package shares with the app is gone from the code.
    assert set(vanished) == set(build.read_ts(COMMITTED).by_key()) - {KNOWN.key}
    again, _ = build.fresh_catalog("zh_CN", ts, package)
    assert not build.write_if_changed(ts, build.ts_text(again, "zh_CN", ts.parent))
    kept = again.by_key()[KNOWN.key]
    assert kept.finished and kept.forms() == KNOWN.forms()
    assert '<location filename="../seedream_desktop/pkg/window.py"' in ts.read_text(encoding="utf-8")


def test_compiled_catalog_translates_through_qt(qapp, tmp_path: Path) -> None:
    qm = tmp_path / "seedream_desktop_zh_CN.qm"
    assert build.compile_qm(COMMITTED, qm)
    assert not build.compile_qm(COMMITTED, qm, only_if_stale=True)  # up to date: nothing to do
    translator = QTranslator()
    assert translator.load(str(qm))
    for message in build.read_ts(COMMITTED).messages():  # every one, as Qt will look it up
        context, source, comment = message.key
        n = 3 if message.numerus else -1
        # lrelease -removeidentical leaves out translations equal to their source: Qt then shows the source.
        expected = "" if message.forms() == [source] else message.forms()[0]
        assert translator.translate(context, source, comment or None, n) == expected, message.key


def test_english_plurals_say_image_and_images(qapp, tmp_path: Path) -> None:
    assert build.compile_qm(build.ts_path("en"), tmp_path / "seedream_desktop_en.qm")
    installed = language.install_translators(qapp, "en", tmp_path)
    try:
        assert len(installed) == 1  # no Qt catalog: Qt speaks English already
        copied = [QCoreApplication.translate("ResultCommands", "Copied %n image(s)", None, n) for n in (1, 3)]
        assert copied == ["Copied 1 image", "Copied 3 images"]
    finally:
        language.remove_translators(qapp, installed)


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("", "zh_CN", "zh_CN"),
        ("", "zh_SG", "zh_CN"),
        ("", "en_US", "en"),
        ("", "de_DE", "en"),
        ("", "zh_TW", "en"),  # Traditional readers are not handed Simplified Chinese by surprise
        ("en", "zh_CN", "en"),
        ("zh_CN", "en_US", "zh_CN"),
        ("fr", "zh_CN", "zh_CN"),  # an unknown setting follows the system
    ],
)
def test_interface_language_follows_the_system_unless_overridden(setting, system, expected) -> None:
    assert language.interface_language(setting, QLocale(system)) == expected


@pytest.mark.parametrize(
    ("interface", "system", "one_and_a_half_megabytes"),
    [
        ("en", "en_US", "1.5 MB"),
        ("en", "de_DE", "1,5 MB"),  # an English interface keeps the country's decimal comma
        ("zh_CN", "zh_CN", "1.5 MB"),
        ("en", "zh_CN", "1.5 MB"),
    ],
)
def test_sizes_are_written_in_the_interface_language_with_the_systems_conventions(
    interface, system, one_and_a_half_megabytes
) -> None:
    from seedream_desktop.ui.results.delegate import human_bytes

    QLocale.setDefault(language.formatting_locale(interface, QLocale(system)))  # restored by conftest
    assert human_bytes(1536 * 1024) == one_and_a_half_megabytes
    assert language.formatting_locale(interface, QLocale(system)).language() == QLocale(interface).language()


def test_a_chinese_interface_writes_byte_counts_in_chinese() -> None:
    from seedream_desktop.ui.results.delegate import human_bytes

    QLocale.setDefault(language.formatting_locale("zh_CN", QLocale("en_US")))
    assert human_bytes(512) == "512 字节"
    QLocale.setDefault(language.formatting_locale("en", QLocale("zh_CN")))
    assert human_bytes(512) == "512 bytes"


def test_installs_our_catalog_and_qts_own(qapp, tmp_path: Path) -> None:
    assert build.compile_qm(COMMITTED, tmp_path / "seedream_desktop_zh_CN.qm")
    installed = language.install_translators(qapp, "zh_CN", tmp_path)
    try:
        assert len(installed) == 2
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "设置"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's dialog buttons
    finally:
        language.remove_translators(qapp, installed)
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"


def test_the_shipped_catalog_is_found(tmp_path: Path) -> None:
    folder = language.translations_folder()
    assert (folder / COMMITTED.name).is_file(), folder
