"""`seedream-desktop`: the GUI entry point — builds the window, the worker bridge and (for --demo) the emulator."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from seedream_desktop import APP_ID, APP_NAME, __version__
from seedream_desktop.config import Paths, Settings

if TYPE_CHECKING:
    from seedream_desktop.secrets import KeyStore

DEMO_KEY = "demo-key"  # the emulator accepts any key; this one never leaves the machine
# In Settings: how a start without a key opens once the welcome was answered, "demo" or "window".
START_IN = "start_in"


@dataclass
class DemoServer:
    """Starts the built-in emulator on first use and stops it at exit."""

    latency: float = 0.8
    emulator: object | None = field(default=None)

    def connection(self):
        from seedream_desktop.emulator import start_demo_emulator
        from seedream_desktop.ui.bridge import Connection

        if self.emulator is None:
            self.emulator = start_demo_emulator(self.latency)
        return Connection(DEMO_KEY, self.emulator.url, demo=True)  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self.emulator is not None:
            self.emulator.stop()  # type: ignore[attr-defined]
            self.emulator = None


class LazyKeyStore:
    """A KeyStore made on first use: keyring's imports cost ~70 ms that the first frame need not wait for."""

    def __init__(self) -> None:
        self._store: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._store is None:
            from seedream_desktop.secrets import KeyStore

            self._store = KeyStore()
        return getattr(self._store, name)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="seedream-desktop", description=f"{APP_NAME}: Seedream 4.0 on your desktop."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="run against the built-in emulator (no key, no network)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="offscreen: one demo generation, check the saved file, exit 0",
    )
    parser.add_argument("images", nargs="*", help="images to put into the reference tray")
    return parser.parse_args(argv)


def build(paths: Paths, demo: DemoServer, *, pacing=None, open_url=None):
    """The window and its bridge, wired; the caller starts the bridge and shows the window."""
    from PySide6.QtGui import QGuiApplication

    from seedream_desktop.jobs.connection import SessionOptions
    from seedream_desktop.library.kits import ReferenceKits
    from seedream_desktop.library.prompt_history import PromptHistory
    from seedream_desktop.ui import theme
    from seedream_desktop.ui.bridge import Bridge
    from seedream_desktop.ui.compose.panel import ComposePanel
    from seedream_desktop.ui.main_window import MainWindow, WindowParts
    from seedream_desktop.ui.pipeline_factory import pipeline_factory
    from seedream_desktop.ui.results.thumbnail_files import ResultThumbnailFiles

    settings = Settings(paths)
    options = SessionOptions(
        paths,
        settings.library,
        pacing=pacing,
        settings=settings,  # the budget is read live from settings
    )
    bridge = Bridge(pipeline_factory(options))
    compose = ComposePanel(PromptHistory.in_paths(paths), ReferenceKits.in_paths(paths))
    parts = WindowParts(
        paths=paths,
        settings=settings,
        keys=cast("KeyStore", LazyKeyStore()),
        bridge=bridge,
        compose=compose,
        clipboard=QGuiApplication.clipboard(),
        start_demo=demo.connection,
        thumbnail_file=ResultThumbnailFiles(paths.thumbnails),
    )
    if open_url is not None:
        parts.open_url = open_url
    QGuiApplication.setWindowIcon(theme.app_icon())
    return MainWindow(parts), bridge


def install_runtime_patches() -> None:
    """The WORKAROUNDs for the runtime beneath us, each module naming its upstream cause; idempotent."""
    from seedream_desktop.ui._allocator import large_allocations_from_mmap

    large_allocations_from_mmap()  # before any image is decoded: see _allocator.py
    import PySide6.QtCore  # noqa: F401  (installs the import hook that _feature_hook.py answers faster)

    from seedream_desktop.ui._feature_hook import answer_from_files

    answer_from_files()  # before the ~60 modules of the window import


