"""What the window adds for BytePlus ModelArk: its key beside Runware's, and "Send again" only on a yes.

A ModelArk job that stopped mid-stream may have been charged and has no result to fetch
(jobs/ark_lane.py). Retry on it never re-sends by itself: the person reads what it may cost and
confirms; only then does the bridge send it again (``Session.resend``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from seedream_desktop.jobs.connection import Connection

if TYPE_CHECKING:
    from seedream_desktop.jobs.events import JobView
    from seedream_desktop.ui.bridge import Bridge
    from seedream_desktop.ui.resend_confirm import ResendConfirm


def ark_key_store() -> Any:
    """The keychain entry of the ModelArk key (secrets.py imports keyring: only once it is needed)."""
    from seedream_desktop.secrets import KeyStore

    return KeyStore(provider="ark")


def read_keys(keys: Any, ark_keys: Any) -> tuple[str | None, str | None]:
    """Both keys, on the keychain thread: a keychain error on the second still lets the first work."""
    runware = keys.get()
    try:
        ark = ark_keys.get() if ark_keys is not None else None
    except Exception:  # no usable keychain for it: ModelArk says "no key" when it is chosen
        ark = None
    return runware, ark


def connection_for(keys: tuple[str | None, str | None] | None, api_url: str) -> Connection | None:
    """A connection when either key is set; without a Runware key only ModelArk can send."""
    runware, ark = keys if keys is not None else (None, None)
    if not runware and not ark:
        return None
    return Connection(runware or "", api_url, ark_key=ark or "")


def is_unsure(view: JobView | None) -> bool:
    """A ModelArk job that may have been charged: sent again only after the person confirms."""
    from seedream_desktop.jobs.ark_lane import ArkUnsure

    return view is not None and isinstance(view.error, ArkUnsure)


def confirm_resend(parent: QWidget, bridge: Bridge, job_id: str) -> ResendConfirm:
    """Ask; send again only when the person chose "Send again" (a new job: the old one stays as it was)."""
    from seedream_desktop.ui.resend_confirm import ResendConfirm  # QMessageBox: not before the first frame

    box = ResendConfirm(parent)

    def answered(_result: int) -> None:
        if box.clickedButton() is box.send:
            bridge.resend(job_id)
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
