"""PromptHistory: recall order, pinning, search, no 100-prompt cap, eviction never touches pinned prompts."""

from __future__ import annotations

from pathlib import Path

from seedream_desktop.config import Paths
from seedream_desktop.library.prompt_history import PromptHistory


def history(tmp_path: Path, limit: int = 50_000) -> PromptHistory:
    return PromptHistory(tmp_path / "prompts.sqlite3", limit=limit)


def test_newest_first_and_repeats_move_to_top(tmp_path: Path) -> None:
    h = history(tmp_path)
    for p in ("a red fox", "a blue bird", "a red fox"):
        h.add(p)
    entries = h.recent()
    assert [e.text for e in entries] == ["a red fox", "a blue bird"]
    assert entries[0].uses == 2


def test_blank_prompts_are_not_recorded(tmp_path: Path) -> None:
    h = history(tmp_path)
    h.add("   ")
    assert len(h) == 0


def test_keeps_far_more_than_100_prompts(tmp_path: Path) -> None:
    h = history(tmp_path)
    for i in range(250):
        h.add(f"prompt {i}")
    assert len(h) == 250
    assert h.recent(1)[0].text == "prompt 249"


def test_pinned_first_and_never_evicted(tmp_path: Path) -> None:
    h = history(tmp_path, limit=3)
    h.add("keep me")
    h.pin("keep me")
    for i in range(5):
        h.add(f"p{i}")
    texts = [e.text for e in h.listing()]
    assert texts == ["keep me", "p4", "p3", "p2"]
    h.pin("keep me", pinned=False)
    assert h.listing()[0].text == "p4"


def test_search_is_substring_and_literal(tmp_path: Path) -> None:
    h = history(tmp_path)
    for p in ("海边的猫", "a cat on a roof", "100% cotton_shirt", "dog"):
        h.add(p)
    assert [e.text for e in h.listing("猫")] == ["海边的猫"]
    assert [e.text for e in h.listing("CAT")] == ["a cat on a roof"]
    assert [e.text for e in h.listing("0% c")] == ["100% cotton_shirt"]
    assert h.listing("_s") == h.listing("n_s")


def test_survives_reopening_and_remove(isolated_home: Path) -> None:
    h = PromptHistory.in_paths(Paths.from_environment())
    h.add("one")
    h.add("two")
    again = PromptHistory.in_paths(Paths.from_environment())
    assert [e.text for e in again.recent()] == ["two", "one"]
    again.remove("two")
    assert [e.text for e in h.recent()] == ["one"]
