"""Generation controls: how many images, sequential sets, format, quality, seed, safety, and what it costs."""

from __future__ import annotations

import random

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from seedream_desktop.api.request import (
    OUTPUT_FORMATS,
    QUALITY_MAX,
    QUALITY_MIN,
    RESULTS_MAX,
    RESULTS_MIN,
    SEED_MAX,
    SEED_MIN,
    SEQUENTIAL_MAX,
    GenerationRequest,
)

# Seeds the dice rolls: wide enough to never repeat by chance, small enough to read and type back.
DICE_MAX = 2**32 - 1
_BUILT_IN = GenerationRequest(prompt="")


class GenerationControls(QWidget):
    changed = Signal()
    sequentialChanged = Signal(object)  # int or None (off)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = QSpinBox(self)
        self.results.setRange(RESULTS_MIN, RESULTS_MAX)
        self.results.setAccessibleName(self.tr("Number of images"))
        self.results.setToolTip(
            self.tr("How many separate images to make ({0}–{1}).").format(RESULTS_MIN, RESULTS_MAX)
        )

        self.sequential = QSpinBox(self)
        self.sequential.setRange(0, SEQUENTIAL_MAX)
        self.sequential.setSpecialValueText(self.tr("Off"))
        self.sequential.setAccessibleName(self.tr("Sequential images"))
        self.sequential.setToolTip(
            self.tr(
                "Off, or up to {0} images made as one coherent, numbered set (a storyboard, a character "
                "sheet). References plus sequential images may be at most 15; the model may return fewer."
            ).format(SEQUENTIAL_MAX)
        )

        self.format = QComboBox(self)
        self.format.addItems(list(OUTPUT_FORMATS))
        self.format.setCurrentText(_BUILT_IN.output_format)
        # The defaults the format and quality started from: a value still equal to them was not chosen.
        self._defaults: tuple[str, int] = (_BUILT_IN.output_format, _BUILT_IN.output_quality)
        self.format.setAccessibleName(self.tr("File format"))
        self.format.setToolTip(self.tr("PNG keeps every pixel; JPG and WEBP are smaller files."))

        self.quality = QSpinBox(self)
        self.quality.setRange(QUALITY_MIN, QUALITY_MAX)
        self.quality.setValue(_BUILT_IN.output_quality)
        self.quality.setAccessibleName(self.tr("Quality"))

        self.fixed_seed = QCheckBox(self.tr("Fixed"), self)
        self.fixed_seed.setAccessibleName(self.tr("Use a fixed seed"))
        self.fixed_seed.setToolTip(self.tr("Off: a new random seed every time. On: repeat this exact seed."))
        self.seed = QLineEdit(self)
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{1,19}"), self.seed))
        self.seed.setPlaceholderText(self.tr("random"))
        self.seed.setAccessibleName(self.tr("Seed"))
        self.seed.setToolTip(self.tr("A whole number from {0} to {1}.").format(SEED_MIN, SEED_MAX))
        self.dice = QToolButton(self)
        self.dice.setText(self.tr("Roll"))
        self.dice.setToolTip(self.tr("Roll a new seed and keep it fixed"))
        self.dice.setAccessibleName(self.tr("Roll a new seed"))
        self.dice.clicked.connect(self.roll_seed)

        self.safety = QComboBox(self)
        for value, label in (("none", self.tr("Off")), ("fast", self.tr("Fast")), ("full", self.tr("Full"))):
            self.safety.addItem(label, value)
        self.safety.setAccessibleName(self.tr("Safety check"))
        self.safety.setToolTip(self.tr("Have Runware check the results for unsafe content."))

        self.estimate = QLabel(self)
        self.estimate.setAccessibleName(self.tr("Cost estimate"))

        seed_row = QHBoxLayout()
        seed_row.setContentsMargins(0, 0, 0, 0)
        seed_row.addWidget(self.fixed_seed)
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.dice)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Images:"), self.results)
        form.addRow(self.tr("Se&quential:"), self.sequential)
        form.addRow(self.tr("F&ormat:"), self.format)
        form.addRow(self.tr("&Quality:"), self.quality)
        # A layout row gets no buddy from QFormLayout, and a label without one shows its "&" literally.
        seed_label = QLabel(self.tr("S&eed:"), self)
        seed_label.setBuddy(self.fixed_seed)
        form.addRow(seed_label, seed_row)
        form.addRow(self.tr("Sa&fety:"), self.safety)
        form.addRow(self.estimate)

        self.results.valueChanged.connect(self.changed)
        self.sequential.valueChanged.connect(self._on_sequential)
        self.format.currentIndexChanged.connect(self._on_format)
        self.quality.valueChanged.connect(self.changed)
        self.fixed_seed.toggled.connect(self._on_fixed_seed)
        self.seed.textChanged.connect(self.changed)
        self.safety.currentIndexChanged.connect(self.changed)
        self._on_format()
        self._on_fixed_seed(False)

    # ---- values -------------------------------------------------------------------------------
    def apply_to(self, request: GenerationRequest) -> GenerationRequest:
        seq = self.sequential.value() or None
        return request.with_changes(
            number_results=self.results.value(),
            max_sequential_images=seq,
            output_format=self.format.currentText(),
            output_quality=self.quality.value(),
            seed=self.seed_value(),
            safety=self.safety.currentData(),
        )

    def load(self, request: GenerationRequest) -> None:
        self.results.setValue(request.number_results)
        self.sequential.setValue(request.max_sequential_images or 0)
        self.format.setCurrentText(request.output_format)
        self.quality.setValue(request.output_quality)
        self.set_seed(request.seed)
        index = self.safety.findData(request.safety)
        self.safety.setCurrentIndex(max(0, index))

    def set_defaults(self, output_format: str, quality: int) -> None:
        """New defaults from Settings. A value the person set in this compose stays; one still at the
        old default follows, so a fresh compose (and every untouched field) uses the new default."""
        old_format, old_quality = self._defaults
        if output_format not in OUTPUT_FORMATS:
            output_format = old_format  # a hand-edited settings file: keep what was there
        quality = min(QUALITY_MAX, max(QUALITY_MIN, int(quality)))
        if self.format.currentText() == old_format:
            self.format.setCurrentText(output_format)
        if self.quality.value() == old_quality:
            self.quality.setValue(quality)
        self._defaults = (output_format, quality)

    def seed_value(self) -> int | None:
        if not self.fixed_seed.isChecked() or not self.seed.text():
            return None
        return int(self.seed.text())

    def set_seed(self, seed: int | None) -> None:
        """A fixed seed (reuse seed), or None for a random one each time."""
        self.fixed_seed.setChecked(seed is not None)
        self.seed.setText("" if seed is None else str(seed))

    def roll_seed(self) -> None:
        self.set_seed(random.randint(SEED_MIN, DICE_MAX))

    def show_estimate(self, request: GenerationRequest) -> None:
        images, cost = request.expected_images, request.estimated_cost
        if request.max_sequential_images:
            text = self.tr("≈ ${cost:.2f} for up to {n} images (the model may return fewer)")
        else:
            text = self.tr("≈ ${cost:.2f} for %n image(s)", "", images)
        self.estimate.setText(text.format(cost=cost, n=images))

    # ---- reactions ----------------------------------------------------------------------------
    def _on_sequential(self, value: int) -> None:
        self.sequentialChanged.emit(value or None)
        self.changed.emit()

    def _on_format(self, *args: object) -> None:
        lossless = self.format.currentText() == "PNG"
        # PNG is lossless, so quality would do nothing: disabled, and the tooltip says why.
        self.quality.setEnabled(not lossless)
        self.quality.setToolTip(
            self.tr("PNG is lossless; quality applies to JPG and WEBP only.")
            if lossless
            else self.tr("Compression quality, {0}–{1} (higher is larger and sharper).").format(
                QUALITY_MIN, QUALITY_MAX
            )
        )
        self.changed.emit()

    def _on_fixed_seed(self, fixed: bool) -> None:
        self.seed.setEnabled(fixed)
        if fixed and not self.seed.text():
            self.seed.setText(str(random.randint(SEED_MIN, DICE_MAX)))
        self.changed.emit()
