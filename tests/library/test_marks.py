"""The marks journal: what replaying it restores, and that damage or concurrency never loses the rest."""

from __future__ import annotations

import threading
from pathlib import Path

from seedream_desktop.library.marks import MarksJournal


def test_replay_applies_every_operation_in_order(tmp_path: Path) -> None:
    journal = MarksJournal(tmp_path / "marks.jsonl")
    journal.append("favourite", ids=["a", "b"], on=True)
    journal.append("favourite", ids=["b"], on=False)
    journal.append("rating", ids=["a", "c"], rating=4)
    journal.append("rating", ids=["c"], rating=0)
    journal.append("board_create", board="B1", name="Posters")
    journal.append("board_create", board="B2", name="Old")
    journal.append("board_add", board="B1", ids=["a", "c"])
    journal.append("board_remove", board="B1", ids=["c"])
    journal.append("board_rename", board="B1", name="Autumn posters")
    journal.append("board_delete", board="B2")
    journal.append("tag_add", tag="pets", ids=["a", "b"])
    journal.append("tag_remove", tag="pets", ids=["a", "b"])
    journal.append("tag_add", tag="blue", ids=["c"])
    state = journal.replay()
    assert state.favourites == {"a"}
    assert state.ratings == {"a": 4}
    assert list(state.boards) == ["B1"]
    assert (state.boards["B1"].name, state.boards["B1"].members) == ("Autumn posters", {"a"})
    assert state.tags == {"blue": {"c"}}


def test_torn_lines_garbage_and_unknown_operations_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "marks.jsonl"
    journal = MarksJournal(path)
    journal.append("favourite", ids=["a"], on=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n[1, 2]\n")
        handle.write('{"op": "teleport", "ids": ["a"]}\n')
        handle.write('{"op": "rating", "ids": ["a"], "rating": "many"}\n')
        handle.write('{"op": "board_add", "board": "missing", "ids": ["a"]}\n')
    journal.append("rating", ids=["a"], rating=3)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"op": "favourite", "ids": ["b"], "on": tr')  # a crash mid-write
    state = journal.replay()
    assert state.favourites == {"a"}
    assert state.ratings == {"a": 3}


def test_a_missing_journal_replays_to_nothing(tmp_path: Path) -> None:
    state = MarksJournal(tmp_path / "absent.jsonl").replay()
    assert not state.favourites and not state.ratings and not state.boards and not state.tags


def test_concurrent_appends_never_interleave(tmp_path: Path) -> None:
    journal = MarksJournal(tmp_path / "marks.jsonl")
    ids = [f"{n:064x}" for n in range(60)]  # long lines make interleaving visible if it happened

    def writer(k: int) -> None:
        for n in range(25):
            journal.append("tag_add", tag=f"t{k}-{n}", ids=ids)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = list(journal.entries())
    assert len(entries) == 100
    assert all(entry["ids"] == ids for entry in entries)
