"""Notices: what the window's two banners say — an error with its way out, connecting, offline, demo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

from seedream_desktop.api.errors import MissingApiKey
from seedream_desktop.jobs.state import CancelOutcome
from seedream_desktop.ui.banner import Banner
from seedream_desktop.ui.messages import TOP_UP_URL, error_text, remedy_text, way_out
from seedream_desktop.ui.result_commands import OpenUrl

if (
    TYPE_CHECKING
):  # a type only: the module is imported when the first notice comes, not before the first frame
    from seedream_desktop.library.notice import LibraryNotice


class Notices(QObject):
    """Owns the error banner's message and why it is up, so the event that answers it can take it down.

    A message only goes away by the event it was about (connected, back online, a key entered) or
    by a newer message taking its place — never because something unrelated happened.
    """

    def __init__(
        self,
        error_banner: Banner,
        demo_banner: Banner,
        open_settings: Callable[[], object],
        open_url: OpenUrl,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.error_banner = error_banner
        self.demo_banner = demo_banner
        self._open_settings = open_settings
        self._open_url = open_url
        self.reason: str | None = None  # "connecting", "offline", "no-key" or None for any other message

    # ---- the error banner -----------------------------------------------------------------------
    def clear(self) -> None:
        self.reason = None
        self.error_banner.hide()

    def answered(self, reason: str) -> None:
        """The event ``reason`` waited for has happened: its message goes, any other stays."""
        if self.reason == reason:
            self.clear()

    def problems(self, text: str) -> None:
        self._show(None, text, "error")

    def info(self, text: str) -> None:
        """A note that no event answers (a library notice, a missing font): it stays until replaced or closed."""
        self._show(None, text, "info")

    def connecting(self) -> None:
        self._show("connecting", self.tr("Connecting… your job starts when the connection is ready."), "info")

    def offline(self) -> None:
        self._show(
            "offline",
            self.tr("No connection to Runware: jobs are queued and will be sent when it is back."),
            "info",
        )

    def cancelled(self, outcomes: list[CancelOutcome]) -> bool:
        """Tell the truth about money: a job Runware already had is paid for, and its images still come.

        False when no cancelled job was paid for (the caller says "nothing is charged" more quietly).
        """
        if CancelOutcome.PAID not in outcomes:
            return False
        self.info(
            self.tr(
                "Cancelled, but Runware had already started it: its images are paid for and will "
                "still arrive in your library."
            )
        )
        return True

    def core(self, notice: LibraryNotice) -> None:
        """A notice of the core (the session's library index cannot open …) in the interface's language."""
        from seedream_desktop.ui.library.library_sync import translated

        self.info(translated(notice))

    def no_key(self) -> None:
        """The plain window without a key: say so once, with the way to enter one."""
        self.way_out(MissingApiKey(code="missingApiKey"))
        self.reason = "no-key"

    def way_out(self, error: BaseException, retry: Callable[[], object] | None = None) -> None:
        """The error in the designer's words, with the button that gets them past it."""
        message = f"{error_text(error)} {remedy_text(error)}".strip()
        kind = way_out(error)
        if kind == "settings":
            self._show(None, message, "error", self.tr("Open Settings"), self._open_settings)
        elif kind == "top-up":
            self._show(
                None,
                message,
                "error",
                self.tr("Top up at my.runware.ai"),
                lambda: self._open_url(QUrl(TOP_UP_URL)),
            )
        elif kind == "offline":
            self.offline()
        elif retry is not None:
            self._show(None, message, "error", self.tr("Retry"), retry)
        else:
            self._show(None, message, "error")

    def _show(
        self,
        reason: str | None,
        text: str,
        kind: str,
        button: str = "",
        action: Callable[[], object] | None = None,
    ) -> None:
        self.reason = reason
        self.error_banner.show_message(text, kind, button, action)

    # ---- the demo banner ------------------------------------------------------------------------
    def demo(self, on: bool) -> None:
        if not on:
            self.demo_banner.hide()
            return
        self.demo_banner.show_message(
            self.tr(
                "DEMO — images come from the built-in Runware emulator on this computer: "
                "nothing is sent over the network and nothing is charged."
            ),
            "demo",
            self.tr("Use my own key…"),
            self._open_settings,
            closable=False,
        )
