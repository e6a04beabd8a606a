"""The window's jobs against the real emulator: where Esc cancels, cancel all, several jobs at once, the
error banners and their way out, edits dragged in from the result grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.state import JobState
from seedream_desktop.ui.bridge import Connection
from tests.helpers.window import generate_with_keyboard, saved_rows, type_prompt
from tests.ui.compose_support import drop

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Triggered(list):
    def __call__(self, *_args: object) -> None:
        self.append(True)


def press_escape_in(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def states(window) -> list[str]:
    return sorted(v.state.value for v in window.jobs.values())


def test_escape_in_text_fields_keeps_the_job_and_on_the_grid_cancels_it(make_window, emulator, qtbot):
    emulator.pause()  # the server has the task and holds its image until the test lets it go
    window = make_window(Connection("key", emulator.url))
    type_prompt(qtbot, window, "a slow and paid one")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(window.actions_.cancel.isEnabled, timeout=5000)
    qtbot.waitUntil(lambda: states(window) == ["generating"], timeout=10_000)
    cancelled = Triggered()
    window.actions_.cancel.triggered.connect(cancelled)

    press_escape_in(qtbot, window.compose.editor.text_edit)
    window.compose.controls.fixed_seed.setChecked(True)
    press_escape_in(qtbot, window.compose.controls.seed)
    window.library_tab.show_library(True)
    press_escape_in(qtbot, window.library_tab.view.filters.search)
    assert cancelled == []
    window.library_tab.show_library(False)

    press_escape_in(qtbot, window.grid)
    assert cancelled == [True]
    # The server had the task: the person is told it is paid for and that its image still comes.
    banner = window.error_banner
    qtbot.waitUntil(lambda: banner.isVisible() and "paid for" in banner.text.text(), timeout=10_000)
    assert "will still arrive" in banner.text.text()
    emulator.resume()
    qtbot.waitUntil(lambda: states(window) == ["cancelled"], timeout=10_000)
    assert len(saved_rows(window)) == 1 and window.model.rowCount() == 1  # the paid image is in the grid


def test_several_jobs_run_and_queue_and_shift_escape_cancels_them_all(make_window, emulator, qtbot):
    emulator.pause()
    window = make_window(Connection("key", emulator.url))  # two jobs run at a time, the rest queue
    type_prompt(qtbot, window, "one of three")
    for _ in range(3):
        generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: states(window).count("queued") == 1 and len(states(window)) == 3, timeout=10_000)
    qtbot.waitUntil(lambda: "2 running" in window.status.jobs.text(), timeout=10_000)
    qtbot.keyClick(window.compose.editor.text_edit, Qt.Key.Key_Escape, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "paid for" in window.error_banner.text.text(), timeout=10_000)
    emulator.resume()  # the two the server took are paid: their images arrive; the queued one was free
    qtbot.waitUntil(lambda: states(window) == ["cancelled"] * 3, timeout=15_000)
    assert len(saved_rows(window)) == 2 and len(emulator.produced) == 2
    unsaved = [
        window.model.item(r) for r in range(window.model.rowCount()) if not window.model.item(r).is_saved
    ]
    assert [item.state for item in unsaved] == [JobState.CANCELLED]
    assert not window.actions_.cancel_all.isEnabled()


def test_ctrl_comma_opens_settings(make_window, qtbot):
    window = make_window(None)
    window.compose.editor.text_edit.setFocus()
    qtbot.keyClick(window.compose.editor.text_edit, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "settingsDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_a_result_dragged_into_the_tray_is_an_edit_recorded_on_generate(make_window, emulator, qtbot):
    window = make_window(Connection("key", emulator.url))
    type_prompt(qtbot, window, "the original")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=20_000)
    original = window.model.item(0).path
    qtbot.waitUntil(lambda: window.library_tab.link is not None, timeout=10_000)  # after the first frame
    mime = window.model.drag_mime([window.model.index(0)])
    entered, dropped = drop(window.compose.tray.view.viewport(), mime)
    assert entered and dropped
    qtbot.waitUntil(lambda: window.compose.request().parent == str(original), timeout=10_000)
    assert "Editing" in window.compose.parent_label.text()
    qtbot.waitUntil(lambda: not window.compose.tray.is_busy(), timeout=10_000)  # the reference is ready

    saved = []
    window.bridge.imageSaved.connect(lambda _job, image: saved.append(image))
    type_prompt(qtbot, window, "the same, at night")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: bool(saved), timeout=20_000)
    assert saved[0].record.parent is not None and saved[0].record.parent.path == str(original)


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("content-policy", "refused by the content policy"),
        ("provider-timeout", "took too long"),
        ("429x4", "busy right now"),  # every attempt of the first submit
    ],
)
def test_a_failed_job_says_why_and_its_banner_retries_that_job(
    make_window, emulator_factory, qtbot, fault, says
):
    server = emulator_factory(faults=[fault])
    window = make_window(Connection("key", server.url))
    type_prompt(qtbot, window, "fails once")
    generate_with_keyboard(qtbot, window)
    banner = window.error_banner
    qtbot.waitUntil(lambda: banner.isVisible() and says in banner.text.text(), timeout=20_000)
    assert banner.button.text() == "Retry"
    failed = window.model.item(0).job_id
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=20_000)
    assert window.model.item(saved_rows(window)[0]).job_id == failed  # the same job, not a new one
    assert not banner.isVisible()


def test_budget_exceeded_offers_settings_and_sends_nothing(make_window, emulator, qtbot):
    Settings(Paths.from_environment()).set("daily_budget_usd", 0.01)  # one image costs about $0.03
    window = make_window(Connection("key", emulator.url))
    type_prompt(qtbot, window, "too dear")
    generate_with_keyboard(qtbot, window)
    banner = window.error_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "past your budget of $0.01" in banner.text.text()
    assert banner.button.text() == "Open Settings"
    assert window.model.rowCount() == 0 and emulator.produced == []


def test_retry_after_a_refused_request_sends_that_request_again(make_window, emulator, qtbot):
    window = make_window(Connection("key", emulator.url))
    refused: list[GenerationRequest] = []
    window.bridge.submitFailed.connect(lambda request, _error: refused.append(request))
    too_many = GenerationRequest("refused by the pipeline", number_results=99)  # past the compose's checks
    window.submit(too_many)
    qtbot.waitUntil(lambda: len(refused) == 1, timeout=10_000)
    assert window.error_banner.button.text() == "Retry"
    type_prompt(qtbot, window, "what is being composed now")
    qtbot.mouseClick(window.error_banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(refused) == 2, timeout=10_000)
    assert refused[1] is too_many  # that request, not the compose panel's nor a failed job
    assert window.jobs == {}
