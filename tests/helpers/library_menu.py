"""Opening the library page's context menu with a real right-click and finding its entries."""

from __future__ import annotations

from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from seedream_desktop.ui.library.library_view import LibraryView


def right_click(qtbot, view: LibraryView, row: int) -> QMenu:
    """A real context-menu event on the row's tile; returns the menu that pops up."""
    viewport = view.grid.viewport()
    centre = view.grid.visualRect(view.model.index(row)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, viewport.mapToGlobal(centre))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.objectName() == "libraryMenu"
    return menu


def actions_of(menu: QMenu) -> list[QAction]:
    """Every entry of the menu and its submenus."""
    found: list[QAction] = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found += actions_of(action.menu())
    return found


def entry(menu: QMenu, name: str) -> QAction:
    action = next((a for a in actions_of(menu) if a.objectName() == name), None)
    assert action is not None, f"no {name!r} in {[a.objectName() for a in actions_of(menu)]}"
    return action
