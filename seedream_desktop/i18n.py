"""Marks user-visible strings in Qt-free code so Qt Linguist can find them and the UI can translate them.

The core layers must not import Qt, yet their messages reach the window. They mark each message with
``QT_TRANSLATE_NOOP(context, text)``: pyside6-lupdate extracts such calls by name, and the UI passes the
untranslated text through ``QCoreApplication.translate(context, text)`` before formatting it.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    del context
    return text
