"""MaskItem: the mask being painted, shown as the same translucent magenta the marked copy uses.

One full-size ARGB image holds it (alpha > 0 is "change here"). A stroke segment paints into it and
repaints only the segment's rectangle, so strokes stay smooth on a 4K picture; undo keeps only the
256-px tiles a stroke touched, as they were before it and after.
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

OVERLAY = QColor(255, 0, 200, 115)  # library/edits/marked_copy.py OVERLAY_RGB, translucent
TILE = 256

Tiles = dict[tuple[int, int], QImage]


class MaskItem(QGraphicsItem):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.fill(Qt.GlobalColor.transparent)
        self._bounds = QRectF(0, 0, width, height)
        self._before: Tiles = {}  # tiles of the stroke under way, as they were before it
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint only what is exposed

    # ---- QGraphicsItem ----------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect.toAlignedRect().intersected(self.image.rect())
        if not exposed.isEmpty():
            painter.drawImage(exposed.topLeft(), self.image, exposed)

    # ---- painting ---------------------------------------------------------------------------------
    def stroke(self, start: QPointF, end: QPointF, radius: float, erase: bool) -> QRect:
        """Paint (or erase) a round-ended segment; return the rectangle that changed."""
        reach = radius + 2
        dirty = QRectF(start, end).normalized().adjusted(-reach, -reach, reach, reach).toAlignedRect()
        dirty = dirty.intersected(self.image.rect())
        if dirty.isEmpty():
            return dirty
        self._keep_before(dirty)
        with _Painter(self.image, erase) as painter:
            painter.setPen(QPen(OVERLAY, radius * 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(start, end)
        self.update(QRectF(dirty))
        return dirty

    def fill(self, outline: QPolygonF, erase: bool) -> QRect:
        """Add (or cut) a closed area: a rectangle or lasso selection."""
        dirty = outline.boundingRect().toAlignedRect().adjusted(-1, -1, 1, 1).intersected(self.image.rect())
        if dirty.isEmpty():
            return dirty
        self._keep_before(dirty)
        path = QPainterPath()
        path.addPolygon(outline)
        path.closeSubpath()
        with _Painter(self.image, erase) as painter:
            painter.fillPath(path, QBrush(OVERLAY))
        self.update(QRectF(dirty))
        return dirty

    # ---- undo ------------------------------------------------------------------------------------
    def begin(self) -> None:
        self._before = {}

    def end(self) -> tuple[Tiles, Tiles]:
        """The tiles the stroke changed: (before, after), for an undo command."""
        before, self._before = self._before, {}
        after = {key: self.image.copy(_tile_rect(key)) for key in before}
        return before, after

    def restore(self, tiles: Tiles) -> None:
        painter = QPainter(self.image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        for key, tile in tiles.items():
            painter.drawImage(_tile_rect(key).topLeft(), tile)
        painter.end()
        for key in tiles:
            self.update(QRectF(_tile_rect(key)))

    def _keep_before(self, dirty: QRect) -> None:
        for ty in range(dirty.top() // TILE, dirty.bottom() // TILE + 1):
            for tx in range(dirty.left() // TILE, dirty.right() // TILE + 1):
                if (tx, ty) not in self._before:
                    self._before[(tx, ty)] = self.image.copy(_tile_rect((tx, ty)))

    # ---- the mask as the core wants it ----------------------------------------------------------
    def is_empty(self) -> bool:
        return self.to_mask().getbbox() is None

    def to_mask(self) -> Image.Image:
        """Mode "L", 255 where painted: what library/edits takes as a mask."""
        return mask_of(self.image)

    def load_mask(self, mask: Image.Image) -> None:
        """Show a stored mask ("Adjust this edit"); it must have the picture's size."""
        binary = mask.convert("L").point(lambda v: 255 if v >= 128 else 0)
        alpha = QImage(
            binary.tobytes(), binary.width, binary.height, binary.width, QImage.Format.Format_Alpha8
        )
        painter = QPainter(self.image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(self.image.rect(), OVERLAY)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        painter.drawImage(0, 0, alpha)
        painter.end()
        self.update()


class _Painter(QPainter):
    """A painter that draws the overlay colour as it is (no build-up where strokes cross) or erases."""

    def __init__(self, image: QImage, erase: bool) -> None:
        super().__init__(image)
        # Hard edges: the mask is binary; the feather is paste-back's job, not the brush's.
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        mode = QPainter.CompositionMode
        self.setCompositionMode(mode.CompositionMode_Clear if erase else mode.CompositionMode_Source)

    def __enter__(self) -> _Painter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.end()


def mask_of(image: QImage) -> Image.Image:
    """The painted overlay as a binary mask; safe on any thread for an image no one else paints."""
    alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
    data = bytes(alpha.constBits())
    grey = Image.frombuffer("L", (alpha.width(), alpha.height()), data, "raw", "L", alpha.bytesPerLine(), 1)
    return grey.point(lambda v: 255 if v else 0)


def _tile_rect(key: tuple[int, int]) -> QRect:
    return QRect(key[0] * TILE, key[1] * TILE, TILE, TILE)
