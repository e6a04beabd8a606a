"""GenerationControls: ranges, PNG disables quality, seed random/fixed/dice, estimate text."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.ui.compose.controls import GenerationControls


def test_defaults_make_a_plain_request(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    request = controls.apply_to(GenerationRequest(prompt="x"))
    assert (request.number_results, request.max_sequential_images, request.seed) == (1, None, None)
    assert request.output_format == "PNG" and request.safety == "none"


def test_ranges_follow_seedream_limits(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    assert (controls.results.minimum(), controls.results.maximum()) == (1, 20)
    assert (controls.sequential.minimum(), controls.sequential.maximum()) == (0, 15)
    assert controls.sequential.text() == "Off"
    assert (controls.quality.minimum(), controls.quality.maximum()) == (20, 99)


def test_png_disables_quality_and_says_why(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    assert not controls.quality.isEnabled()
    assert "lossless" in controls.quality.toolTip()
    controls.format.setCurrentText("JPG")
    assert controls.quality.isEnabled()
    controls.quality.setValue(80)
    assert controls.apply_to(GenerationRequest(prompt="x")).output_quality == 80


def test_sequential_signal_and_estimate(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    with qtbot.waitSignal(controls.sequentialChanged) as seq:
        controls.sequential.setValue(4)
    assert seq.args == [4]
    controls.results.setValue(2)
    request = controls.apply_to(GenerationRequest(prompt="x"))
    controls.show_estimate(request)
    assert controls.estimate.text().startswith("≈ $0.24 for up to 8 images")
    with qtbot.waitSignal(controls.sequentialChanged) as seq:
        controls.sequential.setValue(0)
    assert seq.args == [None]
    controls.show_estimate(controls.apply_to(GenerationRequest(prompt="x")))
    assert controls.estimate.text() == "≈ $0.06 for 2 image(s)"


def test_seed_random_fixed_and_dice(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    assert controls.seed_value() is None and not controls.seed.isEnabled()
    qtbot.mouseClick(controls.dice, Qt.MouseButton.LeftButton)
    rolled = controls.seed_value()
    assert rolled is not None and controls.fixed_seed.isChecked()
    controls.set_seed(2**62)
    assert controls.apply_to(GenerationRequest(prompt="x")).seed == 2**62
    controls.fixed_seed.setChecked(False)
    assert controls.seed_value() is None
    controls.set_seed(None)
    assert controls.seed.text() == ""


def test_load_round_trip(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    original = GenerationRequest(
        prompt="x",
        number_results=3,
        max_sequential_images=2,
        output_format="WEBP",
        output_quality=70,
        seed=42,
        safety="full",
    )
    controls.load(original)
    assert controls.apply_to(GenerationRequest(prompt="x")) == original


def test_every_form_label_has_a_buddy_so_no_ampersand_shows(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLabel

    from seedream_desktop.ui.compose.controls import GenerationControls

    controls = GenerationControls()
    qtbot.addWidget(controls)
    form = controls.layout()
    assert isinstance(form, QFormLayout)
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole)
    ]
    assert len(labels) == 6
    for label in labels:
        assert isinstance(label, QLabel)
        assert label.buddy() is not None, label.text()


def test_new_defaults_replace_untouched_values_and_keep_chosen_ones(qtbot) -> None:
    controls = GenerationControls()
    qtbot.addWidget(controls)
    controls.set_defaults("WEBP", 80)  # a fresh compose: both follow Settings
    assert (controls.format.currentText(), controls.quality.value()) == ("WEBP", 80)
    controls.quality.setValue(60)  # the person chose this one
    controls.set_defaults("JPG", 90)
    assert (controls.format.currentText(), controls.quality.value()) == ("JPG", 60)
    controls.set_defaults("TIFF", 5)  # a hand-edited settings file: no such format, quality clamped
    assert (controls.format.currentText(), controls.quality.value()) == ("JPG", 60)
