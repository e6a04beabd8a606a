"""DetailsPanel: everything about the selected library image — preview, prompt, settings, references,
lineage — and explicit buttons to reuse it. Looking never changes what is being composed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.library.entry import ImageEntry
from seedream_desktop.library.index import Library
from seedream_desktop.library.metadata import read_record
from seedream_desktop.library.record import GenerationRecord
from seedream_desktop.ui.elide import ElidedButton, ElidedLabel
from seedream_desktop.ui.library.thumbnail_source import LibraryThumbnailFiles
from seedream_desktop.ui.results.delegate import human_bytes
from seedream_desktop.ui.thumbnails import ThumbnailLoader

PREVIEW_KEY = "details:"  # loader keys of this panel, apart from the grid's
REFERENCE_KEY = "reference:"


class DetailsPanel(QScrollArea):
    reuseRequested = Signal(object)  # GenerationRequest: "Reuse settings"
    referenceRequested = Signal(str)  # path: "Use as reference"
    editRequested = Signal(str)  # path: "Edit this"
    navigateRequested = Signal(int)  # image id: a parent, child or reference was clicked

    def __init__(
        self,
        library: Library,
        loader: ThumbnailLoader,
        files: LibraryThumbnailFiles,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryDetails")
        self.setAccessibleName(self.tr("Image details"))
        # The inspector wraps and elides: it never scrolls sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(True)
        self.library = library
        self._loader = loader
        self._files = files
        self.entry: ImageEntry | None = None
        self.record: GenerationRecord | None = None
        self.parents: list[ImageEntry] = []
        self.children_: list[ImageEntry] = []
        self.lineage_buttons: list[QPushButton] = []
        self.reference_buttons: dict[str, QToolButton] = {}

        body = QWidget(self)
        self.preview = QLabel(body)
        self.preview.setObjectName("detailsPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(self.fontMetrics().height() * 14)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.preview.setAccessibleName(self.tr("Preview"))
        self.prompt = self._value(body)
        self.size_value = self._value(body)
        self.seed = self._value(body)
        self.cost = self._value(body)
        self.date = self._value(body)
        self.path = ElidedLabel("", body)  # a long path elides in the middle; the tooltip has it all
        self.path.setObjectName("detailsPath")
        self.marks = self._value(body)
        self.boards = self._value(body)
        self.tags = self._value(body)
        self.references = QWidget(body)
        self.references_layout = QVBoxLayout(self.references)
        self.references_layout.setContentsMargins(0, 0, 0, 0)
        self.lineage = QWidget(body)
        self.lineage_layout = QVBoxLayout(self.lineage)
        self.lineage_layout.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Prompt:"), self.prompt)
        form.addRow(self.tr("Size:"), self.size_value)
        form.addRow(self.tr("Seed:"), self.seed)
        form.addRow(self.tr("Cost:"), self.cost)
        form.addRow(self.tr("Date:"), self.date)
        form.addRow(self.tr("File:"), self.path)
        form.addRow(self.tr("Marks:"), self.marks)
        form.addRow(self.tr("Boards:"), self.boards)
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow(self.tr("References:"), self.references)
        form.addRow(self.tr("Lineage:"), self.lineage)

        self.reuse_button = QPushButton(self.tr("Reuse settings"), body)
        self.reuse_button.setToolTip(self.tr("Put this image's prompt, size and settings into the composer"))
        self.reference_button = QPushButton(self.tr("Use as reference"), body)
        self.reference_button.setToolTip(self.tr("Add this image to the reference tray"))
        self.edit_button = QPushButton(self.tr("Edit this"), body)
        self.edit_button.setToolTip(
            self.tr("Use this image as a reference and record the next generation as its edit")
        )
        self.reuse_button.clicked.connect(self.reuse)
        self.reference_button.clicked.connect(
            lambda: self.entry and self.referenceRequested.emit(str(self.entry.path))
        )
        self.edit_button.clicked.connect(lambda: self.entry and self.editRequested.emit(str(self.entry.path)))
        # Two rows: in a narrow inspector three buttons side by side would be cut off.
        buttons = QGridLayout()
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.reference_button, 0, 1)
        buttons.addWidget(self.reuse_button, 1, 0, 1, 2)

        self.empty = QLabel(self.tr("Select an image to see its details."), body)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(body)
        layout.addWidget(self.empty)
        layout.addWidget(self.preview)
        # Only the hint while nothing is selected: a column of empty "Prompt:", "Size:" … says nothing.
        self.fields = QWidget(body)
        self.fields.setObjectName("detailsFields")
        form.setContentsMargins(0, 0, 0, 0)
        self.fields.setLayout(form)
        layout.addWidget(self.fields)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setWidget(body)
        loader.loaded.connect(self._loaded)
        self.show_entry(None)

    def _value(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # ---- showing an image -------------------------------------------------------------------------
    def show_entry(self, entry: ImageEntry | None) -> None:
        self.entry = entry
        shown = entry is not None
        self.empty.setVisible(not shown)
        self.fields.setVisible(shown)
        for widget in (self.preview, self.reuse_button, self.reference_button, self.edit_button):
            widget.setVisible(shown)
        if entry is None:
            self.record = None
            self.parents, self.children_ = [], []
            for label in (
                self.prompt,
                self.size_value,
                self.seed,
                self.cost,
                self.date,
                self.path,
                self.marks,
                self.boards,
                self.tags,
            ):
                label.clear()
            self._fill_references([])
            self._fill_lineage()
            return
        try:
            self.record = read_record(entry.path)
        except (OSError, ValueError):
            self.record = None  # a file gone or unreadable still shows what the index knows
        self.prompt.setText(entry.prompt or self.tr("(no prompt recorded)"))
        preset = f" · {entry.size_key}" if entry.size_key else ""
        self.size_value.setText(
            f"{entry.width} × {entry.height}{preset} · {entry.format} · {human_bytes(entry.file_size)}"
        )
        self.seed.setText(str(entry.seed) if entry.seed is not None else self.tr("not recorded"))
        self.cost.setText(f"${entry.cost:.3f}" if entry.cost is not None else self.tr("not recorded"))
        self.date.setText(entry.created.astimezone().strftime("%Y-%m-%d %H:%M"))
        self.path.setText(str(entry.path))
        stars = "★" * entry.rating + "☆" * (5 - entry.rating)
        self.marks.setText(("♥ " if entry.favourite else "") + stars)
        on_boards = [b.name for b in self.library.boards_of(entry.id)]
        self.boards.setText(", ".join(on_boards) if on_boards else self.tr("none"))
        tags = self.library.tags_of(entry.id)
        self.tags.setText(", ".join(tags) if tags else self.tr("none"))
        self.reuse_button.setEnabled(self.can_reuse())
        self._fill_references(self.record.references if self.record else [])
        lineage = self.library.lineage(entry.id)
        self.parents, self.children_ = lineage.parents, lineage.children
        self._fill_lineage()
        self.preview.clear()
        self._files.remember(entry.path, entry.content_id)
        self._loader.request(PREVIEW_KEY + entry.content_id, entry.path)

    def refresh(self) -> None:
        """Read the shown image again (its marks or lineage changed)."""
        if self.entry is not None:
            self.show_entry(self.library.get(self.entry.id))

    def _loaded(self, key: str, image: QImage) -> None:
        button = self.reference_buttons.get(key)
        if button is not None and not image.isNull():
            button.setIcon(QIcon(QPixmap.fromImage(image)))
            return
        if self.entry is None or key != PREVIEW_KEY + self.entry.content_id or image.isNull():
            return
        pixmap = QPixmap.fromImage(image)
        width = max(64, self.viewport().width() - 24)
        self.preview.setPixmap(
            pixmap.scaled(
                width, width, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def _reference_sources(self) -> list[str]:
        """Where each reference came from, as the request recorded it (a path for local files)."""
        request = self.record.request if self.record is not None else None
        found = request.get("references", []) if isinstance(request, dict) else []
        return [str(r.get("source", "")) if isinstance(r, dict) else "" for r in found]

    def _fill_references(self, references: list) -> None:
        _clear(self.references_layout)
        self.reference_buttons = {}
        if not references:
            self.references_layout.addWidget(QLabel(self.tr("none"), self.references))
            return
        sources = self._reference_sources()
        side = self.fontMetrics().height() * 3
        for n, reference in enumerate(references, start=1):
            source = Path(sources[n - 1]) if n - 1 < len(sources) and sources[n - 1] else None
            local = source if source is not None and source.is_absolute() and source.is_file() else None
            found = self.library.by_path(local) if local is not None else None
            name = reference.name or (source.name if source else "") or self.tr("pasted image")
            button = QToolButton(self.references)
            text = self.tr("image {0}: {1}").format(n, name)
            room = max(side, self.viewport().width() - side - self.fontMetrics().height() * 4)
            button.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room))
            button.setAccessibleName(text)  # the whole name, for screen readers; the screen elides it
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIconSize(QSize(side, side))
            button.setAutoRaise(True)
            button.setEnabled(found is not None)
            button.setToolTip(str(local) if local else name)
            if found is not None:
                button.clicked.connect(lambda _c=False, i=found.id: self.navigateRequested.emit(i))
            if local is not None:
                key = f"{REFERENCE_KEY}{local}"
                self.reference_buttons[key] = button
                if found is not None:
                    self._files.remember(local, found.content_id)
                self._loader.request(key, local)
            self.references_layout.addWidget(button)

    def _fill_lineage(self) -> None:
        _clear(self.lineage_layout)
        self.lineage_buttons = []
        if not self.parents and not self.children_:
            self.lineage_layout.addWidget(QLabel(self.tr("not an edit, not edited yet"), self.lineage))
            return
        for parent in self.parents:
            button = _link(self.tr("edited from {0}").format(parent.path.name), self.lineage)
            button.setObjectName("lineageParent")
            self.lineage_buttons.append(button)
            button.clicked.connect(lambda _c=False, i=parent.id: self.navigateRequested.emit(i))
            self.lineage_layout.addWidget(button)
        for child in self.children_:
            button = _link(self.tr("edited into {0}").format(child.path.name), self.lineage)
            button.setObjectName("lineageChild")
            self.lineage_buttons.append(button)
            button.clicked.connect(lambda _c=False, i=child.id: self.navigateRequested.emit(i))
            self.lineage_layout.addWidget(button)

    def can_reuse(self) -> bool:
        return request_in(self.record) is not None

    def reuse(self) -> None:
        request = request_in(self.record)
        if request is not None:
            self.reuseRequested.emit(request)


def request_in(record: GenerationRecord | None) -> GenerationRequest | None:
    """The generation settings a record carries, when they are complete enough to generate again."""
    if record is None or not record.request:
        return None
    try:
        return GenerationRequest.from_dict(record.request)
    except (TypeError, ValueError):
        return None


def reuse_request(path: Path) -> GenerationRequest | None:
    """The settings embedded in an image file, for "Reuse settings"; None for a file without them."""
    try:
        return request_in(read_record(path))
    except (OSError, ValueError):
        return None


def _link(text: str, parent: QWidget) -> QPushButton:
    button = ElidedButton(text, parent)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet("text-align: left")
    return button


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
