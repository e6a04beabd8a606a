"""ui/off_gui.py: work runs in order on one worker thread; its result and error come back on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from seedream_desktop.ui.off_gui import OffGui
from tests.helpers.off_gui import settled


@pytest.fixture
def page(qtbot) -> QObject:
    owner = QObject()
    owner.work = OffGui(owner)  # type: ignore[attr-defined]
    yield owner
    owner.work.shutdown()  # type: ignore[attr-defined]


def test_work_runs_in_order_off_the_gui_thread_and_answers_on_it(page) -> None:
    ran: list[tuple[int, str]] = []
    answered: list[tuple[object, object, str]] = []
    for n in range(5):
        page.work.run(
            lambda n=n: ran.append((n, threading.current_thread().name)) or n * n,
            lambda result, error: answered.append((result, error, threading.current_thread().name)),
        )
    settled(page)
    gui = threading.main_thread().name
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4] and all(thread != gui for _, thread in ran)
    assert answered == [(n * n, None, gui) for n in range(5)]


def test_an_error_is_handed_to_done_and_nothing_runs_after_shutdown(page) -> None:
    answered: list[object] = []
    page.work.run(lambda: 1 / 0, lambda result, error: answered.append(error))
    settled(page)
    assert isinstance(answered[0], ZeroDivisionError)
    blocker = threading.Event()
    page.work.run(blocker.wait, lambda *_: answered.append("late"))
    blocker.set()
    page.work.shutdown()  # waits for the work in hand, then delivers nothing more
    settled(page)
    assert answered[1:] == []
