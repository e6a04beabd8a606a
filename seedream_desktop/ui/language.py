"""The interface language: our catalog and Qt's own (dialog buttons…) installed once, at start-up.

The Settings "language" is '' (follow the system), 'en' or 'zh_CN'. Translators are installed before the
first widget is built and never swapped while running: a change in Settings applies at the next start
(the settings dialog says so).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from seedream_desktop.assets import resource_dir

CATALOG = "seedream_desktop"
SOURCE_LANGUAGE = "en"  # the texts in the code; its catalog only adds plural forms
TRANSLATED = ("zh_CN",)
LANGUAGES = (SOURCE_LANGUAGE, *TRANSLATED)

log = logging.getLogger(__name__)


def translations_folder() -> Path:
    return resource_dir("translations")


def interface_language(setting: str, system: QLocale | None = None) -> str:
    """'en' or 'zh_CN': the setting when it names one, else the first of the system's languages we have."""
    if setting in LANGUAGES:
        return setting
    seen_chinese = False
    for tag in (system or QLocale.system()).uiLanguages():
        locale = QLocale(tag)
        if locale.language() == QLocale.Language.English:
            return SOURCE_LANGUAGE
        if locale.language() == QLocale.Language.Chinese:
            # "zh" alone after "zh-Hant-TW" is the same Traditional reader, not a Simplified one.
            explicit = "-" in tag or "_" in tag
            if locale.script() == QLocale.Script.SimplifiedHanScript and (explicit or not seen_chinese):
                return "zh_CN"
            seen_chinese = True
    return SOURCE_LANGUAGE


def formatting_locale(language: str, system: QLocale | None = None) -> QLocale:
    """How numbers and sizes are written: in the interface's language, with the system's conventions.

    The system locale when its language is the interface's; otherwise the interface's language in the
    system's country ("en" in Germany writes "1,5 MB"), which Qt resolves to the nearest it knows.
    """
    system = system or QLocale.system()
    wanted = QLocale(language)
    if wanted.language() == system.language():
        return system
    return QLocale(wanted.language(), wanted.script(), system.territory())


def install_translators(
    app: QCoreApplication, setting: str, folder: Path | None = None, *, system: QLocale | None = None
) -> list[QTranslator]:
    """Installs the translators for ``setting`` into ``app``; returns them (keep them alive, or remove them)."""
    language = interface_language(setting, system)
    folder = folder or translations_folder()
    # English too: its small catalog holds the plural forms ("1 image", "2 images") of "%n image(s)".
    ours = _load(app, f"{CATALOG}_{language}", folder)
    if ours is None:
        log.warning(
            "No %s_%s.qm in %s: run scripts/build_translations.py (the interface falls back to English).",
            CATALOG,
            language,
            folder,
        )
    installed = [] if ours is None else [ours]
    if language != SOURCE_LANGUAGE:
        # Qt's own texts: standard dialog buttons, file dialogs, the context menus of text fields.
        qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        qt = _load(app, f"qtbase_{language}", qt_folder)
        installed += [] if qt is None else [qt]
    for translator in installed:
        app.installTranslator(translator)
    return installed


def _load(app: QCoreApplication, name: str, folder: Path) -> QTranslator | None:
    translator = QTranslator()
    if not translator.load(name, str(folder)):
        return None
    translator.setParent(app)  # lives as long as the application
    return translator


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
