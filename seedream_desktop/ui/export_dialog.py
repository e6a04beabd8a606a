"""ExportDialog: "Export…" on any selection — format, size or preset, metadata, names, folder — on a worker.

The export itself is library/export.py; this dialog gathers the choices (remembered in the settings
as ``export``), runs it on the thread pool with a progress bar and a Cancel that stops before the
next image, and says what was written and what was not.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seedream_desktop.config import Paths, Settings
from seedream_desktop.library.export import (
    CONTEXT,
    NOT_EXPORTED,
    ExportOptions,
    ExportReport,
    available_formats,
    export,
)
from seedream_desktop.library.export_choices import PRESETS
from seedream_desktop.library.export_names import FIELDS, BadTemplate, check_template

log = logging.getLogger(__name__)
SETTING = "export"
DEFAULT_TEMPLATE = "{date}_{prompt:30}_{n}"


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)  # ExportReport


class _ExportJob(QRunnable):
    def __init__(self, sources: list[Path], options: ExportOptions) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until its report has arrived
        self.sources, self.options = sources, options
        self.signals = _Signals()
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            report = export(self.sources, self.options, self.signals.progressed.emit, self.stopping.is_set)
        except Exception as exc:  # the dialog must hear back whatever happened (else "busy" forever)
            log.exception("export failed")
            report = ExportReport(failed=[(self.options.folder, str(exc))])
        self.signals.finished.emit(report)


class ExportDialog(QDialog):
    finished_export = Signal(object)  # ExportReport, for tests and the status bar

    def __init__(
        self, sources: list[Path], parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export %n image(s)", "", len(sources)))
        self.sources = list(sources)
        self.settings = settings if settings is not None else Settings(Paths.from_environment())
        self.job: _ExportJob | None = None
        self.report: ExportReport | None = None
        self._build()
        self._restore(self.settings.get(SETTING) or {})

    # ---- the form ------------------------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("exportFolder")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Folder:"), row)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.addItems(available_formats())
        form.addRow(self.tr("Format:"), self.format)
        self.quality = QSpinBox()
        self.quality.setRange(1, 100)
        self.quality.setValue(90)
        form.addRow(self.tr("Quality:"), self.quality)
        self.sizing = QComboBox()
        self.sizing.setObjectName("exportSize")
        _add_choice(self.sizing, self.tr("Original size"), "")
        _add_choice(self.sizing, self.tr("Long edge"), "long")
        for key in PRESETS:
            _add_choice(
                self.sizing, self.tr("{size} (cropped to fill)").format(size=key.replace("x", " × ")), key
            )
        self.long_edge = QSpinBox()
        self.long_edge.setRange(16, 65_000)
        self.long_edge.setValue(2048)
        self.long_edge.setSuffix(self.tr(" px"))
        size_row = QHBoxLayout()
        size_row.addWidget(self.sizing, 1)
        size_row.addWidget(self.long_edge)
        form.addRow(self.tr("Size:"), size_row)
        self.sizing.currentIndexChanged.connect(self._size_changed)
        self.metadata = QComboBox()
        self.metadata.setObjectName("exportMetadata")
        _add_choice(self.metadata, self.tr("Keep all"), "keep")
        _add_choice(self.metadata, self.tr("Keep, without the prompt"), "no-prompt")
        _add_choice(self.metadata, self.tr("None"), "none")
        form.addRow(self.tr("Metadata:"), self.metadata)
        self.template = QLineEdit(DEFAULT_TEMPLATE)
        self.template.setObjectName("exportTemplate")
        self.template.setToolTip(
            self.tr("Fields: {fields}").format(fields=", ".join("{" + f + "}" for f in FIELDS))
        )
        form.addRow(self.tr("File names:"), self.template)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(self.sources)))
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("exportStart")
        self.start.clicked.connect(self.begin)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._size_changed()

    def _size_changed(self) -> None:
        self.long_edge.setEnabled(self.sizing.currentData() == "long")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _restore(self, saved: dict[str, Any]) -> None:
        # Beside the library, not inside it: copies inside would be indexed as more images.
        default = Paths.from_environment().default_library().parent / "Seedream Export"
        self.folder.setText(str(saved.get("folder") or default))
        for combo, key in ((self.format, "format"), (self.metadata, "metadata")):
            found = (
                combo.findText(str(saved.get(key)))
                if combo is self.format
                else combo.findData(saved.get(key))
            )
            if found >= 0:
                combo.setCurrentIndex(found)
        size = self.sizing.findData(saved.get("size", ""))
        self.sizing.setCurrentIndex(max(0, size))
        for spin, key in ((self.quality, "quality"), (self.long_edge, "long_edge")):
            if isinstance(saved.get(key), int):
                spin.setValue(int(saved[key]))
        if isinstance(saved.get("template"), str) and saved["template"]:
            self.template.setText(saved["template"])

    def options(self) -> ExportOptions:
        size = str(self.sizing.currentData() or "")
        return ExportOptions(
            folder=Path(self.folder.text().strip()).expanduser(),
            format=self.format.currentText(),
            quality=self.quality.value(),
            long_edge=self.long_edge.value() if size == "long" else 0,
            preset=size if size in PRESETS else "",
            metadata=str(self.metadata.currentData()),
            template=self.template.text().strip() or "{name}",
        )

    def _remember(self) -> None:
        options = self.options()
        self.settings.set(
            SETTING,
            {
                "folder": str(options.folder),
                "format": options.format,
                "quality": options.quality,
                "size": str(self.sizing.currentData() or ""),
                "long_edge": self.long_edge.value(),
                "metadata": options.metadata,
                "template": options.template,
            },
        )

    # ---- running -------------------------------------------------------------------------------------
    def begin(self) -> None:
        if not self.folder.text().strip():
            self.status.setText(self.tr("Choose a folder to export into."))
            return
        try:
            check_template(self.template.text())
            options = self.options()
            options.check()
        except (BadTemplate, ValueError) as exc:
            self.status.setText(str(exc))
            return
        self._remember()
        self.start.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self.job = _ExportJob(self.sources, options)
        self.job.signals.progressed.connect(self._progressed)
        self.job.signals.finished.connect(self._finished)
        QThreadPool.globalInstance().start(self.job)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stopping.set()  # stops before the next image; the report closes the dialog's run
            self.status.setText(self.tr("Stopping after the images already started…"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.job is not None:
            self.job.stopping.set()  # closed while running: the images already started still finish
        super().reject()

    def _finished(self, report: ExportReport) -> None:
        self.job, self.report = None, report
        lines = [self.tr("Exported %n image(s).", "", len(report.written))]
        if report.cancelled:
            lines.append(self.tr("Cancelled: the rest were not exported."))
        for path, reason in report.failed[:5]:
            lines.append(
                QCoreApplication.translate(CONTEXT, NOT_EXPORTED).format(name=path.name, reason=reason)
            )
        self.status.setText("\n".join(lines))
        self.start.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.finished_export.emit(report)


def open_export(paths: list[Path], parent: QWidget) -> ExportDialog | None:
    """The dialog for these images, shown window-modal (it deletes itself when closed)."""
    if not paths:
        return None
    dialog = ExportDialog(paths, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _add_choice(combo: QComboBox, text: str, data: str) -> None:
    combo.addItem(text)
    combo.setItemData(combo.count() - 1, data)
