"""ImageViewer: one library image full screen — arrow keys to move, Z for 100 %, F and 0–5 to mark."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.ui.library.library_model import LibraryModel
from seedream_desktop.ui.thumbnails import ThumbnailLoader

FULL_SIZE = 16384  # larger than any Seedream image: the loader then decodes at 100 %
RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}


class ImageViewer(QScrollArea):
    """Shows row ``row`` of the library model; decoding happens on the loader's worker threads."""

    favouriteRequested = Signal(int)  # row
    ratingRequested = Signal(int, int)  # row, stars
    rowChanged = Signal(int)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryViewer")
        self.setWindowTitle(self.tr("Viewer"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.model = model
        self.row = -1
        self.actual_size = False  # False: fit the screen; True: 100 %, one image pixel per screen pixel
        self._image = QPixmap()
        self._key = ""
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(self.tr("Image"))
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.loader = ThumbnailLoader(FULL_SIZE, None, threads=1, parent=self)
        self.loader.loaded.connect(self._loaded)

    def entry(self) -> ImageEntry | None:
        return self.model.entry(self.row)

    def show_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self.row = row
        entry = self.model.entry(row)
        if entry is None:
            return
        self.setWindowTitle(self.tr("{0} — Viewer").format(entry.path.name))
        self.label.setToolTip(entry.prompt)
        key = f"{entry.content_id}:{entry.path}"
        if key != self._key:
            self._key = key
            self._image = QPixmap()
            self.label.setText(self.tr("Loading {0}…").format(entry.path.name))
            self.loader.retain_only({key})
            self.loader.request(key, entry.path)
        self.rowChanged.emit(row)

    def open_row(self, row: int) -> None:
        self.show_row(row)
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()

    def has_image(self) -> bool:
        return not self._image.isNull()

    def zoom(self) -> float:
        """Screen pixels per image pixel as shown now."""
        shown = self.label.pixmap()
        if self._image.isNull() or shown is None or shown.isNull():
            return 0.0
        return shown.width() / self._image.width()

    def set_actual_size(self, on: bool) -> None:
        self.actual_size = on
        self.setWidgetResizable(not on)
        self._show()

    # ---- events ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.show_row(self.row + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.show_row(self.row - 1)
        elif key == Qt.Key.Key_Home:
            self.show_row(0)
        elif key == Qt.Key.Key_End:
            self.show_row(self.model.rowCount() - 1)
        elif key in (Qt.Key.Key_Z, Qt.Key.Key_Equal):
            self.set_actual_size(not self.actual_size)
        elif key == Qt.Key.Key_F:
            self.favouriteRequested.emit(self.row)
        elif key in RATING_KEYS:
            self.ratingRequested.emit(self.row, RATING_KEYS[key])
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.loader.retain_only(())
        return super().event(event)

    def shutdown(self) -> None:
        self.loader.shutdown()

    # ---- pixels ---------------------------------------------------------------------------------
    def _loaded(self, key: str, image: QImage) -> None:
        if key != self._key:
            return
        if image.isNull():
            self.label.setText(self.tr("This image cannot be shown (the file is missing or damaged)."))
            return
        image.setDevicePixelRatio(1.0)
        self._image = QPixmap.fromImage(image)
        self._show()

    def _show(self) -> None:
        if self._image.isNull():
            return
        if self.actual_size:
            self.label.setPixmap(self._image)
            self.label.resize(self._image.size())
            return
        area = self.viewport().size()
        fitted = self._image
        if self._image.width() > area.width() or self._image.height() > area.height():
            fitted = self._image.scaled(
                area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.label.setPixmap(fitted)