def make_application(argv: Sequence[str]):
    install_runtime_patches()
    from seedream_desktop.ui import theme
    from seedream_desktop.ui.garbage import GarbageCollector
    from seedream_desktop.ui.open_requests import Application

    app = Application(list(argv))
    app.garbage_collector = GarbageCollector(app)  # type: ignore[attr-defined]  # see ui/garbage.py
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    theme.read_app_icon_in_background()  # build() sets it, once the window's modules are imported
    return app


def install_translations(app, language: str) -> tuple[list, str]:
    """The interface language's translators (ui/language.py), and '' or a note for the window.

    With no CJK font a Chinese interface would be empty boxes: it stays English and the note (English on
    purpose) says which font package to install.
    """
    from PySide6.QtCore import QLocale

    from seedream_desktop.ui import fonts
    from seedream_desktop.ui.language import (
        SOURCE_LANGUAGE,
        formatting_locale,
        install_translators,
        interface_language,
    )

    missing_font = fonts.check_cjk_font()
    if missing_font:
        print(missing_font, file=sys.stderr)
    if missing_font and interface_language(language) != SOURCE_LANGUAGE:
        language, note = SOURCE_LANGUAGE, missing_font
    else:
        note = ""
    QLocale.setDefault(formatting_locale(interface_language(language)))
    return install_translators(app, language), note


def open_window(app, paths: Paths, demo: DemoServer, *, want_demo: bool, images: Sequence[str] = ()):
    """Show the window first; then connect the pipeline (its imports run on the worker) and greet."""
    from PySide6.QtCore import QTimer

    from seedream_desktop.ui import fonts

    fonts.look_for_cjk_font_in_background()
    # Meanwhile the window's modules import (~80 ms); no widget is made yet, so the translators still go
    # in first.
    import seedream_desktop.library.kits
    import seedream_desktop.library.prompt_history
    import seedream_desktop.ui.compose.panel
    import seedream_desktop.ui.main_window
    import seedream_desktop.ui.pipeline_factory  # noqa: F401

    _translators, font_note = install_translations(app, str(Settings(paths).get("language") or ""))
    window, bridge = build(paths, demo)
    window.show()
    if font_note:
        window.notices.info(font_note)

    def connect(keys: tuple[str | None, str | None] | None) -> None:
        from seedream_desktop.regular_files import absolute
        from seedream_desktop.ui.ark_window import connection_for
        from seedream_desktop.ui.hand_over import lock_file, socket_address

        # The demo, or whichever of Runware's and ModelArk's keys are set.
        connection = demo.connection() if want_demo else connection_for(keys, window.parts.settings.api_url)
        bridge.start(connection)
        remember_connections(window)
        if images:
            # Each goes to the tray, which refuses a pipe, a device or a link loop by name (never hangs).
            window.compose.add_references([str(absolute(p)) for p in images])
        requests = getattr(app, "open_requests", None)
        if requests is not None:  # images opened from the desktop while this window runs
            requests.imagesOpened.connect(window.open_images)
            requests.attach()
            address = socket_address(paths.data)
            if address is not None:
                requests.listen(address, lock_file(paths.data))
        if connection is None:
            greet(window)

    # Key lookup (keyring), the pipeline's imports and the greeting wait until the first frame is shown;
    # the lookup runs on the keychain thread: a locked keychain may ask to be unlocked, the window stays
    # live. An error there (no usable keychain) is like no key: the window offers the demo or a key.
    def look_up_key() -> None:
        if want_demo:
            connect(None)  # --demo needs no key
        else:
            from seedream_desktop.ui.ark_window import read_keys

            ark_keys = window.ark_keys
            window.keychain.run(
                lambda keys: read_keys(keys, ark_keys), lambda both, _error: connect(both), window
            )

    window.firstFrame.connect(lambda: QTimer.singleShot(0, look_up_key))
    return window, bridge


