"""A1111 "infotext" parameter lines (``Steps: 28, Seed: 5, Lora hashes: "a: 1, b: 2"``) split in linear time.

A1111 splits its parameter line with one regex (modules/infotext_utils.py, ``re_param_code``):
``\\s*(\\w[\\w \\-/]+):\\s*("(?:\\\\.|[^\\\\"])+"|[^,]*)(?:,|$)``. Searched over a long line with few colons
that regex is quadratic: from every start it runs the key's character class to the end of the run,
fails to find a colon, and starts again one character later (100 KB: 90 s; 1 MB: hours). A folder
holding one such file hung the library scan.

``param_pairs`` gives exactly the regex's matches, but finds every key in one pass that starts only at
colons and never backtracks, so each character is looked at a bounded number of times.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# Every colon with a key before it, found on the reversed line (so each search starts at a colon, the
# engine's fastest case): the colon, then the run of key characters before it (A1111's ``[\w \-/]``),
# taken whole and never backtracked. The lookahead asks for a word character at least two before the
# colon, as A1111's key ``\w[\w \-/]+`` does; the key itself starts at the run's first word character.
_KEYS_REVERSED = re.compile(r":(?=[\w \-/][ \-/]*+\w)([\w \-/]*+)")
_SPACES = re.compile(r"\s*+")
# The inside of a JSON-style quoted value; possessive, so it runs once to where the value must close.
_QUOTED_BODY = re.compile(r'(?:\\.|[^\\"])*+')


def param_pairs(line: str) -> list[tuple[str, str]]:
    """``(key, value)`` for each ``Key: value`` of one parameter line, as A1111's regex finds them.

    Keys and values are returned unstripped (as the regex's groups); the caller strips them."""
    n = len(line)
    colons: list[int] = []
    runs: list[int] = []
    for found in _KEYS_REVERSED.finditer(line[::-1]):
        colons.append(n - 1 - found.start())
        runs.append(found.end() - found.start() - 1)
    colons.reverse()
    runs.reverse()
    pairs: list[tuple[str, str]] = []
    # A quoted value that starts inside the body of one already scanned ends where that one ended (every
    # quote inside it was escaped), so the end is remembered rather than scanned again.
    body_from, body_end = -1, -1
    i = 0
    while i < len(colons):
        # The run before this colon lies wholly after the cursor: the cursor is just past a comma.
        colon = colons[i]
        key = line[colon - runs[i] : colon].lstrip(" -/")
        spaces = _SPACES.match(line, colon + 1)
        assert spaces is not None  # `*+` always matches
        at = spaces.end()
        end = -1  # end of the value (exclusive), which is followed by "," or the end of the line
        if at < n and line[at] == '"':
            if not body_from < at < body_end:
                body = _QUOTED_BODY.match(line, at + 1)
                assert body is not None
                body_from, body_end = at, body.end()
            close = body_end + 1  # after the closing quote, if there is one
            if at + 1 < body_end < n and line[body_end] == '"' and _ends_value(line, close):
                end = close
        if end < 0:
            comma = line.find(",", at)
            end = n if comma < 0 else comma
        pairs.append((key, line[at:end]))
        if end >= n - 1:
            break
        i = bisect_left(colons, end + 1, i + 1)  # the first key after the value's comma
    return pairs


def _ends_value(line: str, at: int) -> bool:
    # The regex's "(?:,|$)": a comma, the end, or a last newline.
    return at == len(line) or line[at] == "," or (at == len(line) - 1 and line[at] == "\n")
