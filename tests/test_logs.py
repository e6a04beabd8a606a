"""The log file (logs.py): the key never reaches it, it rotates, its level comes from the environment, and
the CLI writes its details there while stderr keeps the person's one-line message."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedream_desktop import logs
from seedream_desktop.cli import jobs as jobs_cli
from seedream_desktop.cli import main
from seedream_desktop.config import Paths
from seedream_desktop.redaction import forget_all_secrets, remember_secret

KEY = "rw-SECRET-KEY-0123456789abcdef"
log = logging.getLogger("seedream_desktop.tests")


@pytest.fixture
def paths() -> Iterator[Paths]:
    remember_secret(KEY)
    yield Paths.from_environment()
    forget_all_secrets()


def written(path: Path) -> str:
    logs.shutdown()  # closes (and so flushes) the file
    return path.read_text(encoding="utf-8") if path.exists() else ""  # opened by the first record


class HoldsTheKey:
    def __str__(self) -> str:
        return f"<session key={KEY}>"


def test_the_key_never_reaches_the_log_even_when_logged_directly(
    paths: Paths, expect_log_errors: list[logging.LogRecord]
) -> None:
    path = logs.configure(paths)
    assert path == paths.data / "logs" / "seedream.log"
    log.info("the key is %s", KEY)
    log.info(f"the key is {KEY}")
    log.info("an object holding it: %s", HoldsTheKey())
    log.warning("a mapping: %(key)s", {"key": KEY})
    try:
        raise RuntimeError(f"the server echoed {KEY}")
    except RuntimeError:
        log.exception("a traceback")
    logging.getLogger("httpx").warning("another library's record with %s", KEY)
    log.info("with a stack", stack_info=True, extra={"note": KEY})
    text = written(path)
    assert KEY not in text
    assert text.count("***") >= 6
    assert "RuntimeError: the server echoed ***" in text  # the traceback is there, masked
    assert "another library's record" in text
    assert [r.levelname for r in expect_log_errors] == ["ERROR"]


def test_the_log_rotates_at_its_size_and_keeps_five(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = logs.configure(paths)
    assert path is not None
    for n in range(400):
        log.info("line %d %s", n, "x" * 40)
    logs.shutdown()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["seedream.log", *(f"seedream.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2000 for p in path.parent.iterdir())
    assert "line 399 " in path.read_text(encoding="utf-8")  # the newest lines are in the current file


@pytest.mark.parametrize(
    ("setting", "debug_kept"), [("", False), ("debug", True), ("WARNING", False), ("nonsense", False)]
)
def test_the_level_comes_from_the_environment(
    setting: str, debug_kept: bool, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(logs.ENV_LEVEL, setting)
    path = logs.configure(paths)
    assert path is not None
    log.debug("a detail")
    log.info("an event")
    text = written(path)
    assert ("a detail" in text) is debug_kept
    assert ("an event" in text) is (setting.upper() != "WARNING")


def test_configuring_again_replaces_the_handler_and_shutdown_restores_the_level(
    paths: Paths, tmp_path: Path
) -> None:
    before = logging.getLogger(logs.APP_LOGGER).level
    logs.configure(paths)
    second = logs.configure(Paths(tmp_path / "c", tmp_path / "other", tmp_path / "k"))
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logs.RotatingLog)]
    assert [Path(h.baseFilename) for h in ours] == [second]
    assert logs.current_log_file() == second
    logs.shutdown()
    assert logs.current_log_file() is None
    assert logging.getLogger(logs.APP_LOGGER).level == before


def test_an_unwritable_data_folder_means_no_log_file_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    assert logs.configure(Paths(tmp_path / "config", blocker, tmp_path / "cache")) is None
    log.info("goes nowhere, breaks nothing")


def test_the_cli_logs_to_the_file_and_keeps_stderr_for_the_person(
    paths: Paths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    expect_log_errors: list[logging.LogRecord],
) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError(f"a bug that holds {KEY}")

    monkeypatch.setattr(jobs_cli, "_list", broken)
    assert main(["jobs", "list"]) == 1
    err = capsys.readouterr().err
    log_path = paths.data / "logs" / "seedream.log"
    assert err.count("\n") == 1 and "Traceback" not in err and KEY not in err
    assert f"the details are in {log_path}" in err
    text = written(log_path)
    assert "Traceback" in text and "a bug that holds ***" in text and KEY not in text
    assert len(expect_log_errors) == 1
