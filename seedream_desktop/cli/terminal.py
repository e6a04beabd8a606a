"""Text from files and servers, made safe to print on a person's terminal.

A prompt, a file name or a server's message can hold terminal control sequences: ``ESC]0;…BEL`` retitles
the window, ``ESC[2J`` clears the screen, others move the cursor, rewrite earlier lines or (on some
terminals) answer back as if typed. Human output shows every control character as a visible escape
(``\\x1b``, ``\\x07``, ``\\u202e``) instead; JSON output needs nothing more (json.dumps escapes C0
characters, and a JSON reader is no terminal).
"""

from __future__ import annotations

import json
import re

# C0 (but tab and newline, handled below), DEL, C1, and the Unicode format characters that reorder or
# hide text (bidi overrides and isolates, zero-width joiners are kept: emoji need them), and lone
# surrogates (a file name's undecodable bytes), which no terminal encoding can print.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape. Tabs are kept; newlines are kept only
    with ``newlines`` (a multi-line block), else shown as ``\\n`` so one record stays on one line."""
    out = _CONTROL.sub(_visible, str(text))
    return out if newlines else out.replace("\n", "\\n")


# What json.dumps(ensure_ascii=False) leaves raw: DEL, C1, the reordering characters and lone surrogates
# (which would fail to print at all). They can only
# stand inside JSON strings, where \uXXXX means the same character.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def json_text(data: object, **options: object) -> str:
    """json.dumps with readable UTF-8, and no character a terminal would act on."""
    text = json.dumps(data, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
