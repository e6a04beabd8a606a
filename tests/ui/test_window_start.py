"""Starting the window (app.open_window): the welcome on the first run only, --demo, generating before
the connection is up, and the compose defaults from Settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from seedream_desktop.app import START_IN, DemoServer, open_window
from seedream_desktop.config import Paths, Settings
from seedream_desktop.ui.bridge import Connection
from seedream_desktop.ui.first_run import FirstRunDialog
from tests.helpers.window import saved_rows, type_prompt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def start(qapp, qtbot) -> Iterator:
    """As `seedream-desktop` starts: the window shown first, the bridge started after its first frame."""
    made: list = []

    def open_(*, want_demo: bool = False):
        demo = DemoServer(latency=0.0)
        window, bridge = open_window(qapp, Paths.from_environment(), demo, want_demo=want_demo)
        made.append((window, bridge, demo))
        qtbot.addWidget(window)
        return window

    yield open_
    for window, bridge, demo in made:
        window.close()
        bridge.stop()
        demo.stop()
    for translator in qapp.findChildren(QTranslator):  # open_window installs the interface language
        qapp.removeTranslator(translator)
        translator.deleteLater()


def welcome_of(window) -> FirstRunDialog | None:
    dialog = window.findChild(FirstRunDialog)
    return dialog if dialog is not None and dialog.isVisible() else None


def test_generating_before_the_connection_is_up_starts_the_job_once_it_is(start, qtbot):
    window = start(want_demo=True)
    assert not window.bridge.is_running()  # it starts after the first frame
    type_prompt(qtbot, window, "asked for at once")
    window.compose.try_generate()  # as Ctrl+Enter does
    assert "Connecting…" in window.error_banner.text.text()
    assert window.model.rowCount() == 0
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=30_000)
    assert window.model.item(saved_rows(window)[0]).prompt == "asked for at once"
    assert not window.error_banner.isVisible()
    assert "DEMO" in window.windowTitle()  # --demo: the emulator, with no welcome
    assert welcome_of(window) is None
    assert Settings(Paths.from_environment()).get(START_IN) == ""  # --demo is for this run only


def test_generating_while_reconnecting_waits_instead_of_failing(make_window, emulator, qtbot):
    window = make_window(Connection("key", emulator.url))
    type_prompt(qtbot, window, "during the switch")
    window.enter_demo()  # the pipeline is rebuilt for the demo
    window.compose.try_generate()
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=30_000)
    assert "not ready" not in window.error_banner.text.text()


def test_the_welcome_shows_on_the_first_run_only_and_the_demo_is_kept(start, qtbot):
    window = start()
    qtbot.waitUntil(lambda: welcome_of(window) is not None, timeout=10_000)
    welcome = welcome_of(window)
    assert welcome is not None
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.demo_banner.isVisible, timeout=10_000)
    window.close()

    again = start()
    qtbot.waitUntil(again.demo_banner.isVisible, timeout=10_000)  # the way it was left: the demo
    assert welcome_of(again) is None


def test_after_closing_the_welcome_the_window_starts_plain_and_says_no_key(start, qtbot):
    window = start()
    qtbot.waitUntil(lambda: welcome_of(window) is not None, timeout=10_000)
    welcome = welcome_of(window)
    assert welcome is not None
    welcome.reject()
    qtbot.waitUntil(window.error_banner.isVisible, timeout=10_000)
    window.close()

    again = start()
    banner = again.error_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "No Runware API key is set." in banner.text.text()
    assert banner.button.text() == "Open Settings"
    assert welcome_of(again) is None and not again.demo_banner.isVisible()


def test_a_fresh_compose_takes_format_and_quality_from_settings(make_window, qtbot):
    settings = Settings(Paths.from_environment())
    settings.set("output_format", "WEBP")
    settings.set("output_quality", 80)
    window = make_window(None)
    request = window.compose.request()
    assert (request.output_format, request.output_quality) == ("WEBP", 80)


def test_saved_defaults_reach_what_was_not_chosen_and_keep_what_was(make_window, qtbot):
    window = make_window(None)
    window.compose.controls.format.setCurrentText("JPG")  # chosen in this compose; quality left alone
    dialog = window.open_settings()
    dialog.output_format.setCurrentText("WEBP")
    dialog.quality.setValue(80)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    request = window.compose.request()
    assert (request.output_format, request.output_quality) == ("JPG", 80)


def test_another_library_folder_is_used_at_once(make_window, emulator, qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("SEEDREAM_LIBRARY")  # it would override the folder chosen in Settings
    Settings(Paths.from_environment()).set("library", str(tmp_path / "library"))
    window = make_window(Connection("key", emulator.url))
    type_prompt(qtbot, window, "kept in the first folder")
    window.compose.try_generate()
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=30_000)
    first = window.model.item(saved_rows(window)[0]).path
    window.library_tab.show_library(True)
    qtbot.waitUntil(lambda: window.library_tab.view.model.rowCount() == 1, timeout=10_000)

    other = tmp_path / "other-library"
    dialog = window.open_settings()
    dialog.library.setText(str(other))
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    # The page shows the new, empty folder at once, and stays in front.
    qtbot.waitUntil(lambda: window.library_tab.view.model.rowCount() == 0, timeout=10_000)
    assert window.library_tab.showing_library()
    assert window.library_tab.library.root.resolve() == other.resolve()

    type_prompt(qtbot, window, "kept in the second folder")
    window.compose.try_generate()
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 2, timeout=30_000)
    (second,) = {window.model.item(r).path for r in saved_rows(window)} - {first}
    assert other in second.parents and other not in first.parents  # saved where the person now asked
    qtbot.waitUntil(lambda: window.library_tab.view.model.rowCount() == 1, timeout=10_000)


def test_the_stored_key_is_read_off_the_gui_thread(start, qtbot, monkeypatch):
    import threading

    from seedream_desktop.secrets import KeyStore

    readers: list[int] = []
    unlocked = threading.Event()

    def get(self) -> str | None:  # as a locked keychain does: wait for the person to unlock it
        readers.append(threading.get_ident())
        unlocked.wait(10)
        return None

    monkeypatch.setattr(KeyStore, "get", get)
    window = start()
    qtbot.waitUntil(lambda: bool(readers), timeout=10_000)
    assert readers[0] != threading.get_ident()
    type_prompt(qtbot, window, "the window answers while the keychain waits")
    assert window.compose.editor.text() == "the window answers while the keychain waits"
    unlocked.set()
    qtbot.waitUntil(lambda: welcome_of(window) is not None, timeout=10_000)  # no key: the welcome
