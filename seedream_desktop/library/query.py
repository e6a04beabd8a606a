"""What the user asks the library for (text, filters, sort) and its translation into one SQL query.

The text box understands plain words (found as prefixes: "fox" finds "foxes"), Chinese (found as
substrings), "quoted phrases", ``-word`` to exclude, and ``key:value`` terms: ``seed:42``,
``size:2K-16:9`` or ``size:2560x1440``, ``tier:4K``, ``aspect:16:9``, ``format:png``, ``rating>=3``,
``is:fav``, ``is:edit``, ``has:refs``, ``board:Name``, ``tag:name``, ``task:<uuid>``, ``model:4.5`` (a
short name, a model name or an AIR id: api/models.py), and dates in
local time: ``date:2025-09-01`` (that day), ``date:2025-09`` (that month), ``date:2025``,
``date>=2025-09-01``, ``date<2025-10`` (any range the date presets do not cover).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from seedream_desktop.api.models import DEFAULT_MODEL, find_model
from seedream_desktop.api.sizes import parse_size
from seedream_desktop.library.fulltext import term_expression

Sort = Literal["newest", "oldest", "rating"]
SORTS: tuple[str, ...] = ("newest", "oldest", "rating")

FORMAT_ALIASES = {"JPG": "JPEG", "JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}


def normal_format(name: str) -> str:
    return FORMAT_ALIASES.get(name.strip().upper().lstrip("."), name.strip().upper())


@dataclass(frozen=True)
class Query:
    text: str = ""
    date_from: date | datetime | None = None  # a date means from that local day's start
    date_to: date | datetime | None = None  # a date means up to the end of that local day
    tiers: tuple[str, ...] = ()
    aspects: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    favourite: bool | None = None
    min_rating: int = 0
    board: str | int | None = None  # a board's name or id
    tag: str | None = None
    has_references: bool | None = None
    edits_only: bool | None = None  # True: only edits; False: only images made from scratch
    sort: Sort = "newest"
    models: tuple[str, ...] = ()  # AIR ids or short names (api/models.py); any of them


@dataclass
class Sql:
    """A WHERE clause under construction: conditions joined by AND, with their parameters."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    text_match: str | None = None  # the positive full-text expression, when there is one
    id_only: int = 0  # how many conditions test only the id (full text), not the row's columns
    text_at: tuple[int, int] | None = None  # where text_match's condition and parameter sit

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def where(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""

    def besides_text(self) -> tuple[list[str], list[Any]]:
        """The conditions and parameters other than the positive full-text one (for a join on it)."""
        if self.text_at is None:
            return list(self.conditions), list(self.params)
        at, param = self.text_at
        others = self.conditions[:at] + self.conditions[at + 1 :]
        return others, self.params[:param] + self.params[param + 1 :]


# Keyed by id and carrying the facet columns: counting a frequent word's matches that pass a filter
# looks each match up here, not in the wide table rows (100,000 prompts, "rating>=4 light": 20 → 7 ms).
FACET_INDEX = "images_facets"
FACET_COLUMNS = ("id", "created", "tier", "aspect", "format", "rating", "favourite", "has_references")
# SQL words and names besides columns that the conditions are written with.
_SQL_WORDS = {"select", "from", "where", "and", "or", "not", "in", "is", "null", "match", "rowid"}
_SQL_WORDS |= {"prompt_fts"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def facet_index_covers(conditions: list[str]) -> bool:
    """Whether these conditions read only columns that FACET_INDEX holds."""
    known = _SQL_WORDS | set(FACET_COLUMNS)
    return all(word.lower() in known for c in conditions for word in _IDENTIFIER.findall(c))


# The index that walks each sort order: for a frequent word, reading rows in order and stopping at
# the page's end beats sorting tens of thousands of matches (see Library.search).
SORT_INDEX = {"newest": "images_created", "oldest": "images_created", "rating": "images_rating"}

ORDER_BY = {
    "newest": "created DESC, id DESC",
    "oldest": "created ASC, id ASC",
    "rating": "rating DESC, created DESC, id DESC",
}

_TERM = re.compile(
    r'(?P<neg>-)?(?:(?P<key>[A-Za-z]+)(?P<op>>=|<=|:|>|<|=)(?P<value>"[^"]*"?|\S+)|"(?P<phrase>[^"]*)"?|(?P<word>\S+))'
)
_BOOL = {
    "yes": True,
    "true": True,
    "1": True,
    "on": True,
    "no": False,
    "false": False,
    "0": False,
    "off": False,
}
_COMPARE = {":": "=", "=": "=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


# A number typed in a filter; ASCII digits only ("²" passes str.isdigit() but not int()).
_INTEGER = re.compile(r"-?[0-9]+")
# SQLite's integers are 64-bit: a larger number in a filter is compared as the largest one (no image
# has a larger seed, rating or size), rather than failing with an OverflowError.
LARGEST_INT = 2**63 - 1


def bounded_int(value: str | int) -> int:
    """``value`` as an integer SQLite can compare with, clamped to ±LARGEST_INT. Never converts more
    than 20 digits (Python refuses int() of thousands of digits, and it would take time)."""
    if isinstance(value, str):
        digits = value.lstrip("-").lstrip("0")
        if len(digits) > 19:
            return -LARGEST_INT if value.startswith("-") else LARGEST_INT
        value = int(value)
    return max(-LARGEST_INT, min(LARGEST_INT, value))


def _epoch(value: date | datetime, end_of_day: bool) -> float:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.astimezone()).timestamp()
    day = datetime.combine(value, time.min).astimezone()
    if end_of_day:
        day += timedelta(days=1)
    return day.timestamp()


def _period(value: str) -> tuple[float, float] | None:
    """A year, month or day written as 2025, 2025-09 or 2025-09-01: its start and end, local time."""
    found = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    if found is None:
        return None
    year, month, day = int(found[1]), found[2], found[3]
    try:
        if day is not None:
            first = date(year, int(month), int(day))
            after = first + timedelta(days=1)
        elif month is not None:
            first = date(year, int(month), 1)
            after = date(year + (first.month == 12), first.month % 12 + 1, 1)
        else:
            first, after = date(year, 1, 1), date(year + 1, 1, 1)
        return _epoch(first, end_of_day=False), _epoch(after, end_of_day=False)
    except (ValueError, OverflowError):
        # 2025-13, 2025-02-30: not a date, so plain text; 9999-12-31, 0001: a day whose end or
        # local time falls outside what Python's dates can hold, so no filter either.
        return None


def _in(column: str, values: tuple[str, ...], sql: Sql) -> None:
    marks = ", ".join("?" for _ in values)
    sql.add(f"{column} IN ({marks})", *values)


def _board(sql: Sql, board: str | int, negate: bool = False) -> None:
    lookup = "id = ?" if isinstance(board, int) else "name = ?"
    op = "NOT IN" if negate else "IN"
    sql.add(
        f"content_id {op} (SELECT content_id FROM board_members WHERE board_id = "
        f"(SELECT id FROM boards WHERE {lookup}))",
        board,
    )


def _tag(sql: Sql, tag: str, negate: bool = False) -> None:
    op = "NOT IN" if negate else "IN"
    sql.add(f"content_id {op} (SELECT content_id FROM tags WHERE tag = ?)", tag)


def _fts(sql: Sql, expression: str, negate: bool = False) -> None:
    op = "NOT IN" if negate else "IN"
    sql.add(f"id {op} (SELECT rowid FROM prompt_fts WHERE prompt_fts MATCH ?)", expression)
    sql.id_only += 1


def _key_term(sql: Sql, key: str, op: str, value: str, negate: bool) -> bool:
    """Add a ``key:value`` filter; False when the key is not one we know (then it is plain text)."""
    key = key.lower()
    value = value.strip('"')
    compare = _COMPARE[op]
    parts: list[tuple[str, tuple[Any, ...]]] = []
    if key == "seed" and _INTEGER.fullmatch(value):
        parts.append((f"seed {compare} ?", (bounded_int(value),)))
    elif key == "rating" and _INTEGER.fullmatch(value) and not value.startswith("-"):
        parts.append((f"rating {compare} ?", (bounded_int(value),)))
    elif key == "size" and op == ":":
        preset = parse_size(value)
        dims = re.match(r"^(\d+)\s*[x×*]\s*(\d+)$", value, re.ASCII)
        if preset:
            parts.append(("width = ? AND height = ?", (preset.width, preset.height)))
        elif dims:
            parts.append(("width = ? AND height = ?", (bounded_int(dims[1]), bounded_int(dims[2]))))
        else:
            return False
    elif key == "tier" and op == ":":
        parts.append(("tier = ?", (value.upper(),)))
    elif key == "model" and op == ":":
        parts.append(_model_condition(value))
    elif key == "aspect" and op == ":":
        parts.append(("aspect = ?", (value,)))
    elif key in ("format", "type") and op == ":":
        parts.append(("format = ?", (normal_format(value),)))
    elif key in ("task", "uuid") and op == ":":
        column = "task_uuid" if key == "task" else "image_uuid"
        parts.append((f"{column} = ?", (value,)))
    elif key == "is" and op == ":" and value.lower() in ("fav", "favourite", "favorite", "edit", "edited"):
        edited = "(parent_content_id IS NOT NULL OR parent_image_uuid IS NOT NULL)"
        parts.append(("favourite = 1" if value.lower().startswith("fav") else edited, ()))
    elif key == "has" and op == ":" and value.lower() in ("refs", "references", "ref", "reference"):
        parts.append(("has_references = 1", ()))
    elif key == "date":
        period = _period(value)
        if period is None:
            return False
        start, end = period
        within = ("created >= ? AND created < ?", (start, end))
        bounds: dict[str, tuple[str, tuple[Any, ...]]] = {":": within, "=": within}
        bounds |= {">=": ("created >= ?", (start,)), ">": ("created >= ?", (end,))}
        bounds |= {"<": ("created < ?", (start,)), "<=": ("created < ?", (end,))}
        parts.append(bounds[op])
    elif key == "board" and op == ":":
        _board(sql, value, negate)
        return True
    elif key == "tag" and op == ":":
        _tag(sql, value, negate)
        return True
    else:
        return False
    for condition, params in parts:
        sql.add(f"NOT ({condition})" if negate else condition, *params)
    return True


def _model_condition(value: str) -> tuple[str, tuple[Any, ...]]:
    """``model:4.5``, ``model:seededit`` or an AIR id. Images indexed before the model was recorded came
    from this app when only Seedream 4.0 existed, so an empty model from our own records means 4.0."""
    model = find_model(value)
    model_id = model.id if model else value
    if model_id == DEFAULT_MODEL.id:
        return "(model = ? OR (model = '' AND source = 'seedream-desktop'))", (model_id,)
    return "model = ?", (model_id,)


def text_conditions(text: str, sql: Sql) -> None:
    """The text box's words, phrases and ``key:value`` terms as conditions on ``sql``."""
    positive: list[str] = []
    for match in _TERM.finditer(text):
        negate = bool(match["neg"])
        if match["key"] and _key_term(sql, match["key"], match["op"], match["value"], negate):
            continue
        if match["phrase"] is not None:
            expression = term_expression(match["phrase"], phrase=True)
        else:
            expression = term_expression(match[0][1:] if negate else match[0])
        if expression is None:
            continue
        if negate:
            _fts(sql, expression, negate=True)
        else:
            positive.append(f"({expression})")
    if positive:
        sql.text_match = " AND ".join(positive)
        sql.text_at = (len(sql.conditions), len(sql.params))
        _fts(sql, sql.text_match)


def conditions(query: Query) -> Sql:
    sql = Sql()
    if query.text.strip():
        text_conditions(query.text, sql)
    if query.date_from is not None:
        sql.add("created >= ?", _epoch(query.date_from, end_of_day=False))
    if query.date_to is not None:
        sql.add(
            "created < ?" if not isinstance(query.date_to, datetime) else "created <= ?",
            _epoch(query.date_to, end_of_day=True),
        )
    if query.tiers:
        _in("tier", tuple(t.upper() for t in query.tiers), sql)
    if query.models:
        either = [_model_condition(m) for m in query.models]
        sql.add("(" + " OR ".join(c for c, _ in either) + ")", *[p for _, params in either for p in params])
    if query.aspects:
        _in("aspect", tuple(query.aspects), sql)
    if query.formats:
        _in("format", tuple(normal_format(f) for f in query.formats), sql)
    if query.favourite is not None:
        # Literal 0/1, not a parameter: only a literal lets SQLite use the partial indexes.
        sql.add(f"favourite = {int(query.favourite)}")
    if query.min_rating > 0:
        sql.add("rating >= ?", bounded_int(query.min_rating))
    if query.board is not None:
        _board(sql, query.board)
    if query.tag is not None:
        _tag(sql, query.tag)
    if query.has_references is not None:
        sql.add(f"has_references = {int(query.has_references)}")
    if query.edits_only is not None:
        edited = "(parent_content_id IS NOT NULL OR parent_image_uuid IS NOT NULL)"
        sql.add(edited if query.edits_only else f"NOT {edited}")
    return sql


def order_by(query: Query) -> str:
    if query.sort not in ORDER_BY:
        raise ValueError(f"unknown sort {query.sort!r}; expected one of {', '.join(SORTS)}")
    return ORDER_BY[query.sort]
