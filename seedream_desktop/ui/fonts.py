"""Chinese text needs a CJK font: find one (preferring Simplified Chinese glyphs), or say what to install."""

from __future__ import annotations

import sys
import threading

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont

# Simplified Chinese faces first: with only "Noto Sans CJK JP" picked by fallback, Han characters get
# Japanese glyph shapes. Then whatever the system offers for the Simplified Chinese writing system.
PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
)
# Words the interface and prompts use all the time; a usable font draws every one of them.
SAMPLE = "提示词参考图生成图库收藏评分画板费用余额密钥"

# Which package brings a CJK font, per Linux family (Windows and macOS ship one).
INSTALL_HINTS = (
    ("Debian/Ubuntu", "sudo apt install fonts-noto-cjk"),
    ("Fedora", "sudo dnf install google-noto-sans-cjk-fonts"),
    ("Arch", "sudo pacman -S noto-fonts-cjk"),
    ("openSUSE", "sudo zypper install noto-sans-cjk-fonts"),
)


def draws_chinese(family: str) -> bool:
    """The family's own glyphs (not a fallback's) cover SAMPLE."""
    raw = QRawFont.fromFont(QFont(family))
    return raw.isValid() and all(raw.supportsCharacter(ord(ch)) for ch in SAMPLE)


def cjk_font_family() -> str | None:
    """The best installed family that draws Simplified Chinese, or None."""
    offered = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    ranked = [f for f in PREFERRED if f in offered] + [f for f in offered if f not in PREFERRED]
    return next((f for f in ranked if draws_chinese(f)), None)


def missing_font_message() -> str:
    # Deliberately not translated: it is shown exactly when Chinese cannot be drawn, so it stays English.
    text = "No Chinese (CJK) font was found, so Chinese text would show as empty boxes."
    if sys.platform.startswith("linux"):
        commands = "; ".join(f"{name}: {command}" for name, command in INSTALL_HINTS)
        return f"{text} Install one, then restart the app. {commands}."
    return f"{text} Install a Simplified Chinese font (for example Noto Sans CJK SC), then restart the app."


def prefer_cjk_font(family: str) -> None:
    """Han characters in the interface font fall back to ``family`` first (SC glyphs, not JP or KR ones).

    The Latin face the interface font resolved to stays in front of it: with the CJK face first, it
    became the interface font itself, and curly quotes in English text took its full-width glyphs
    (``as  “image 1” ,``). Han characters, which the Latin face lacks, still come from ``family``.
    """
    base = QFont().family()
    substitutes = QFont.substitutes(base)
    if family.lower() in (s.lower() for s in substitutes):  # Qt keeps them lower-cased
        return
    latin = QFontInfo(QFont(base)).family()
    first = [latin] if latin and latin.lower() != family.lower() and not draws_chinese(latin) else []
    QFont.insertSubstitutions(base, [*first, family, *substitutes])


_found: list[str | None] = []
_finder: threading.Thread | None = None


def look_for_cjk_font_in_background() -> None:
    """Start cjk_font_family() on a thread; check_cjk_font() takes its answer. Reading the fonts takes
    ~10 ms, during which Qt lets go of the GIL, so the window's modules can import meanwhile (all of
    QFontDatabase is thread-safe; the substitution is still made on the calling thread)."""
    global _finder
    if _finder is None:
        _found.clear()
        _finder = threading.Thread(
            target=lambda: _found.append(cjk_font_family()), name="cjk-font", daemon=True
        )
        _finder.start()


def check_cjk_font() -> str:
    """At start-up: prefers the CJK font found and returns ''; or returns the message to show."""
    global _finder
    if _finder is not None:
        _finder.join()
        _finder = None
        family = _found[0] if _found else cjk_font_family()  # none: the thread failed, so ask here
    else:
        family = cjk_font_family()
    if family is None:
        return missing_font_message()
    prefer_cjk_font(family)
    return ""
