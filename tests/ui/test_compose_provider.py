"""The provider choice: each provider offers only its models, and the size picker only their sizes."""

from __future__ import annotations

import pytest

from seedream_desktop.api.ark import ARK_MODEL_IDS
from seedream_desktop.api.models import MODELS, SEEDEDIT_30, SEEDREAM_40, SEEDREAM_45
from seedream_desktop.config import Paths
from seedream_desktop.library.kits import ReferenceKits
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.panel import ComposePanel
from tests.helpers.size_picker import cells as _cells
from tests.ui.compose_support import host


@pytest.fixture
def panel(qtbot) -> ComposePanel:  # type: ignore[no-untyped-def]
    paths = Paths.from_environment()
    widget = ComposePanel(PromptHistory.in_paths(paths), ReferenceKits.in_paths(paths))
    host(qtbot, widget)
    return widget


def _offered(panel: ComposePanel) -> list[str]:
    combo = panel.model_choice.combo
    return [combo.itemData(i) for i in range(combo.count())]


def test_modelark_offers_only_its_models_and_their_sizes(panel) -> None:
    assert _offered(panel) == [m.id for m in MODELS]
    panel.model_choice.set_model(SEEDREAM_45)
    panel.model_choice.set_provider("ark")
    assert _offered(panel) == [m.id for m in MODELS if m.id in ARK_MODEL_IDS]
    assert SEEDEDIT_30.id not in _offered(panel)
    assert panel.model_choice.model() == SEEDREAM_45  # offered by both: kept
    assert _cells(panel.size_picker) == set(SEEDREAM_45.sizes)
    for model in (m for m in MODELS if m.id in ARK_MODEL_IDS):
        panel.model_choice.set_model(model)
        assert _cells(panel.size_picker) == set(model.sizes)


def test_switching_to_modelark_from_seededit_moves_to_a_model_it_offers(panel) -> None:
    panel.editor.set_text("a lighthouse")
    panel.model_choice.set_model(SEEDEDIT_30)
    panel.model_choice.set_provider("ark")
    assert panel.model_choice.model() == SEEDREAM_40
    assert _cells(panel.size_picker) == set(SEEDREAM_40.sizes)
    assert panel.editor.text() == "a lighthouse"  # the prompt stays
    assert panel.provider() == "ark"


def test_modelark_makes_one_image_per_request(panel) -> None:
    panel.editor.set_text("a lighthouse")
    panel.controls.results.setValue(3)
    panel.model_choice.set_provider("ark")
    assert panel.controls.results.value() == 1 and not panel.controls.results.isEnabled()
    panel.model_choice.set_provider("runware")
    assert panel.controls.results.isEnabled()
    assert _offered(panel) == [m.id for m in MODELS]


def test_reusing_a_seededit_image_under_modelark_goes_back_to_runware(panel) -> None:
    from seedream_desktop.api.request import GenerationRequest, ReferenceImage

    panel.model_choice.set_provider("ark")
    request = GenerationRequest(
        "brighter", references=(ReferenceImage("a.png"),), model=SEEDEDIT_30.id, size=SEEDREAM_40.default_size
    )
    panel.load_request(request)
    assert panel.provider() == "runware" and panel.model_choice.model() == SEEDEDIT_30
