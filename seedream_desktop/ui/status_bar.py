"""StatusBar: job state, today's spend and the connection (or DEMO) at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.jobs = QLabel(self)
        self.spend = QLabel(self)
        self.connection = QLabel(self)
        for label, name in (
            (self.jobs, "jobState"),
            (self.spend, "spendToday"),
            (self.connection, "connection"),
        ):
            label.setObjectName(name)
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.set_jobs(0, 0, 0)
        self.set_spend(0.0, 0.0)

    def set_jobs(self, running: int, queued: int, failed: int) -> None:
        parts = []
        if running:
            parts.append(self.tr("%n running", "", running))
        if queued:
            parts.append(self.tr("%n queued", "", queued))
        if failed:
            parts.append(self.tr("%n failed", "", failed))
        self.jobs.setText(" · ".join(parts) if parts else self.tr("Idle"))

    def set_spend(self, today_usd: float, budget_usd: float, *, demo: bool = False) -> None:
        spent = f"{today_usd:.2f}"
        if demo:
            # The demo keeps its own journal: what its images would have cost, never real money.
            text = self.tr("Demo today: ${spent} (not charged)").format(spent=spent)
        elif budget_usd > 0:
            text = self.tr("Today: ${spent} of ${budget}").format(spent=spent, budget=f"{budget_usd:.2f}")
        else:
            text = self.tr("Today: ${spent}").format(spent=spent)
        self.spend.setText(text)
        self.spend.setToolTip(
            self.tr("What these demo images would have cost at Runware; nothing is charged")
            if demo
            else self.tr("What Runware charged today (demo jobs are not counted)")
        )

    def set_connection(self, state: str, host: str = "") -> None:
        """``state`` is 'connecting' (nothing answered yet), 'online', 'demo', 'offline' or 'no-key'."""
        texts = {
            "connecting": self.tr("Connecting to {host}…").format(host=host),
            "online": self.tr("Connected to {host}").format(host=host),
            "demo": self.tr("DEMO — built-in emulator, no real images or charges"),
            "offline": self.tr("Offline — jobs wait and go out when the network is back"),
            "no-key": self.tr("No API key — open Settings or try the demo"),
            "ark-only": self.tr("BytePlus ModelArk key only — Runware needs its own key (Settings)"),
        }
        self.connection.setText(texts.get(state, state))
        self.connection.setProperty("state", state)
        bold = "font-weight: 600;" if state in ("demo", "offline", "no-key") else ""
        self.connection.setStyleSheet(bold)
