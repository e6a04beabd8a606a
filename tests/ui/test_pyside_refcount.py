"""Guard against the PySide6 6.12.0 bug that aborted the app: void Qt calls dropping references to None."""

import subprocess
import sys

SCRIPT = """
import seedream_desktop.ui  # installs the WORKAROUND in ui/_immortal.py before any Qt call
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(["x", "-platform", "offscreen"])
label = QLabel()
for _ in range(30000):  # 6.12.0 aborted after a few thousand of these ("none_dealloc")
    label.setText("x")
    label.setEnabled(True)
print("alive")
"""


def test_thousands_of_void_qt_calls_do_not_abort_the_interpreter():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"