def greet(window):
    """A start without a key: the welcome on the very first run only; after that, the way it was left
    (the demo if that was chosen, else the plain window saying no key is set). Returns the welcome shown."""
    from seedream_desktop.ui.first_run import FirstRunDialog

    start_in = window.parts.settings.get(START_IN)
    if start_in == "demo":
        window.enter_demo()
    elif start_in:
        window.show_no_key()
    else:
        # Not modal for the whole app: the window stays usable behind it (and start-up never blocks).
        welcome = FirstRunDialog(window)
        welcome.finished.connect(lambda _code: _welcomed(window, welcome.choice))
        welcome.finished.connect(welcome.deleteLater)
        welcome.open()
        return welcome
    return None


def _welcomed(window, choice: str) -> None:
    remember_start(window.parts.settings, "demo" if choice == "demo" else "window")
    if choice == "demo":
        window.enter_demo()
        return
    window.show_no_key()
    if choice == "key":
        window.open_settings()


def remember_start(settings: Settings, start_in: str) -> None:
    if settings.get(START_IN) != start_in:
        settings.set(START_IN, start_in)


def remember_connections(window) -> None:
    """From now on (not for --demo's own start), the next start without a key opens as this one ends:
    in the demo after "Try the demo", in the plain window after a key was entered or removed."""
    window.bridge.connectionChanged.connect(
        lambda connection: remember_start(
            window.parts.settings, "demo" if connection is not None and connection.demo else "window"
        )
    )


def start_logging(paths: Paths) -> Path | None:
    """The log file (logs.py) from the very start, with Qt's own messages and Python's warnings in it:
    a window started from the desktop has no stderr to lose them on. Returns the file's path."""
    import logging

    from seedream_desktop import logs
    from seedream_desktop.ui import qt_log

    path = logs.configure(paths)
    qt_log.install()
    logging.captureWarnings(True)
    return path


def catch_unhandled(window, log_file: Path | None):
    """From now on an exception nobody caught is logged and shown in a dialog naming ``log_file``."""
    from seedream_desktop.ui.unhandled import UnhandledErrors

    return UnhandledErrors(window, log_file).install()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        return self_test()
    paths = Paths.from_environment()
    log_file = start_logging(paths)
    app = make_application([sys.argv[0]])
    if args.images and not args.demo:
        from seedream_desktop.ui.hand_over import hand_over, socket_address

        address = socket_address(paths.data)
        if address is not None and hand_over(address, args.images):
            return 0  # the window already open has them in its tray
    demo = DemoServer()
    window, bridge = open_window(app, paths, demo, want_demo=args.demo, images=args.images)
    unhandled = catch_unhandled(window, log_file)
    try:
        return int(app.exec())
    finally:
        unhandled.uninstall()
        app.open_requests.close()  # removes the socket file others hand their images over through
        bridge.stop()
        demo.stop()


def self_test() -> int:
    """Offscreen, in a throwaway home: one demo generation end to end, then check the saved file."""
    import tempfile

    from seedream_desktop.jobs.state import JobState
    from seedream_desktop.ui.self_checks import check_chinese, check_hand_over, check_saved

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="seedream-self-test-") as home:
        os.environ["SEEDREAM_HOME"] = home
        os.environ.pop("SEEDREAM_LIBRARY", None)
        paths = Paths.from_environment()
        app = make_application([sys.argv[0] if sys.argv else "seedream-desktop"])
        demo = DemoServer(latency=0.0)
        window, bridge = build(paths, demo)
        saved: list = []
        failures: list[str] = []
        bridge.imageSaved.connect(lambda _job, image: saved.append(image))
        bridge.jobChanged.connect(
            lambda view: failures.append(str(view.error)) if view.state is JobState.FAILED else None
        )
        try:
            bridge.start(demo.connection()).result(30)
            window.show()
            window.compose.editor.set_text("self-test: a lighthouse at dusk")
            window.compose.try_generate()
            from PySide6.QtCore import QDeadlineTimer, QEventLoop

            deadline = QDeadlineTimer(60_000)
            while not saved and not failures and not deadline.hasExpired():
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            return (
                check_saved(saved, failures)
                or check_hand_over(app, window, paths, saved[0].path)
                or check_chinese(app)
            )
        finally:
            window.close()
            bridge.stop()
            demo.stop()


if __name__ == "__main__":
    sys.exit(main())
