"""api/request_rules.py: validation is the table; a row added there is a rule GenerationRequest keeps."""

from __future__ import annotations

import pytest

from seedream_desktop.api import request, request_rules
from seedream_desktop.api.errors import InvalidRequest
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.api.request_rules import RULES, Rule


def test_a_row_added_to_the_table_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    no_foxes = Rule("prompt", "No foxes ({count}).", lambda r, m: {"count": 1} if "fox" in r.prompt else None)
    monkeypatch.setattr(request, "RULES", (*RULES, no_foxes))
    assert GenerationRequest("a lighthouse").problems() == []
    [problem] = GenerationRequest("a fox").problems()
    assert (problem.field, problem.message) == ("prompt", "No foxes (1).")
    with pytest.raises(InvalidRequest):
        GenerationRequest("a fox").validate()


def test_each_broken_rule_is_reported_once_in_table_order() -> None:
    bad = GenerationRequest("", number_results=0, output_quality=5, seed=0, ttl=1)
    fields = [p.field for p in bad.problems()]
    assert fields == ["prompt", "numberResults", "outputQuality", "seed", "ttl"]
    order = [rule.field for rule in request_rules.RULES]
    assert fields == sorted(fields, key=order.index)


def test_an_empty_prompt_of_many_spaces_asks_for_a_prompt_not_a_shorter_one() -> None:
    [problem] = GenerationRequest(" " * 3000).problems()
    assert problem.template.startswith("Write a prompt first")
