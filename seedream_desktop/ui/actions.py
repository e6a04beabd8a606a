"""The window's actions (menus, toolbar, shortcuts) declared in one place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from seedream_desktop.ui import theme


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowActions", text)


@dataclass
class WindowActions:
    generate: QAction
    cancel: QAction
    cancel_all: QAction
    retry: QAction
    paste: QAction
    settings: QAction
    demo: QAction
    quit: QAction
    # ---- per result (shortcuts only while the grid has focus, so typing "f" in the prompt stays text)
    open: QAction
    open_external: QAction
    reveal: QAction
    copy_image: QAction
    copy_prompt: QAction
    reuse_settings: QAction
    reuse_seed: QAction
    use_as_reference: QAction
    edit_region: QAction
    adjust_edit: QAction
    compare_original: QAction
    favourite: QAction
    trash: QAction
    rate: list[QAction]
    export: QAction  # "Export…": resized, sRGB copies for delivery (ui/export_dialog.py)

    def result_actions(self) -> list[QAction]:
        return [
            self.open,
            self.open_external,
            self.reveal,
            self.copy_image,
            self.copy_prompt,
            self.reuse_settings,
            self.reuse_seed,
            self.use_as_reference,
            self.edit_region,
            self.adjust_edit,
            self.compare_original,
            self.favourite,
            self.trash,
            *self.rate,
            self.export,
        ]

    def all(self) -> list[QAction]:
        found: list[QAction] = []
        for f in fields(self):
            value = getattr(self, f.name)
            found.extend(value if isinstance(value, list) else [value])
        return found


_MNEMONIC_SUFFIX = re.compile(r"\s*\(&\w\)")


def plain_label(text: str) -> str:
    """A menu text as a toolbar label or tooltip: no mnemonic and no "…".

    Chinese menus mark the mnemonic as a trailing "(&G)" (生成(&G)); Qt strips only the "&" and would
    show "生成(G)" on the toolbar, so the whole marker goes.
    """
    return _MNEMONIC_SUFFIX.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def rate_text(stars: int) -> str:
    """The English plural forms are in the code: lupdate does not see this call as a plural message, so
    no catalog turned "Rate 1 star(s)" into "Rate 1 star". Chinese has one form for both."""
    if stars == 0:
        return _tr("Clear rating")
    if stars == 1:
        return QCoreApplication.translate("WindowActions", "Rate %n star", None, stars)
    return QCoreApplication.translate("WindowActions", "Rate %n stars", None, stars)


def build_actions(window: QWidget, grid: QWidget) -> WindowActions:
    """The actions, without their icons: see draw_icons."""

    def action(
        name: str,
        text: str,
        icon: str = "",
        keys: tuple[QKeySequence | str, ...] = (),
        on: QWidget | None = None,
    ) -> QAction:
        owner = on or window
        act = QAction(text, owner)
        act.setObjectName(name)
        act.setIconText(plain_label(text))
        if icon:
            act.setProperty("iconName", icon)  # drawn by draw_icons, and again when the palette changes
        if keys:
            act.setShortcuts([QKeySequence(k) for k in keys])
            tip = f"{plain_label(text)} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
            act.setToolTip(tip)
        if on is not None:
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(act)
        return act

    rate = [
        action(
            f"rate{n}",
            rate_text(n),
            "",
            (str(n),),
            grid,
        )
        for n in range(6)
    ]
    return WindowActions(
        generate=action("generate", _tr("&Generate"), "generate", ("Ctrl+Return", "Ctrl+Enter")),
        # Esc only where the jobs are shown: in a text field or a popup it means "leave this", and must
        # never stop a paid job. The menu and toolbar still cancel from anywhere.
        cancel=action("cancel", _tr("&Cancel job"), "cancel", ("Esc",), grid),
        cancel_all=action("cancelAll", _tr("Cancel &all jobs"), "", ("Shift+Esc",)),
        retry=action("retry", _tr("&Retry failed job"), "retry", ("Ctrl+Shift+R",)),
        paste=action(
            "paste",
            _tr("&Paste image as reference"),
            "reference",
            (QKeySequence(QKeySequence.StandardKey.Paste),),
        ),
        settings=action("settings", _tr("&Settings…"), "settings", ("Ctrl+,",)),
        demo=action("demo", _tr("Try the &demo"), "demo"),
        quit=action("quit", _tr("&Quit"), "", (QKeySequence(QKeySequence.StandardKey.Quit),)),
        open=action("open", _tr("&Open in viewer"), "open", ("Return", "Space"), grid),
        open_external=action("openExternal", _tr("Open in &default app"), "", ("Ctrl+Shift+Return",), grid),
        reveal=action("reveal", _tr("Show in &folder"), "folder", ("Ctrl+Shift+O",), grid),
        copy_image=action(
            "copyImage", _tr("&Copy image"), "copy", (QKeySequence(QKeySequence.StandardKey.Copy),), grid
        ),
        copy_prompt=action("copyPrompt", _tr("Copy &prompt"), "", ("Ctrl+Shift+C",), grid),
        reuse_settings=action("reuseSettings", _tr("Reuse &settings"), "reuse", ("Ctrl+Shift+U",), grid),
        reuse_seed=action("reuseSeed", _tr("Reuse s&eed"), "", ("Ctrl+Shift+E",), grid),
        use_as_reference=action("useAsReference", _tr("Use as &reference"), "reference", ("Ctrl+R",), grid),
        edit_region=action("editRegion", _tr("Edit a re&gion…"), "", ("Ctrl+Alt+E",), grid),
        adjust_edit=action("adjustEdit", _tr("&Adjust this edit…"), "", (), grid),
        compare_original=action("compareOriginal", _tr("Compare with &original"), "", (), grid),
        favourite=action("favourite", _tr("&Favourite"), "favourite", ("F",), grid),
        trash=action(
            "trash", _tr("Move to &trash"), "trash", (QKeySequence(QKeySequence.StandardKey.Delete),), grid
        ),
        rate=rate,
        export=action("export", _tr("E&xport…"), "", (), grid),
    )


def draw_icons(actions: Iterable[QAction], window: QWidget, only_for: int | None = None) -> None:
    """The icons of these actions in the window's colours and density (a light/dark switch, another
    screen). Before the first frame the window draws only its toolbar's, at the toolbar's size
    (``only_for``, two SVG renders each); all of them in every size (six each) come just after it."""
    palette, ratio = window.palette(), window.devicePixelRatioF()
    for act in actions:
        name = act.property("iconName")
        if name:
            act.setIcon(theme.tinted_icon(str(name), palette, ratio, only_for))


def retint(actions: WindowActions, window: QWidget) -> None:
    """Every icon again, in the window's current palette and density."""
    draw_icons(actions.all(), window)


