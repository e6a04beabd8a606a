"""What ``seedream-desktop --self-test`` checks in a built app, each printing one line and returning 0 or 1."""

from __future__ import annotations

import sys
from pathlib import Path

from seedream_desktop.config import Paths

QT_OWN_MESSAGE = ("QPlatformTheme", "Cancel")  # a dialog button, from Qt's qtbase catalog


def check_chinese(app) -> int:
    """The build carries both zh_CN catalogs and Qt loads them: ours, and Qt's own (dialog buttons)."""
    from PySide6.QtCore import QCoreApplication

    from seedream_desktop.ui import language

    installed = language.install_translators(app, "zh_CN")
    try:
        ours = QCoreApplication.translate("StatusBar", "Idle")
        qt = QCoreApplication.translate(*QT_OWN_MESSAGE)  # not a literal: lupdate must not take it for ours
    finally:
        language.remove_translators(app, installed)
    if len(installed) != 2 or ours == "Idle" or qt == QT_OWN_MESSAGE[1]:
        print(f"self-test FAILED: {len(installed)} of 2 zh_CN catalogs work", file=sys.stderr)
        return 1
    print("self-test ok: zh_CN catalogs (ours and Qt's) load")
    return 0


def check_saved(saved: list, failures: list[str]) -> int:
    """The demo generation saved a readable image of the prompt that was asked for."""
    from PySide6.QtGui import QImageReader

    if failures or not saved:
        print(f"self-test FAILED: {failures[0] if failures else 'no image within 60 s'}", file=sys.stderr)
        return 1
    path = Path(saved[0].path)
    reader = QImageReader(str(path))
    size = reader.size()
    if (
        not path.is_file()
        or not size.isValid()
        or saved[0].record.prompt != "self-test: a lighthouse at dusk"
    ):
        print(f"self-test FAILED: {path} is not the image that was asked for", file=sys.stderr)
        return 1
    print(f"self-test ok: {path.name} {size.width()}×{size.height()}")
    return 0


def check_hand_over(app, window, paths: Paths, image: Path) -> int:
    """A second launch's images reach this window's tray (the local socket works in this build)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    from seedream_desktop.ui.hand_over import hand_over, lock_file, socket_address

    requests = app.open_requests
    requests.imagesOpened.connect(window.open_images)
    requests.attach()
    address = socket_address(paths.data)
    try:
        if address is None or not requests.listen(address, lock_file(paths.data)):
            print("self-test FAILED: no private folder for the hand-over socket", file=sys.stderr)
            return 1
        if not hand_over(address, [str(image)]):
            print("self-test FAILED: a second launch could not hand its image over", file=sys.stderr)
            return 1
        deadline = QDeadlineTimer(10_000)
        while not window.compose.tray.references() and not deadline.hasExpired():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    finally:
        requests.close()
    if [r.source for r in window.compose.tray.references()] != [str(Path(image).resolve())]:
        print("self-test FAILED: the handed-over image is not in the reference tray", file=sys.stderr)
        return 1
    print("self-test ok: a second launch's image reached the reference tray")
    return 0
