"""FilterBar: the library's search box (searched as you type, debounced), filters and sort, as one Query."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.api.models import MODELS
from seedream_desktop.api.sizes import ASPECTS, TIERS
from seedream_desktop.library.query import Query
from seedream_desktop.ui.flow_layout import FlowLayout

DEBOUNCE_MS = 150  # typing "lighthouse" runs one search, not ten


class FilterBar(QWidget):
    """Emits ``queryChanged(Query)`` when the text settles or any filter changes (board: see BoardsPanel)."""

    queryChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setObjectName("libraryFilterBar")
        self._today = today
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr('Search prompts — fox, 灯塔, "red fox", seed:42, is:fav'))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setToolTip(
            self.tr(
                "Words find prompts holding them (fox also finds foxes); Chinese finds any part of a prompt.\n"
                '"exact phrase", -word to leave out, seed:42, size:2K-16:9, tier:4K, format:png, rating>=3,\n'
                "is:fav, is:edit, has:refs, board:Name, tag:name, date:2025-09, date>=2025-09-01 date<2025-10"
            )
        )

        self.dates = self._combo(
            self.tr("Date"),
            [(self.tr("Any date"), None), (self.tr("Today"), 0), (self.tr("Last 7 days"), 6),
             (self.tr("Last 30 days"), 29), (self.tr("Last 12 months"), 364)],
        )  # fmt: skip
        self.tiers = self._combo(self.tr("Size"), [(self.tr("Any size"), None), *((t, t) for t in TIERS)])
        self.aspects = self._combo(
            self.tr("Aspect ratio"), [(self.tr("Any aspect"), None), *((a, a) for a in ASPECTS)]
        )
        self.formats = self._combo(
            self.tr("Format"),
            [(self.tr("Any format"), None), ("PNG", "PNG"), ("JPEG", "JPEG"), ("WebP", "WEBP")],
        )
        # The model that made the image (Query.models; `model:` in the search box does the same).
        self.models = self._combo(
            self.tr("Model"), [(self.tr("Any model"), None), *((m.name, m.id) for m in MODELS)]
        )
        self.models.setObjectName("libraryModelFilter")
        self.ratings = self._combo(
            self.tr("Rating"), [(self.tr("Any rating"), 0), *(("★" * n + "+", n) for n in range(1, 6))]
        )
        self.tags = self._combo(self.tr("Tag"), [(self.tr("Any tag"), None)])
        self.edits = self._combo(
            self.tr("Edits"),
            [(self.tr("Edits and originals"), None), (self.tr("Only edits"), True),
             (self.tr("Only originals"), False)],
        )  # fmt: skip
        self.sort = self._combo(
            self.tr("Sort"),
            [(self.tr("Newest first"), "newest"), (self.tr("Oldest first"), "oldest"),
             (self.tr("Best rated"), "rating")],
        )  # fmt: skip
        self.favourites = QToolButton(self)
        self.favourites.setText(self.tr("♥ Favourites"))
        self.favourites.setCheckable(True)
        self.favourites.setAccessibleName(self.tr("Only favourites"))
        self.references = QCheckBox(self.tr("With references"), self)

        # The filters wrap onto a second line in a narrow grid: never cut off, never a sideways scrollbar,
        # never widening the window.
        self.row = QWidget(self)
        self.row.setObjectName("libraryFilters")
        filters = FlowLayout(self.row)
        for widget in (self.dates, self.models, self.tiers, self.aspects, self.formats, self.ratings, self.tags,
                       self.edits, self.favourites, self.references, self.sort):  # fmt: skip
            widget.setParent(self.row)
            filters.addWidget(widget)
        policy = self.row.sizePolicy()
        policy.setHeightForWidth(True)
        self.row.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.row)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._emit)
        for combo in (self.dates, self.models, self.tiers, self.aspects, self.formats, self.ratings, self.tags,
                      self.edits, self.sort):  # fmt: skip
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.favourites.toggled.connect(lambda _on: self._emit())
        self.references.toggled.connect(lambda _on: self._emit())
        self._last = self.query()

    def _combo(self, name: str, choices: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        for text, value in choices:
            combo.addItem(text, value)
        return combo

    def set_tags(self, tags: list[tuple[str, int]]) -> None:
        """The tags offered (name, images carrying it); the chosen one stays chosen if it still exists."""
        chosen = self.tags.currentData()
        self.tags.blockSignals(True)
        self.tags.clear()
        self.tags.addItem(self.tr("Any tag"), None)
        for tag, count in tags:
            self.tags.addItem(f"{tag} ({count})", tag)
        found = self.tags.findData(chosen) if chosen is not None else 0
        self.tags.setCurrentIndex(max(0, found))
        self.tags.blockSignals(False)
        if found < 0:
            self._emit()

    def query(self) -> Query:
        days = self.dates.currentData()
        tier, aspect, fmt = self.tiers.currentData(), self.aspects.currentData(), self.formats.currentData()
        model = self.models.currentData()
        return Query(
            text=self.search.text().strip(),
            date_from=self._today() - timedelta(days=days) if days is not None else None,
            tiers=(tier,) if tier else (),
            aspects=(aspect,) if aspect else (),
            formats=(fmt,) if fmt else (),
            models=(model,) if model else (),
            favourite=True if self.favourites.isChecked() else None,
            min_rating=int(self.ratings.currentData() or 0),
            tag=self.tags.currentData(),
            has_references=True if self.references.isChecked() else None,
            edits_only=self.edits.currentData(),
            sort=self.sort.currentData() or "newest",
        )

    def flush(self) -> None:
        """Search now for text still waiting for its debounce (tests; Enter does the same)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        query = self.query()
        if query != self._last:
            self._last = query
            self.queryChanged.emit(query)
