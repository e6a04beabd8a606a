"""Shared test set-up: offscreen Qt set once, and every test isolated in its own folders."""

from __future__ import annotations

import os
import sys

# Set before anything imports Qt: every GUI test runs on the offscreen platform, no display needed.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest

ENV_VARS = ("SEEDREAM_API_URL", "SEEDREAM_API_KEY", "SEEDREAM_LIBRARY", "SEEDREAM_HOME")


# `make test` installs exiftool, vips, the validators and a Secret Service: there, a test that skips for want
# of one of them hides a broken set-up step, so it fails instead (scripts/test.sh sets this).
SETUP_SKIPS = ("not installed", "D-Bus", "make test")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and os.environ.get("SEEDREAM_TEST_STRICT") == "1"
        and isinstance(report.longrepr, tuple)
    ):
        reason = str(report.longrepr[2])
        if any(marker in reason for marker in SETUP_SKIPS):
            report.outcome = "failed"
            report.longrepr = f"skipped under make test, whose set-up should provide it: {reason}"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, data, cache and library folders live under tmp_path; no real key or URL leaks in."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("SEEDREAM_HOME", str(home))
    monkeypatch.setenv("SEEDREAM_LIBRARY", str(tmp_path / "library"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    _trash_in(tmp_path / "xdg-data", monkeypatch)
    return home


def _trash_in(data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """send2trash reads XDG_DATA_HOME once, when first imported: without this every later test's
    "OS trash" would be the folder of whichever test imported it first."""
    plat_other = sys.modules.get("send2trash.plat_other")
    if plat_other is None:
        return  # not imported yet: it will read the variable set above
    trash = data_home / "Trash"
    monkeypatch.setattr(
        plat_other, "XDG_DATA_HOME", os.fsencode(data_home)
    )  # bytes, as send2trash keeps them
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.fsencode(trash))
    monkeypatch.setattr(plat_other, "HOMETRASH", str(trash))


# ---- Errors in the log fail the test (qutebrowser's tests/helpers/logfail.py idea) ----------------
# An ERROR the app logs is a bug the person never sees (the window's log file, not a message): the test
# that caused it fails, unless it asks for `expect_log_errors` (an error it provokes on purpose).

import logging  # noqa: E402


class _LoggedErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_logged_errors(request: pytest.FixtureRequest) -> Iterator[_LoggedErrors]:
    from seedream_desktop import logs

    handler = _LoggedErrors()
    logger = logging.getLogger(logs.APP_LOGGER)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logs.shutdown()  # a CLI run in this test configured the log file in this test's home
    if handler.records and "expect_log_errors" not in request.fixturenames:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"the app logged errors (use the expect_log_errors fixture if they are meant):\n{lines}")


@pytest.fixture
def expect_log_errors(fail_on_logged_errors: _LoggedErrors) -> list[logging.LogRecord]:
    """This test provokes errors in the log on purpose; the records, to check they are the right ones."""
    return fail_on_logged_errors.records


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return tmp_path / "library"


# ---- Emulator fixtures -------------------------------------------------------------------------
# A real Runware-compatible HTTP server on 127.0.0.1, started per test and stopped (threads joined).

from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from seedream_desktop.emulator import Emulator  # noqa: E402


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A started emulator with no latency and no faults; `emulator.url` is the base URL to post to."""
    with Emulator() as server:
        yield server


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., Emulator]]:
    """Start emulators with options, e.g. ``emulator_factory(latency=0.2, api_keys={"k"})``; all stopped after."""
    started: list[Emulator] = []

    def start(**options: Any) -> Emulator:
        server = Emulator(**options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
