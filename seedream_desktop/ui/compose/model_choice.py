"""Which provider and model make the next image, and the options only that model takes (CFGScale, prompt
optimisation). The model list holds only what the chosen provider offers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from seedream_desktop.api.models import DEFAULT_MODEL, MODELS, Model, model_by_id
from seedream_desktop.api.request import GenerationRequest

RUNWARE, ARK = "runware", "ark"


def models_of(provider: str) -> tuple[Model, ...]:
    """The registry's models one provider offers (ModelArk: the ids api/ark.py maps)."""
    if provider != ARK:
        return MODELS
    from seedream_desktop.api.ark import ARK_MODEL_IDS  # httpx: not before the first frame

    return tuple(m for m in MODELS if m.id in ARK_MODEL_IDS)


class ModelChoice(QWidget):
    """The model list from the registry; the guidance scale shows for SeedEdit only, prompt optimisation
    for the models that document it. Every option the chosen model does not take is hidden, not greyed."""

    modelChanged = Signal(object)  # Model
    providerChanged = Signal(str)  # RUNWARE or ARK
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.providers = QComboBox(self)
        self.providers.setObjectName("provider")
        self.providers.addItem(self.tr("Runware"), RUNWARE)
        self.providers.addItem(self.tr("BytePlus ModelArk"), ARK)
        self.providers.setAccessibleName(self.tr("Provider"))
        self.providers.setToolTip(self.tr("Who makes the images: each provider uses its own key (Settings)."))
        self.combo = QComboBox(self)
        self._fill(MODELS)
        self.combo.setAccessibleName(self.tr("Model"))
        self.combo.setToolTip(self.tr("The model that makes the images. The prompt and references stay."))

        self.cfg = QDoubleSpinBox(self)
        self.cfg.setDecimals(1)
        self.cfg.setSingleStep(0.5)
        self.cfg.setAccessibleName(self.tr("Guidance scale"))
        self.cfg.setToolTip(self.tr("How closely the edit follows the prompt: higher is more literal."))
        self.cfg_label = QLabel(self.tr("&Guidance:"), self)
        self.cfg_label.setBuddy(self.cfg)

        self.prompt_mode = QComboBox(self)
        modes = (
            (None, self.tr("Model default")),
            ("standard", self.tr("Standard (better)")),
            ("fast", self.tr("Fast")),
        )
        for value, label in modes:
            self.prompt_mode.addItem(label, value)
        self.prompt_mode.setAccessibleName(self.tr("Prompt optimisation"))
        self.prompt_mode.setToolTip(self.tr("How the model rewrites the prompt before drawing."))
        self.prompt_mode_label = QLabel(self.tr("O&ptimise prompt:"), self)
        self.prompt_mode_label.setBuddy(self.prompt_mode)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("P&rovider:"), self.providers)
        form.addRow(self.tr("&Model:"), self.combo)
        form.addRow(self.cfg_label, self.cfg)
        form.addRow(self.prompt_mode_label, self.prompt_mode)

        self.combo.currentIndexChanged.connect(self._on_model)
        self.providers.currentIndexChanged.connect(self._on_provider)
        self.cfg.valueChanged.connect(self.changed)
        self.prompt_mode.currentIndexChanged.connect(self.changed)
        self._show_options(DEFAULT_MODEL)

    def _fill(self, models: tuple[Model, ...]) -> None:
        self.combo.clear()
        for model in models:
            self.combo.addItem(model.name, model.id)
            self.combo.setItemData(
                self.combo.count() - 1,
                self.tr("{model}: about ${price:.3f} per image").format(
                    model=model.name, price=model.price_per_image_usd
                ),
                Qt.ItemDataRole.ToolTipRole,
            )

    # ---- values -------------------------------------------------------------------------------
    def provider(self) -> str:
        return str(self.providers.currentData() or RUNWARE)

    def set_provider(self, provider: str) -> None:
        self.providers.setCurrentIndex(max(0, self.providers.findData(provider)))

    def model(self) -> Model:
        return model_by_id(self.combo.currentData()) or DEFAULT_MODEL

    def set_model(self, model: Model) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(model.id)))

    def apply_to(self, request: GenerationRequest) -> GenerationRequest:
        model = self.model()
        return request.with_changes(
            model=model.id,
            cfg_scale=self.cfg.value() if model.cfg_scale else None,
            optimize_prompt_mode=self.prompt_mode.currentData() if model.optimize_prompt_modes else None,
        )

    def load(self, request: GenerationRequest) -> None:
        model = request.spec or DEFAULT_MODEL
        if self.combo.findData(model.id) < 0:
            self.set_provider(RUNWARE)  # reused settings of a model this provider does not offer
        self.set_model(model)
        if request.cfg_scale is not None:
            self.cfg.setValue(request.cfg_scale)
        self.prompt_mode.setCurrentIndex(max(0, self.prompt_mode.findData(request.optimize_prompt_mode)))

    # ---- reactions ----------------------------------------------------------------------------
    def _on_provider(self, *args: object) -> None:
        """Only the provider's models are offered; the model stays when the provider has it too."""
        before = self.model()
        self.combo.blockSignals(True)
        self._fill(models_of(self.provider()))
        self.combo.setCurrentIndex(max(0, self.combo.findData(before.id)))
        self.combo.blockSignals(False)
        self.providerChanged.emit(self.provider())
        if self.model() != before:
            self._on_model()
        else:
            self.changed.emit()

    def _on_model(self, *args: object) -> None:
        model = self.model()
        self._show_options(model)
        self.modelChanged.emit(model)
        self.changed.emit()

    def _show_options(self, model: Model) -> None:
        if model.cfg_scale:
            low, high, default = model.cfg_scale
            self.cfg.setRange(low, high)
            self.cfg.setValue(default)
        self.cfg.setVisible(model.cfg_scale is not None)
        self.cfg_label.setVisible(model.cfg_scale is not None)
        self.prompt_mode.setVisible(bool(model.optimize_prompt_modes))
        self.prompt_mode_label.setVisible(bool(model.optimize_prompt_modes))