def fill_menus(menubar: QMenuBar, toolbar: QToolBar, actions: WindowActions) -> None:
    file_menu = menubar.addMenu(_tr("&File"))
    file_menu.addAction(actions.settings)
    file_menu.addAction(actions.demo)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    jobs = menubar.addMenu(_tr("&Generate"))
    for act in (actions.generate, actions.cancel, actions.cancel_all, actions.retry, actions.paste):
        jobs.addAction(act)
    image = menubar.addMenu(_tr("&Image"))
    fill_result_menu(image, actions)
    for act in (actions.generate, actions.cancel, actions.retry):
        toolbar.addAction(act)
    toolbar.addSeparator()
    for act in (actions.favourite, actions.use_as_reference, actions.trash):
        toolbar.addAction(act)
    toolbar.addSeparator()
    toolbar.addAction(actions.settings)


def fill_result_menu(menu: QMenu, actions: WindowActions) -> None:
    for act in (actions.open, actions.open_external, actions.reveal):
        menu.addAction(act)
    menu.addSeparator()
    for act in (actions.copy_image, actions.copy_prompt):
        menu.addAction(act)
    menu.addSeparator()
    for act in (
        actions.reuse_settings,
        actions.reuse_seed,
        actions.use_as_reference,
        actions.edit_region,
        actions.adjust_edit,
        actions.compare_original,
    ):
        menu.addAction(act)
    menu.addSeparator()
    menu.addAction(actions.favourite)
    rating = menu.addMenu(_tr("&Rate"))
    for act in actions.rate:
        rating.addAction(act)
    menu.addSeparator()
    menu.addAction(actions.export)
    menu.addAction(actions.trash)


def result_menu(parent: QWidget, actions: WindowActions, *, retry: bool, cancel: bool) -> QMenu:
    """The grid's right-click menu; Retry and Cancel when the selection holds such jobs."""
    menu = QMenu(parent)
    fill_result_menu(menu, actions)
    if retry or cancel:
        menu.addSeparator()
        if retry:
            menu.addAction(actions.retry)
        if cancel:
            menu.addAction(actions.cancel)
    menu.aboutToHide.connect(menu.deleteLater)  # one menu per right-click, gone once used
    return menu
