"""Each model, through each provider that offers it, end to end in demo mode from the window."""

from __future__ import annotations

import pytest

from seedream_desktop.api.ark import ARK_MODEL_IDS
from seedream_desktop.api.models import MODELS
from seedream_desktop.app import DEMO_KEY
from seedream_desktop.jobs.state import JobState
from seedream_desktop.library.metadata import read_record
from seedream_desktop.ui.bridge import Connection
from tests.helpers.window import generate_with_keyboard, saved_rows, type_prompt
from tests.ui.conftest import make_image

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
RUNS = [("runware", m) for m in MODELS] + [("ark", m) for m in MODELS if m.id in ARK_MODEL_IDS]


@pytest.mark.parametrize(("provider", "model"), RUNS, ids=lambda x: getattr(x, "name", x))
def test_each_model_runs_in_demo_mode(make_window, emulator, qtbot, tmp_path, provider, model):
    window = make_window(Connection(DEMO_KEY, emulator.url, demo=True))
    window.compose.model_choice.set_provider(provider)
    window.compose.model_choice.set_model(model)
    assert window.compose.model_choice.model() == model
    if model.references_min:
        window.compose.add_references([str(make_image(tmp_path / "ref.png"))])
        qtbot.waitUntil(
            lambda: len(window.compose.tray.references()) == 1 and not window.compose.tray.is_busy(),
            timeout=10_000,
        )
    type_prompt(qtbot, window, f"a harbour at dawn, {model.name}")
    generate_with_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: any(v.state.finished for v in window.jobs.values()), timeout=20_000)
    (view,) = window.jobs.values()
    assert view.state is JobState.DONE, view.error
    qtbot.waitUntil(lambda: len(saved_rows(window)) == 1, timeout=5000)
    path = window.model.item(saved_rows(window)[0]).path
    assert read_record(path).model == model.id
