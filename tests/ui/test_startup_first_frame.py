"""What the window's start-up makes before its first frame: only what that frame shows.

Run in a fresh offscreen process, the app's own start-up path (app.open_window, as ``bench gui`` runs it),
stopped at the first frame. PySide6 builds a Python class (and all its enums) the first time a Qt class is
touched, and the first wrapping of a widget Qt made tests it against every QWidget class: these tests
name the classes and modules that must wait for first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, os, sys
from seedream_desktop.app import DemoServer, catch_unhandled, make_application, open_window, start_logging
from seedream_desktop.config import Paths

paths = Paths.from_environment()
log_file = start_logging(paths)
app = make_application([sys.argv[0]])
from PySide6.QtCore import QEventLoop

window, bridge = open_window(app, paths, DemoServer(), want_demo=False)
catch_unhandled(window, log_file)
while not window.painted:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
made = {
    name: sorted(k for k in vars(module) if k.startswith("Q"))
    for name, module in list(sys.modules.items())
    if name.startswith("PySide6.Qt") and module is not None
}
print(json.dumps({"modules": sorted(sys.modules), "qt": made}), flush=True)
os._exit(0)  # the keychain lookup and the pipeline come after the first frame: not part of this
"""


@pytest.fixture(scope="module")
def at_first_frame(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("first-frame")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDREAM_")}
    env.update(QT_QPA_PLATFORM="offscreen", SEEDREAM_HOME=str(home), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_result_grid_makes_its_own_viewport(at_first_frame):
    # Fetching a Qt-made viewport with viewport() would have PySide build every widget class it tests
    # the viewport against (~50 enum types): none of these is in the first frame.
    made = at_first_frame["qt"]["PySide6.QtWidgets"]
    for never_shown in ("QCalendarWidget", "QWizard", "QMdiArea", "QColorDialog", "QFileDialog", "QTreeView"):
        assert never_shown not in made


def test_the_resend_question_and_library_notices_wait_for_first_use(at_first_frame):
    assert "QMessageBox" not in at_first_frame["qt"]["PySide6.QtWidgets"]
    modules = set(at_first_frame["modules"])
    assert "seedream_desktop.ui.resend_confirm" not in modules
    assert "seedream_desktop.library.notice" not in modules
