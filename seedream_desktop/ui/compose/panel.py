"""The compose side of the main window: prompt, size, references and controls, as one GenerationRequest."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from seedream_desktop.api.errors import CONTEXT, Problem
from seedream_desktop.api.models import Model
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Paths
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.kits import KitError, ReferenceKits
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.controls import GenerationControls
from seedream_desktop.ui.compose.kits_menu import KitsButton
from seedream_desktop.ui.compose.model_choice import ModelChoice
from seedream_desktop.ui.compose.prompt_editor import PromptEditor
from seedream_desktop.ui.compose.reference_tray import ReferenceTray, error_text
from seedream_desktop.ui.compose.size_picker import SizePicker
from seedream_desktop.ui.elide import ElidedLabel
from seedream_desktop.ui.theme import warning_palette

DEBOUNCE_MS = 100
STILL_PREPARING = QT_TRANSLATE_NOOP(CONTEXT, "Reference images are still being prepared.")


def problem_text(problem: Problem) -> str:
    return QCoreApplication.translate(CONTEXT, problem.template).format(**problem.params)


class ComposePanel(QWidget):
    """Everything the next generation will be. ``request()`` reads it, ``load_request()`` fills it
    (reuse settings is always an explicit call, never a side effect of looking at an image)."""

    generateRequested = Signal()  # only emitted when problems() is empty; the prompt is then recorded
    requestChanged = Signal()  # debounced: the estimate and the status bar follow

    def __init__(
        self,
        history: PromptHistory,
        kits: ReferenceKits,
        parent: QWidget | None = None,
        *,
        cache: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.kits = kits
        self._base = GenerationRequest(prompt="")
        self._parent_image: str | None = None
        self._tried = False  # "write a prompt first" is only shown once generating was tried

        self.editor = PromptEditor(history, self)
        self.model_choice = ModelChoice(self)
        # What switching model changed (the size moved, too many references): one short line.
        self.model_notice = QLabel(self)
        self.model_notice.setWordWrap(True)
        self.model_notice.setAccessibleName(self.tr("What changed with the model"))
        self.model_notice.hide()
        self.size_label = QLabel(self.tr("Size"), self)
        self.size_picker = SizePicker(self)
        self.size_label.setBuddy(self.size_picker)
        self.tray = ReferenceTray(cache or Paths.from_environment().cache / "refs", self)
        self.kits_button = KitsButton(kits, self)
        self.tray.header.addWidget(self.kits_button)
        self.parent_label = ElidedLabel("", self)  # a long file name elides: the panel never widens
        self.parent_label.setObjectName("editingLabel")
        self.parent_clear = QToolButton(self)
        self.parent_clear.setText("×")
        self.parent_clear.setToolTip(self.tr("Stop recording this as an edit of that image"))
        self.parent_clear.setAccessibleName(self.tr("Clear edited image"))
        self.parent_clear.clicked.connect(self.clear_parent_image)
        self.controls = GenerationControls(self)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName(self.tr("What blocks generating"))
        self._paint_problems()
        self.problems_label.hide()
        self.generate_button = QPushButton(self.tr("Generate"), self)
        self.generate_button.setToolTip(self.tr("Generate (Ctrl+Enter)"))
        self.generate_button.setAccessibleName(self.tr("Generate"))

        parent_row = QHBoxLayout()
        parent_row.addWidget(self.parent_label, 1)
        parent_row.addWidget(self.parent_clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.model_choice)
        layout.addWidget(self.model_notice)
        layout.addWidget(self.size_label)
        layout.addWidget(self.size_picker, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tray, 1)
        layout.addLayout(parent_row)
        layout.addWidget(self.controls)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.generate_button)
        self._show_parent()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._settle)
        self.editor.textChanged.connect(self._changed)
        self.editor.submitRequested.connect(self.try_generate)
        self.editor.imagesOffered.connect(self.tray.add_mime)
        self.size_picker.sizeChanged.connect(self._changed)
        self.model_choice.modelChanged.connect(self._on_model)
        self.model_choice.providerChanged.connect(self._on_provider)
        self.model_choice.changed.connect(self._changed)
        self.tray.changed.connect(self._changed)
        self.tray.idle.connect(self._changed)
        self.controls.changed.connect(self._changed)
        self.controls.sequentialChanged.connect(self.tray.set_sequential)
        self.generate_button.clicked.connect(self.try_generate)
        self.kits_button.saveRequested.connect(self.save_kit)
        self.kits_button.loadRequested.connect(self.load_kit)
        self.kits_button.deleteRequested.connect(self.delete_kit)
        self._settle()

    # ---- the request --------------------------------------------------------------------------
    def request(self) -> GenerationRequest:
        """What Generate would send now (not validated: see problems())."""
        request = self._base.with_changes(
            prompt=self.editor.text(),
            size=self.size_picker.size_preset(),
            references=self.tray.references(),
            parent=self._parent_image,
        )
        return self.model_choice.apply_to(self.controls.apply_to(request))

    def provider(self) -> str:
        """Who makes the images: "runware" or "ark" (BytePlus ModelArk)."""
        return self.model_choice.provider()

    def problems(self) -> list[Problem]:
        request = self.request()
        found = request.problems()
        if self.provider() == "ark":
            from seedream_desktop.api.ark import ark_problems  # httpx: not before the first frame

            found += [p for p in ark_problems(request) if p not in found]
        if self.tray.is_busy():
            found.append(Problem("references", STILL_PREPARING, {}))
        return found

    def load_request(self, request: GenerationRequest) -> None:
        """Reuse settings: every field of ``request`` replaces what is being composed."""
        self._base = request
        self.editor.set_text(request.prompt)
        self.model_choice.load(request)  # first: the size picker offers that model's sizes
        self.size_picker.set_size_preset(request.size)
        self.controls.load(request)
        self.tray.set_references(request.references)
        self._parent_image = request.parent
        self._show_parent()
        self._changed()

    def set_defaults(self, output_format: str, quality: int) -> None:
        """Settings' default format and quality (see GenerationControls.set_defaults)."""
        self.controls.set_defaults(output_format, quality)

    def shutdown(self) -> None:
        """The window is closing: no reference is normalised past this point."""
        self.tray.loader.shutdown()

    def add_references(self, sources: list[str]) -> None:
        self.tray.add_sources(list(sources))

    def set_parent_image(self, path: str | None) -> None:
        """Edit this: the image becomes a reference (if it is not one yet) and the request's parent."""
        self._parent_image = path
        if path and path not in {r.source for r in self.tray.references()}:
            self.tray.add_sources([path])
        self._show_parent()
        self._changed()

    def clear_parent_image(self) -> None:
        self.set_parent_image(None)

    def set_seed(self, seed: int | None) -> None:
        self.controls.set_seed(seed)

    def paste_references(self) -> int:
        """For a window-wide Ctrl+V action: paste clipboard images into the tray."""
        return self.tray.paste()

    def try_generate(self) -> None:
        """Ctrl+Enter or the button: generate when nothing blocks it, else say what does."""
        self._tried = True
        self._settle()
        if self.problems():
            return
        self.editor.remember()
        self._tried = False
        self.generateRequested.emit()

    # ---- kits ---------------------------------------------------------------------------------
    def save_kit(self, name: str) -> bool:
        if self.tray.is_busy():
            self.tray.show_message(problem_text(Problem("references", STILL_PREPARING, {})))
            return False
        try:
            self.kits.save(name, self.tray.references())
        except KitError as exc:
            self.tray.show_message(error_text(exc))
            return False
        self.tray.show_message(self.tr("Saved the kit “{0}”.").format(name.strip()))
        return True

    def load_kit(self, name: str) -> bool:
        try:
            kit = self.kits.load(name)
        except KitError as exc:
            self.tray.show_message(error_text(exc))
            return False
        self.tray.set_references(kit.references)
        return True

    def delete_kit(self, name: str) -> None:
        self.kits.delete(name)

    # ---- reactions ----------------------------------------------------------------------------
    def _on_provider(self, provider: str) -> None:
        """ModelArk makes one image per request (a set comes from Sequential): the count says so."""
        ark = provider == "ark"
        if ark:
            self.controls.results.setValue(1)
        self.controls.results.setEnabled(not ark)

    def _on_model(self, model: Model) -> None:
        """Prompt and tray stay; the size moves to the nearest one the model makes, and the notice
        says so; too many references for the model are named before anything is sent."""
        old = self.size_picker.size_preset()
        moved = self.size_picker.set_model(model)
        self.editor.set_max_length(model.prompt_max)
        notes = []
        if moved is not None:
            notes.append(
                self.tr("{model} has no {old}; the size is now {new}.").format(
                    model=model.name, old=old.label, new=moved.label
                )
            )
        count = len(self.tray.references())
        if count > model.references_max:
            notes.append(
                self.tr(
                    "Too many references for {model} (it takes {max}); remove some before generating."
                ).format(model=model.name, max=model.references_max)
            )
        self.controls.sequential.setEnabled(model.takes_sequential)
        if not model.takes_sequential:
            self.controls.sequential.setValue(0)
        self.model_notice.setText(" ".join(notes))
        self.model_notice.setVisible(bool(notes))
        self._changed()

    def _changed(self, *args: object) -> None:
        self._debounce.start()

    def _settle(self) -> None:
        request = self.request()
        self.controls.show_estimate(request)
        problems = self.problems()
        # An empty prompt is only worth a word once generating was tried; a long one is already
        # said under the editor.
        # A prompt over the chosen model's limit (SeedEdit takes 500) is shown as soon as there is one.
        prompted = self._tried or bool(self.editor.text().strip())
        shown = [p for p in problems if p.field != "prompt" or (prompted and not self.editor.is_too_long())]
        self.problems_label.setText("\n".join(problem_text(p) for p in shown))
        self.problems_label.setVisible(bool(shown))
        self.generate_button.setEnabled(not problems)
        if self._parent_image and self._parent_image not in {r.source for r in request.references}:
            self._parent_image = None  # the edited image was taken out of the tray: no longer an edit
            self._show_parent()
        self.requestChanged.emit()

    def _show_parent(self) -> None:
        path = self._parent_image
        self.parent_label.setText(self.tr("Editing {0}").format(Path(path).name) if path else "")
        self.parent_label.setToolTip(path or "")  # the whole path, after setText's name-only tooltip
        self.parent_label.setVisible(bool(path))
        self.parent_clear.setVisible(bool(path))

    def _paint_problems(self) -> None:
        self.problems_label.setPalette(warning_palette(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "problems_label"):
            self._paint_problems()  # a light/dark switch: the error colour for the new background

    # ---- Ctrl+V anywhere in the panel that is not a text field --------------------------------
    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.tray.paste()
            event.accept()
            return
        super().keyPressEvent(event)
