"""`seedream generate`: saved paths or JSON on stdout, and the exit codes 0, 2, 3, 4 and 130."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from seedream_desktop.cli import main
from seedream_desktop.config import Paths, Settings
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.library.metadata import read_record

KEY = "cli-test-key-0123456789"


@pytest.fixture
def api(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("SEEDREAM_API_URL", emulator.url)
    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    return emulator


def _inferences(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if r.get("taskType") == "imageInference")


def test_prints_saved_paths(api: Emulator, library_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "a red fox in snow", "--size", "1K-1:1", "--count", "2", "--seed", "77"]) == 0
    paths = [Path(line) for line in capsys.readouterr().out.split()]
    assert len(paths) == 2 and all(p.is_file() and library_dir in p.parents for p in paths)
    assert paths[0].name.endswith("_a-red-fox-in-snow_s77.png")
    record = read_record(paths[0])
    assert record is not None and record.seed == 77 and record.prompt == "a red fox in snow"
    # The key is in no file written: journal, images, index.
    written = [
        p for root in (library_dir, Path(os.environ["SEEDREAM_HOME"])) for p in root.rglob("*") if p.is_file()
    ]
    assert written and not [p for p in written if KEY.encode() in p.read_bytes()]
    assert "library index" not in capsys.readouterr().err


def test_json_output(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generate", "poster", "--size", "2048x2048", "--format", "jpg", "--quality", "80", "--json"])
    assert code == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert set(item) == {"path", "taskUUID", "imageUUID", "seed", "cost", "width", "height"}
    assert (item["width"], item["height"], item["cost"]) == (2048, 2048, 0.03)
    assert item["path"].endswith(".jpg")
    assert [(t, i) for t, i, _ in api.produced] == [(item["taskUUID"], item["imageUUID"])]
    task = next(r for r in api.requests if r.get("taskType") == "imageInference")
    assert task["outputFormat"] == "JPG" and task["outputQuality"] == 80 and task["deliveryMethod"] == "async"


def test_sequential_and_references(api: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    ref = tmp_path / "brand.png"
    Image.new("RGB", (64, 64), "red").save(ref)
    assert (
        main(["generate", "a set", "--size", "1K-1:1", "--sequential", "3", "--ref", str(ref), "--json"]) == 0
    )
    items = json.loads(capsys.readouterr().out)
    assert 1 <= len(items) <= 3
    record = read_record(items[0]["path"])
    assert record is not None and record.references and record.references[0].sha256


@pytest.mark.parametrize(
    "args",
    [
        ["generate", ""],
        ["generate", "x", "--size", "3000x3000"],
        ["generate", "x", "--count", "21"],
        ["generate", "x", "--quality", "19"],
        ["generate", "x", "--sequential", "16"],
        ["generate", "x", "--ref", "/no/such/file.png"],
    ],
)
def test_invalid_input_exits_2_and_sends_nothing(
    api: Emulator, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "error:" in capsys.readouterr().err
    assert api.requests == []
    assert not Paths.from_environment().journal_file.exists()  # not even journalled


def test_bad_format_is_an_argparse_error(api: Emulator) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["generate", "x", "--format", "gif"])
    assert exited.value.code == 2


@pytest.mark.parametrize("fault", ["401", "402"])
def test_auth_and_credit_failures_exit_3(
    api: Emulator, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    api.inject(fault, None, "submit")
    assert main(["generate", "x", "--size", "1K-1:1"]) == 3
    err = capsys.readouterr().err
    assert ("API key" in err) if fault == "401" else ("balance" in err)
    assert KEY not in err


def test_missing_key_exits_3(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SEEDREAM_API_URL", emulator.url)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert main(["generate", "x"]) == 3
    err = capsys.readouterr().err
    assert "No Runware API key" in err
    # The way out on the command line, not the window's "Open Settings".
    assert "seedream key set" in err and "Settings" not in err
    assert emulator.requests == []


def test_budget_cap_exits_3_before_sending(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    Settings(Paths.from_environment()).set("daily_budget_usd", 0.05)
    assert main(["generate", "x", "--count", "2"]) == 3
    err = capsys.readouterr().err
    assert "budget of $0.05" in err
    assert "daily_budget_usd" in err
    assert api.requests == []


def test_server_failure_after_retries_exits_4(api: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    api.inject("content-policy", 1, "submit")
    assert main(["generate", "x", "--size", "1K-1:1"]) == 4
    assert "content policy" in capsys.readouterr().err


def test_no_network_exits_4_and_keeps_the_job(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("SEEDREAM_API_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("SEEDREAM_API_KEY", KEY)
    assert main(["generate", "x", "--wait-offline", "0"]) == 4
    assert "Could not reach Runware" in capsys.readouterr().err
    with JobJournal(Paths.from_environment().journal_file) as journal:
        (job,) = journal.jobs()
        assert job.state.value == "failed" and job.error is not None and job.error.retryable


def test_interrupt_exits_130(emulator_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    emulator = emulator_factory(latency=0.3)
    env = {**os.environ, "SEEDREAM_API_URL": emulator.url, "SEEDREAM_API_KEY": KEY}
    process = subprocess.Popen(
        [sys.executable, "-m", "seedream_desktop", "generate", "x", "--size", "1K-1:1", "--count", "6"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not emulator.produced:  # it is generating: interrupt it like Ctrl+C would
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert b"jobs resume" in err
    with JobJournal(Paths.from_environment().journal_file) as journal:
        (job,) = journal.jobs()
        assert not job.state.finished  # kept for `seedream jobs resume`


def test_an_unopenable_library_index_never_stops_a_generation(
    api: Emulator, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (library_dir / ".seedream" / "index.sqlite3").mkdir(parents=True)  # a folder where the index goes
    assert main(["generate", "saved all the same", "--size", "1K-1:1"]) == 0
    out, err = capsys.readouterr()
    (path,) = [Path(line) for line in out.split()]
    assert path.is_file() and library_dir in path.parents
    assert "library index" in err and "cannot be opened" in err and "still saved" in err
