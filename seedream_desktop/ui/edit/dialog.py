"""EditDialog: "Edit a region…" — the canvas, its tools, the instruction and the prompt it makes, Send."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QImage, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.i18n import QT_TRANSLATE_NOOP
from seedream_desktop.library.edits.adjust import StoredEdit
from seedream_desktop.library.edits.markup import COLOURS
from seedream_desktop.library.edits.original import Original
from seedream_desktop.library.edits.paste_back import DEFAULT_FEATHER
from seedream_desktop.library.edits.plan import PROMPT_TEMPLATE, nearest_size
from seedream_desktop.library.edits.prepare import PreparedEdit, prepare_edit
from seedream_desktop.ui.edit.canvas import EditCanvas
from seedream_desktop.ui.edit.mask_item import mask_of
from seedream_desktop.ui.messages import error_text

# Runs work off the GUI thread and calls back on it with (result, error).
OffThread = Callable[[Callable[[], Any], Callable[[Any, BaseException | None], None]], None]


def qimage_of(image: Image.Image) -> QImage:
    """An RGB Pillow image as a QImage that owns its pixels."""
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


# Marked here so lupdate finds the names the colour box shows (the markup keeps them as plain keys).
_COLOUR_NAMES = {
    "red": QT_TRANSLATE_NOOP("Colours", "red"),
    "yellow": QT_TRANSLATE_NOOP("Colours", "yellow"),
    "green": QT_TRANSLATE_NOOP("Colours", "green"),
    "blue": QT_TRANSLATE_NOOP("Colours", "blue"),
    "white": QT_TRANSLATE_NOOP("Colours", "white"),
}


class EditDialog(QDialog):
    sent = Signal(object)  # PreparedEdit

    def __init__(
        self,
        original: Original,
        *,
        library_root: Path,
        tray: tuple[ReferenceImage, ...] = (),
        base: GenerationRequest | None = None,
        off_thread: OffThread | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editDialog")
        self._off_thread = off_thread
        self.setWindowTitle(self.tr("Edit a Region – {name}").format(name=original.path.name))
        self.original, self.library_root, self.tray, self.base = original, library_root, tray, base
        self.canvas = EditCanvas(qimage_of(original.image), self._ask_text, self)
        self.toolbar = QToolBar(self)
        self.tools = QActionGroup(self)
        names = {
            "brush": (self.tr("Brush"), "B"),
            "eraser": (self.tr("Eraser"), "E"),
            "rect": (self.tr("Rectangle"), "R"),
            "lasso": (self.tr("Lasso"), "L"),
            "arrow": (self.tr("Arrow"), "A"),
            "box": (self.tr("Box"), "X"),
            "line": (self.tr("Line"), "F"),
            "text": (self.tr("Text"), "T"),
        }
        self.tool_actions: dict[str, QAction] = {}
        for tool, (label, key) in names.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(key))
            action.setObjectName(f"tool_{tool}")
            action.triggered.connect(lambda _=False, t=tool: self.set_tool(t))
            self.tools.addAction(action)
            self.toolbar.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions["brush"].setChecked(True)
        self.toolbar.addSeparator()
        self.cut = QAction(self.tr("Cut from Mask"), self)
        self.cut.setCheckable(True)
        self.cut.toggled.connect(lambda on: setattr(self.canvas, "subtract", on))
        self.toolbar.addAction(self.cut)
        self.colour = QComboBox(self)
        for name in COLOURS:
            self.colour.addItem(QCoreApplication.translate("Colours", _COLOUR_NAMES.get(name, name)), name)
        self.colour.currentIndexChanged.connect(
            lambda _: setattr(self.canvas, "colour", self.colour.currentData())
        )
        self.toolbar.addWidget(self.colour)
        self.brush = QSpinBox(self)
        self.brush.setRange(1, 1000)
        self.brush.setValue(self.canvas.brush)
        self.brush.setPrefix(self.tr("Brush "))
        self.brush.valueChanged.connect(self.canvas.set_brush)
        self.canvas.brushChanged.connect(self.brush.setValue)
        self.toolbar.addWidget(self.brush)
        self.feather = QSpinBox(self)
        self.feather.setRange(0, 200)
        self.feather.setValue(DEFAULT_FEATHER)
        self.feather.setPrefix(self.tr("Feather "))
        self.toolbar.addWidget(self.feather)
        self.toolbar.addSeparator()
        undo = self.canvas.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.canvas.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.toolbar.addActions([undo, redo])
        fit = QAction(self.tr("Fit"), self)
        fit.setShortcut(QKeySequence("Ctrl+0"))
        fit.triggered.connect(self.canvas.fit)
        actual = QAction(self.tr("100 %"), self)
        actual.setShortcut(QKeySequence("Ctrl+1"))
        actual.triggered.connect(self.canvas.actual_size)
        self.toolbar.addActions([fit, actual])

        self.instruction = QLineEdit(self)
        self.instruction.setObjectName("editInstruction")
        self.instruction.setPlaceholderText(self.tr("What should change in the marked area?"))
        self.template = QPlainTextEdit(self)
        self.template.setObjectName("editTemplate")
        self.template.setPlainText(QCoreApplication.translate("Edits", PROMPT_TEMPLATE))
        self.template.setMaximumHeight(self.fontMetrics().height() * 4)
        size = nearest_size(*original.size)
        self.size_label = QLabel(
            self.tr("Output size: {label} ({dimensions}), pasted back at {width}×{height}").format(
                label=size.label, dimensions=size.dimensions, width=original.size[0], height=original.size[1]
            ),
            self,
        )
        self.paste_back = QCheckBox(self.tr("Keep everything outside the mask exactly (paste back)"), self)
        self.paste_back.setChecked(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("editProblem")
        self.problem.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("editSend")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Change"), self.instruction)
        form.addRow(self.tr("Prompt"), self.template)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(form)
        layout.addWidget(self.size_label)
        layout.addWidget(self.paste_back)
        layout.addLayout(buttons)
        self.resize(1100, 800)

    def load(self, stored: StoredEdit) -> None:
        """Reopen an edit: its mask, markup, words and settings, as the starting point (not undoable)."""
        if stored.mask is not None:
            mask = stored.mask
            if mask.size != self.original.size:
                mask = mask.resize(self.original.size, Image.Resampling.NEAREST)
            self.canvas.mask_layer.load_mask(mask)
        if stored.markup:
            for mark in stored.markup.scaled_to(self.original.size).items:
                self.canvas.markup.add(mark)
        self.instruction.setText(stored.instruction)
        self.template.setPlainText(stored.template)
        self.feather.setValue(stored.feather)
        self.paste_back.setChecked(stored.paste_back)

    def set_tool(self, tool: str) -> None:
        self.canvas.tool = tool
        self.tool_actions[tool].setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.canvas.fit()

    def _ask_text(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Text label"), self.tr("Label text:"))
        return text if ok else None

    def preparation(self) -> Callable[[], PreparedEdit]:
        """The edit as drawn, as work to do off the GUI thread: reading the mask out of the overlay,
        writing the marked copy and the mask. Only a copy of the overlay is taken here."""
        overlay = self.canvas.mask_layer.image.copy()
        markup = self.canvas.markup.markup()
        return functools.partial(
            _prepared,
            overlay,
            self.original,
            self.instruction.text().strip(),
            library_root=self.library_root,
            markup=markup if markup else None,
            template=self.template.toPlainText(),
            feather=self.feather.value(),
            paste_back=self.paste_back.isChecked(),
            tray=self.tray,
            base=self.base,
        )

    def send(self) -> None:
        if not self.instruction.text().strip():
            self.problem.setText(self.tr("Write what should change in the marked area."))
            self.instruction.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        work = self.preparation()
        self.send_button.setEnabled(False)
        self.problem.setText(self.tr("Preparing the edit…"))
        if self._off_thread is None:
            try:
                edit = work()
            except (SeedreamError, OSError) as error:
                self.prepared(None, error)
                return
            self.prepared(edit, None)
        else:
            self._off_thread(work, self.prepared)

    def prepared(self, edit: PreparedEdit | None, error: BaseException | None) -> None:
        """The preparation finished (on the GUI thread): send it, or say what stops it."""
        self.send_button.setEnabled(True)
        if error is not None or edit is None:
            self.problem.setText(error_text(error or ValueError()))
            return
        self.problem.clear()
        self.sent.emit(edit)
        self.accept()


def _prepared(overlay: QImage, *args: Any, **kwargs: Any) -> PreparedEdit:
    mask = mask_of(overlay)
    edit = prepare_edit(*args, mask=mask if mask.getbbox() is not None else None, **kwargs)
    edit.request.validate()
    return edit
