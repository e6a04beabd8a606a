"""ViewerPage: one viewer for the whole window (results and library). Space or Enter opens it in the
window; the wheel zooms, dragging pans, Z switches between fit and 100 %, arrows go to the next or
previous image, Esc goes back. F favourites and 0–5 rate the image shown, Delete sends it to the trash
and Ctrl+Z brings it back (the window carries these out: the viewer only asks). With two images selected it compares them side by side or with a split slider.

What opens shows at once: the library's cached thumbnail of the image, scaled to fit, then the full
decode from a worker (decode.py) swaps in where it stood; the QPixmap is made here, on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from seedream_desktop.ui.elide import ElidedLabel
from seedream_desktop.ui.viewer.canvas import ImageCanvas
from seedream_desktop.ui.viewer.decode import FULL, PREVIEW, Decoded, ViewerDecoder, read_preview, shown_size

PathAt = Callable[[int], Path | None]
RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}
# The cached thumbnail of a file if one was made already (the grid's); never makes one.
PreviewFile = Callable[[Path], Path | None]


@dataclass(frozen=True)
class _Shown:
    pixmap: QPixmap
    stage: str
    data: bytes | None  # the pixels the pixmap shares (decode.py): kept alive with it


class ViewerPage(QWidget):
    closed = Signal()  # Esc or Back: the window shows what was in front before
    rowChanged = Signal(int)  # next/previous: the grid follows
    favouriteRequested = Signal()  # F: the image shown
    ratingRequested = Signal(int)  # 0–5
    trashRequested = Signal()  # Delete
    undoRequested = Signal()  # Ctrl+Z: the one Undo of the trash
    editRequested = Signal()  # "Edit a region…" (Ctrl+Alt+E)
    compareOriginalRequested = Signal()  # an edit beside the image it was made from

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewer")
        self.setAccessibleName(self.tr("Viewer"))
        self.canvas = ImageCanvas(self)
        self.canvas.setAccessibleName(self.tr("Image"))
        self.decoder = ViewerDecoder(threads=2, parent=self)
        self.decoder.loaded.connect(self._loaded)
        self.preview_file: PreviewFile | None = None
        self.path_at: PathAt = lambda _row: None
        self.count = 0
        self.row = -1
        self.paths: list[Path] = []
        self._images: dict[str, _Shown] = {}
        self._sizes: dict[str, QSize] = {}
        self._on_screen: list[_Shown | None] = []

        self.back = self._button(self.tr("Back"), self.tr("Back to the grid (Esc)"), self.close_viewer)
        self.title = ElidedLabel("", self)
        self.title.setObjectName("viewerTitle")
        self.previous = self._button("‹", self.tr("Previous image (Left)"), lambda: self.step(-1))
        self.next = self._button("›", self.tr("Next image (Right)"), lambda: self.step(1))
        self.fit = self._button(self.tr("Fit"), self.tr("Fit the window (Z)"), self.canvas.fit)
        self.actual = self._button(
            self.tr("100 %"), self.tr("One image pixel per screen pixel (Z)"), self.canvas.actual_size
        )
        self.marks = QLabel("", self)  # ♥ and ★ of the image shown, as on its tile
        self.marks.setObjectName("viewerMarks")
        self.edit = self._button(
            self.tr("Edit a region…"),
            self.tr("Mark the area to change and describe the change (Ctrl+Alt+E)"),
            self.editRequested.emit,
        )
        self.original = self._button(
            self.tr("Compare with original"),
            self.tr("This edit beside the image it was made from"),
            self.compareOriginalRequested.emit,
        )
        self.original.hide()
        self.side = self._button(
            self.tr("Side by side"),
            self.tr("Compare the two images side by side"),
            lambda: self.set_split(None),
        )
        self.slider = self._button(
            self.tr("Split"), self.tr("Compare with a divider you drag"), lambda: self.set_split(0.5)
        )
        for button in (self.side, self.slider):
            button.setCheckable(True)
        modes = QButtonGroup(self)
        modes.addButton(self.side)
        modes.addButton(self.slider)
        self.side.setChecked(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        bar.addWidget(self.back)
        bar.addWidget(self.previous)
        bar.addWidget(self.next)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.marks)
        for button in (self.edit, self.original, self.side, self.slider, self.fit, self.actual):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- what is shown ----------------------------------------------------------------------------
    def open_rows(self, path_at: PathAt, count: int, row: int) -> None:
        """One image of a list (next/previous walk the list)."""
        self.path_at, self.count = path_at, count
        self.show_row(row)

    def compare(self, first: Path, second: Path) -> None:
        self.path_at, self.count, self.row = (lambda _row: None), 0, -1
        self._show([first, second])

    def show_row(self, row: int) -> None:
        if not 0 <= row < self.count:
            return
        path = self.path_at(row)
        if path is None:
            return
        self.row = row
        self._show([path])
        self.rowChanged.emit(row)

    def step(self, delta: int) -> None:
        self.show_row(self.row + delta)

    def set_split(self, split: float | None) -> None:
        self.canvas.split = split
        (self.slider if split is not None else self.side).setChecked(True)
        self.canvas.update()

    def _show(self, paths: list[Path]) -> None:
        self.paths = paths
        comparing = len(paths) == 2
        for button in (self.side, self.slider):
            button.setVisible(comparing)
        self.previous.setEnabled(not comparing and self.row > 0)
        self.next.setEnabled(not comparing and self.row < self.count - 1)
        self.title.setText("  ↔  ".join(p.name for p in paths))
        self.canvas.fit()
        keys = [str(p) for p in paths]
        self._images = {k: v for k, v in self._images.items() if k in keys}
        self._sizes = {k: v for k, v in self._sizes.items() if k in keys}
        self.decoder.retain_only(keys)
        missing = [p for p in paths if str(p) not in self._images or self._images[str(p)].stage != FULL]
        for path in missing:
            key = str(path)
            if key not in self._images:
                self._sizes[key] = shown_size(path)
                self._preview(key, path)
            self.decoder.request(key, path, self._screen_size())
        self._refresh()
        if missing and not self.has_image():
            self.canvas.show_message(self.tr("Loading {0}…").format(paths[0].name))

    def _preview(self, key: str, path: Path) -> None:
        """The grid's cached thumbnail, read here and now: something to look at within a frame."""
        thumbnail = self.preview_file(path) if self.preview_file is not None else None
        if thumbnail is None:
            return
        image = read_preview(thumbnail)
        if not image.isNull():
            self._images[key] = _Shown(QPixmap.fromImage(image), PREVIEW, None)

    def _screen_size(self) -> QSize:
        screen = self.screen()
        if screen is None:
            return QSize()
        return screen.size() * screen.devicePixelRatio()

    def _loaded(self, decoded: Decoded) -> None:
        if decoded.key not in (str(p) for p in self.paths):
            return
        if decoded.image.isNull():
            if decoded.key not in self._images:
                self.canvas.show_message(
                    self.tr("This image cannot be shown (the file is missing or damaged).")
                )
            return
        before = self._images.get(decoded.key)
        if before is not None and before.stage == FULL:
            return
        image = decoded.image
        image.setDevicePixelRatio(1.0)
        # The only QPixmap made from it, on the GUI thread; it shares the decoded bytes (decode.py).
        self._images[decoded.key] = _Shown(QPixmap.fromImage(image), decoded.stage, decoded.data)
        if decoded.stage == FULL and not self._sizes.get(decoded.key, QSize()).isValid():
            self._sizes[decoded.key] = image.size()
        self._refresh()

    def _refresh(self) -> None:
        shown = [self._images.get(str(p)) for p in self.paths]
        if not all(shown):
            self.canvas.set_pixmaps([])
            self._on_screen = []
            return
        self._on_screen = shown  # the bytes the canvas's pixmaps share live as long as they are shown
        sizes = [self._sizes.get(str(p), QSize()) for p in self.paths]
        self.canvas.set_pixmaps([s.pixmap for s in shown if s is not None], sizes)

    def has_image(self) -> bool:
        """Something is on screen (maybe the thumbnail while the original decodes)."""
        return bool(self.canvas.pixmaps)

    def is_sharp(self) -> bool:
        """Every image shown is decoded at full size."""
        shown = [self._images.get(str(p)) for p in self.paths]
        return bool(shown) and all(s is not None and s.stage == FULL for s in shown)

    # ---- keys -------------------------------------------------------------------------------------
    def set_marks(self, favourite: bool, rating: int, *, edited: bool = False) -> None:
        """The marks of the image shown (the heart is the favourite everywhere; stars are ratings); an
        edited image offers to be compared with its original."""
        self.marks.setText(("♥ " if favourite else "") + "★" * max(0, min(5, rating)))
        self.original.setVisible(edited and len(self.paths) == 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_Z:
            self.undoRequested.emit()
        elif mods == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier and (
            key == Qt.Key.Key_E
        ):
            self.editRequested.emit()
        elif mods != Qt.KeyboardModifier.NoModifier and key not in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            super().keyPressEvent(event)
            return
        elif key == Qt.Key.Key_Escape:
            self.close_viewer()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.step(-1)
        elif key == Qt.Key.Key_Z:
            if self.canvas.scale is None:
                self.canvas.actual_size()
            else:
                self.canvas.fit()
        elif key == Qt.Key.Key_F and len(self.paths) == 1:
            self.favouriteRequested.emit()
        elif key in RATING_KEYS and len(self.paths) == 1:
            self.ratingRequested.emit(RATING_KEYS[key])
        elif key == Qt.Key.Key_Delete and len(self.paths) == 1:
            self.trashRequested.emit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.canvas.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.canvas.zoom_by(0.8)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def close_viewer(self) -> None:
        self.decoder.retain_only(())
        self.closed.emit()

    def shutdown(self) -> None:
        self.decoder.shutdown()
