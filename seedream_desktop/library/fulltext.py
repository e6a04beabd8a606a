"""Prompt text for FTS5 in two columns: words (prefix search) and CJK bigrams (substring search, any length).

FTS5's ``unicode61`` tokenizer finds "fox" in "foxes" with a prefix query but sees "海边的灯塔" as one
token, and the ``trigram`` tokenizer cannot match queries shorter than three characters (most Chinese
words are two). So each run of CJK characters is indexed as its overlapping bigrams plus its last
character: a Chinese query of n ≥ 2 characters becomes the phrase of its n-1 bigrams (adjacent only
where the text contains the query), and one character becomes a prefix query. No LIKE fallback needed.
"""

from __future__ import annotations

import re

# Han (incl. extension A and compatibility), kana and Hangul: scripts written without spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002ffff"
CJK_RUN = re.compile(f"[{_CJK}]+")
# What unicode61 calls a token: letters and digits; "_" and punctuation separate.
WORD = re.compile(r"[^\W_]+")


def cjk_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def columns(prompt: str) -> tuple[str, str]:
    """The two indexed columns for a prompt: non-CJK words, and the CJK bigram stream."""
    words = CJK_RUN.sub(" ", prompt)
    cjk = " ".join(" ".join(cjk_tokens(run)) for run in CJK_RUN.findall(prompt))
    return words, cjk


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _cjk_term(run: str) -> str:
    if len(run) == 1:
        return f"cjk:{_quoted(run)}*"
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    return f"cjk:{_quoted(' '.join(bigrams))}"


def term_expression(text: str, phrase: bool = False) -> str | None:
    """An FTS5 expression matching ``text``: every word as a prefix (or, for a phrase, the exact word
    sequence) and every CJK run as a substring. None when ``text`` has nothing searchable."""
    parts: list[str] = []
    for run in CJK_RUN.findall(text):
        parts.append(_cjk_term(run))
    words = WORD.findall(CJK_RUN.sub(" ", text).lower())
    if phrase and len(words) > 1:
        parts.append(f"words:{_quoted(' '.join(words))}")
    else:
        parts.extend(f"words:{_quoted(word)}*" for word in words)
    if not parts:
        return None
    return " AND ".join(parts)
