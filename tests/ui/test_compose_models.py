"""Choosing a model: the picker offers only that model's sizes, switching keeps the prompt and the tray,
moves the size to the nearest valid one and says so, and too many references are named before sending."""

from __future__ import annotations

import pytest

from seedream_desktop.api.models import MODELS, SEEDEDIT_30, SEEDREAM_40, SEEDREAM_45, SEEDREAM_50_LITE
from seedream_desktop.api.request import ReferenceImage
from seedream_desktop.api.sizes import by_key
from seedream_desktop.config import Paths
from seedream_desktop.library.kits import ReferenceKits
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.panel import ComposePanel
from seedream_desktop.ui.compose.size_picker import SizePicker
from tests.helpers.size_picker import cells as _cells
from tests.ui.compose_support import host


@pytest.fixture
def panel(qtbot) -> ComposePanel:  # type: ignore[no-untyped-def]
    paths = Paths.from_environment()
    widget = ComposePanel(PromptHistory.in_paths(paths), ReferenceKits.in_paths(paths))
    host(qtbot, widget)
    return widget


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_picker_shows_exactly_the_models_sizes(qtbot, model) -> None:
    picker = SizePicker()
    host(qtbot, picker)
    picker.set_model(model)
    picker.resize(picker.sizeHint())
    assert _cells(picker) == set(model.sizes)
    for preset in model.sizes:
        assert picker.preset_at(picker.cell_rect(preset).center()) == preset


def test_picker_refuses_a_size_the_model_does_not_make(qtbot) -> None:
    picker = SizePicker()
    host(qtbot, picker)
    picker.set_model(SEEDREAM_45)
    picker.set_size_preset(by_key("1K-1:1"))
    assert picker.size_preset() in SEEDREAM_45.sizes


def test_switching_model_keeps_prompt_and_tray_and_moves_the_size(qtbot, panel) -> None:
    panel.editor.set_text("a lighthouse at dusk")
    panel.add_references(["https://example.test/style.png"])
    panel.size_picker.set_size_preset(by_key("1K-1:1"))
    panel.model_choice.set_model(SEEDREAM_45)
    request = panel.request()
    assert request.model == SEEDREAM_45.id
    assert request.prompt == "a lighthouse at dusk"
    assert request.references == (ReferenceImage("https://example.test/style.png"),)
    assert request.size == SEEDREAM_45.size_by_key("2K-1:1")
    assert panel.model_notice.isVisibleTo(panel)
    assert "1K 1:1" in panel.model_notice.text() and "2K 1:1" in panel.model_notice.text()
    assert request.problems() == []


def test_switching_to_lite_moves_4k_wide_to_3k_wide(qtbot, panel) -> None:
    panel.editor.set_text("a harbour")
    panel.size_picker.set_size_preset(by_key("4K-16:9"))
    panel.model_choice.set_model(SEEDREAM_50_LITE)
    assert panel.request().size == SEEDREAM_50_LITE.size_by_key("3K-16:9")
    # a size that exists for both stays, and nothing is said
    panel.model_choice.set_model(SEEDREAM_40)
    panel.size_picker.set_size_preset(by_key("2K-1:1"))
    panel.model_choice.set_model(SEEDREAM_45)
    assert panel.request().size == by_key("2K-1:1")
    assert not panel.model_notice.isVisibleTo(panel)


def test_too_many_references_for_the_model_is_said_and_blocks_generate(qtbot, panel) -> None:
    panel.editor.set_text("change the sky")
    panel.add_references(["https://example.test/a.png", "https://example.test/b.png"])
    qtbot.waitUntil(panel.generate_button.isEnabled)
    panel.model_choice.set_model(SEEDEDIT_30)
    assert "Too many references for SeedEdit 3.0 (it takes 1)" in panel.model_notice.text()
    qtbot.waitUntil(lambda: not panel.generate_button.isEnabled())
    assert any(p.field == "references" for p in panel.problems())
    assert panel.problems_label.isVisibleTo(panel)


def test_seededit_shows_guidance_hides_sequential_and_sends_cfg(qtbot, panel) -> None:
    panel.editor.set_text("make it winter")
    panel.add_references(["https://example.test/a.png"])
    panel.controls.sequential.setValue(3)
    panel.model_choice.set_model(SEEDEDIT_30)
    assert panel.model_choice.cfg.isVisibleTo(panel)
    assert not panel.model_choice.prompt_mode.isVisibleTo(panel)
    assert not panel.controls.sequential.isEnabled()
    panel.model_choice.cfg.setValue(7.5)
    request = panel.request()
    assert (request.cfg_scale, request.max_sequential_images) == (7.5, None)
    assert request.problems() == []
    task = request.to_task("u")
    assert task["CFGScale"] == 7.5 and "width" not in task


def test_prompt_mode_for_45_and_reuse_settings_restores_the_model(qtbot, panel) -> None:
    panel.editor.set_text("a poster")
    panel.model_choice.set_model(SEEDREAM_45)
    panel.model_choice.prompt_mode.setCurrentIndex(panel.model_choice.prompt_mode.findData("fast"))
    request = panel.request()
    assert request.optimize_prompt_mode == "fast"
    panel.model_choice.set_model(SEEDREAM_40)
    assert panel.request().optimize_prompt_mode is None
    panel.load_request(request)
    assert panel.request() == request


def test_the_prompt_limit_follows_the_model(qtbot, panel) -> None:
    panel.editor.set_text("a" * 600)
    assert not panel.editor.is_too_long()  # 4.0 takes 2000
    panel.model_choice.set_model(SEEDEDIT_30)  # SeedEdit takes 500
    assert panel.editor.is_too_long()
    assert "/ 500" in panel.editor.counter.text()
    assert any(p.field == "prompt" for p in panel.problems())
    panel.model_choice.set_model(SEEDREAM_40)
    assert not panel.editor.is_too_long()
