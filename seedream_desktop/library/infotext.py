"""A1111 "infotext" parameter lines (``Steps: 28, Seed: 5, Lora hashes: "a: 1, b: 2"``) split in linear time.

A1111 splits its parameter line with one regex (modules/infotext_utils.py, ``re_param_code``):
``\\s*(\\w[\\w \\-/]+):\\s*("(?:\\\\.|[^\\\\"])+"|[^,]*)(?:,|$)``. Searched over a long line with few colons
that regex is quadratic: from every start it runs the key's character class to the end of the run,
fails to find a colon, and starts again one character later (100 KB: 90 s; 1 MB: hours). A folder
holding one such file hung the library scan.

``param_pairs`` gives exactly the regex's matches, but walks from colon to colon with ``str.find``
and anchored, possessive regex matches, so each character is looked at a bounded number of times.
"""

from __future__ import annotations

import re

# The key's characters (A1111's ``[\w \-/]``), and the run of them just before a colon, matched on the
# reversed line so that the engine walks backwards from the colon without ever retrying a start.
_KEY_RUN_REVERSED = re.compile(r"[\w \-/]*+")
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s*+")
# The inside of a JSON-style quoted value; possessive, so it runs once to where the value must close.
_QUOTED_BODY = re.compile(r'(?:\\.|[^\\"])*+')


def param_pairs(line: str) -> list[tuple[str, str]]:
    """``(key, value)`` for each ``Key: value`` of one parameter line, as A1111's regex finds them.

    Keys and values are returned unstripped (as the regex's groups); the caller strips them."""
    n = len(line)
    reversed_line = line[::-1]
    pairs: list[tuple[str, str]] = []
    cursor = 0  # where the regex's search would resume
    colon = line.find(":")
    # A quoted value that starts inside the body of one already scanned ends where that one ended (every
    # quote inside it was escaped), so the end is remembered rather than scanned again.
    body_from, body_end = -1, -1
    while colon >= 0:
        # The key: the run of key characters before this colon (not before the cursor), from its
        # first word character, at least two characters long.
        run = _KEY_RUN_REVERSED.match(reversed_line, n - colon, n - cursor)
        assert run is not None  # `*+` always matches
        start = colon - (run.end() - run.start())
        word = _WORD.search(line, start, colon - 1)
        if word is None:
            colon = line.find(":", colon + 1)
            continue
        key = line[word.start() : colon]
        spaces = _SPACES.match(line, colon + 1)
        assert spaces is not None
        at = spaces.end()
        end = -1  # end of the value (exclusive), which is followed by "," or the end of the line
        if at < n and line[at] == '"':
            if not body_from < at < body_end:
                body = _QUOTED_BODY.match(line, at + 1)
                assert body is not None  # `*+` always matches
                body_from, body_end = at, body.end()
            close = body_end + 1  # after the closing quote, if there is one
            if at + 1 < body_end < n and line[body_end] == '"' and _ends_value(line, close):
                end = close
        if end < 0:
            comma = line.find(",", at)
            end = n if comma < 0 else comma
        pairs.append((key, line[at:end]))
        cursor = min(end + 1, n)
        colon = line.find(":", cursor)
    return pairs


def _ends_value(line: str, at: int) -> bool:
    # The regex's "(?:,|$)": a comma, the end, or a last newline.
    return at == len(line) or line[at] == "," or (at == len(line) - 1 and line[at] == "\n")
