"""The size picker: the chosen model's sizes as a tier × aspect grid of swatches drawn to scale.

Seedream 4.0 has 17 sizes; 4.5 drops 1K; 5.0 Lite has its own 2K and 3K tables; SeedEdit has none (the
result keeps the reference's shape). The sizes come from the model registry (api/models.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from seedream_desktop.api.models import DEFAULT_MODEL, Model
from seedream_desktop.api.sizes import ASPECTS, DEFAULT_SIZE, SizePreset

CELL_W, CELL_H = 58, 66
LABEL_W = 34
SWATCH_W, SWATCH_H = 40, 26  # the box every swatch fits in, in pixels


class SizePicker(QWidget):
    """One cell per valid size; arrows move, Home/End jump, the mouse clicks. Missing cells (1K is only
    square) are simply not there, and the row says so."""

    sizeChanged = Signal(object)  # SizePreset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = DEFAULT_SIZE
        self._model = DEFAULT_MODEL
        self._sizes: tuple[SizePreset, ...] = ()
        self._tiers: tuple[str, ...] = ()
        self._cells: dict[tuple[int, int], SizePreset] = {}
        self._use_sizes(DEFAULT_MODEL)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Output size"))
        self._update_texts()

    # ---- value --------------------------------------------------------------------------------
    def size_preset(self) -> SizePreset:
        return self._current

    def model(self) -> Model:
        return self._model

    def sizes(self) -> tuple[SizePreset, ...]:
        """The sizes offered now: exactly the chosen model's."""
        return self._sizes

    def set_model(self, model: Model) -> SizePreset | None:
        """Offer ``model``'s sizes. When the current size is not one of them, move to the nearest valid
        one and return it (the panel says so); None when the size stayed as it was."""
        self._model = model
        self._use_sizes(model)
        self.updateGeometry()
        self.update()
        nearest = model.nearest_size(self._current)
        if nearest is None or nearest == self._current:
            return None
        self.set_size_preset(nearest)
        return nearest

    def _use_sizes(self, model: Model) -> None:
        self._sizes = model.sizes
        self._tiers = tuple(
            dict.fromkeys(s.tier for s in sorted(model.sizes, key=lambda s: int(s.tier[:-1])))
        )
        self._cells = {(self._tiers.index(s.tier), ASPECTS.index(s.aspect)): s for s in model.sizes}

    def set_size_preset(self, preset: SizePreset) -> None:
        if preset == self._current or preset not in self._sizes:
            return
        self._current = preset
        self._update_texts()
        self.update()
        self.sizeChanged.emit(preset)

    def _update_texts(self) -> None:
        s = self._current
        text = self.tr("{label}, {width} × {height} pixels").format(
            label=s.label, width=s.width, height=s.height
        )
        self.setAccessibleDescription(text)
        self.setToolTip(self.tr("Output size: {0}. Arrow keys choose another size.").format(text))

    # ---- geometry -----------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(LABEL_W + CELL_W * len(ASPECTS), CELL_H * max(1, len(self._tiers)))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, preset: SizePreset) -> QRect:
        row, col = self._tiers.index(preset.tier), ASPECTS.index(preset.aspect)
        return QRect(LABEL_W + col * CELL_W, row * CELL_H, CELL_W, CELL_H)

    def preset_at(self, pos: QPoint) -> SizePreset | None:
        if pos.x() < LABEL_W:
            return None
        return self._cells.get((pos.y() // CELL_H, (pos.x() - LABEL_W) // CELL_W))

    # ---- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
        if not self._sizes:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                self.tr("{model} keeps the shape of the reference image; there is no size to pick.").format(
                    model=self._model.name
                ),
            )
            painter.end()
            return
        for row, tier in enumerate(self._tiers):
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.setFont(self.font())
            painter.drawText(QRect(0, row * CELL_H, LABEL_W, CELL_H), Qt.AlignmentFlag.AlignCenter, tier)
        if self._tiers[0] == "1K" and len([c for (r, c) in self._cells if r == 0]) == 1:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.setFont(small)
            note = QRect(LABEL_W + CELL_W + 6, 0, CELL_W * (len(ASPECTS) - 1) - 6, CELL_H)
            painter.drawText(
                note,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                self.tr("1K comes only as a square (1:1); pick 2K or 4K for other shapes."),
            )
        for preset in self._sizes:
            self._paint_cell(painter, preset, small)
        painter.end()

    def _paint_cell(self, painter: QPainter, preset: SizePreset, small: QFont) -> None:
        pal = self.palette()
        rect = self.cell_rect(preset).adjusted(2, 2, -2, -2)
        chosen = preset == self._current
        if chosen:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(rect), 4, 4)
        text_color = pal.color(
            QPalette.ColorRole.HighlightedText if chosen else QPalette.ColorRole.WindowText
        )
        # The swatch has the size's exact aspect ratio inside a fixed box, so shapes compare at a glance.
        scale = min(SWATCH_W / preset.width, SWATCH_H / preset.height)
        w, h = preset.width * scale, preset.height * scale
        box = QRectF(rect.center().x() - w / 2, rect.top() + 4 + (SWATCH_H - h) / 2, w, h)
        painter.setPen(text_color)
        painter.setBrush(pal.color(QPalette.ColorRole.Base if not chosen else QPalette.ColorRole.Highlight))
        painter.drawRect(box)
        painter.setFont(small)
        text_area = QRect(rect.left(), rect.top() + SWATCH_H + 6, rect.width(), rect.height())
        painter.drawText(
            text_area,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            f"{preset.aspect}\n{preset.width}×{preset.height}",
        )
        if chosen and self.hasFocus():
            focus = pal.color(QPalette.ColorRole.HighlightedText)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect.adjusted(2, 2, -2, -2)), 3, 3)

    # ---- input --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        preset = self.preset_at(event.position().toPoint())
        if preset is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_size_preset(preset)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._current not in self._sizes:
            super().keyPressEvent(event)
            return
        row, col = self._tiers.index(self._current.tier), ASPECTS.index(self._current.aspect)
        cells = self._cells
        key = Qt.Key(event.key())
        target: SizePreset | None = None
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            target = cells.get((row, col + step))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            r = row + step
            if 0 <= r < len(self._tiers):
                # 1K has only the square: moving up from 2K 16:9 lands on 1K 1:1 rather than nowhere.
                target = cells.get((r, col)) or cells.get((r, 0))
        elif key == Qt.Key.Key_Home:
            target = cells.get((row, 0))
        elif key == Qt.Key.Key_End:
            target = cells[(row, max(c for (r, c) in cells if r == row))]
        if target is None:
            super().keyPressEvent(event)
            return
        self.set_size_preset(target)
        event.accept()

    def event(self, event):
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            preset = self.preset_at(event.pos())
            if preset is not None:
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("{label}: {width} × {height} pixels ({mp:.1f} MP)").format(
                        label=preset.label, width=preset.width, height=preset.height, mp=preset.megapixels
                    ),
                    self,
                    self.cell_rect(preset),
                )
                return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)
