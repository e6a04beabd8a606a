"""`seedream generate --provider ark` and `seedream ark`: journalled before sending, each image saved as it
arrives, and a job that may have been charged is never sent again without the person's yes.

The crash test kills the CLI with SIGKILL mid-stream, then starts it again: what arrived is saved once,
the job is marked "may have been charged, no result to fetch", and nothing is re-sent unasked.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from seedream_desktop.cli import main
from seedream_desktop.cli.ark import journal_path
from seedream_desktop.config import Paths
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.ark_jobs import DONE, UNSURE, ArkJournal
from seedream_desktop.library.metadata import read_record

KEY = "ark-cli-key-0123456789"


def _ark_env(emulator: Emulator) -> dict[str, str]:
    return {"SEEDREAM_ARK_URL": emulator.origin + "/api/v3", "SEEDREAM_ARK_API_KEY": KEY}


@pytest.fixture
def ark(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    for name, value in _ark_env(emulator).items():
        monkeypatch.setenv(name, value)
    return emulator


def _sent(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if r.get("taskType") == "arkImageGeneration")


def _jobs() -> list:
    journal = ArkJournal(journal_path(Paths.from_environment()))
    try:
        return journal.jobs()
    finally:
        journal.close()


def _images(library: Path) -> list[Path]:
    return sorted(p for p in library.rglob("*.jpg") if not p.name.startswith("."))


def test_generate_through_ark_saves_every_image_with_its_record(
    ark: Emulator, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["generate", "a comic strip", "--provider", "ark", "--size", "1K-1:1", "--sequential", "3", "--json"]
    )
    assert code == 0, capsys.readouterr().err
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 3 and all(Path(i["path"]).is_file() for i in items)
    record = read_record(Path(items[0]["path"]))
    assert record is not None and record.model == "bytedance:5@0" and record.sequence_total == 3
    sent = next(r for r in ark.requests if r.get("taskType") == "arkImageGeneration")
    assert sent["watermark"] is False and sent["stream"] is True and sent["model"] == "seedream-4-0-250828"
    (job,) = _jobs()
    assert job.state == DONE and sorted(job.saved) == [0, 1, 2] and job.cost == pytest.approx(0.09)
    from seedream_desktop.library.index import Library

    library = Library.open(library_dir, Paths.from_environment().cache)
    try:
        assert library.count() == 3  # indexed as they were saved, like a Runware job's images
    finally:
        library.close()


@pytest.mark.parametrize(
    "args",
    [
        ["--count", "2"],  # Ark has no n: several images come only as a sequential set
        ["--model", "seededit", "--ref", "https://example.com/a.png"],  # not offered through Ark
    ],
)
def test_what_ark_cannot_do_exits_2_and_sends_nothing(
    ark: Emulator, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "x", "--provider", "ark", *args]) == 2
    assert "error:" in capsys.readouterr().err
    assert _sent(ark) == 0 and _jobs() == []


def test_no_ark_key_exits_3(emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SEEDREAM_ARK_URL", emulator.origin + "/api/v3")
    monkeypatch.delenv("SEEDREAM_ARK_API_KEY", raising=False)
    monkeypatch.setenv("SEEDREAM_API_KEY", "a-runware-key-is-not-an-ark-key")
    assert main(["generate", "x", "--provider", "ark", "--size", "1K-1:1"]) == 3
    assert "--provider ark" in capsys.readouterr().err
    assert _sent(emulator) == 0


def test_a_dropped_stream_is_unsure_and_resend_needs_a_yes(
    ark: Emulator, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ark.inject("drop")
    assert main(["generate", "x", "--provider", "ark", "--size", "1K-1:1", "--sequential", "3"]) == 4
    assert "may have been charged" in capsys.readouterr().err
    (job,) = _jobs()
    assert job.state == UNSURE and list(job.saved) == [0]
    assert len(_images(library_dir)) == 1
    assert main(["ark", "resend", job.id[:8]]) == 2  # no terminal, no --yes: refused
    assert "only sent again when you say so" in capsys.readouterr().err
    assert _sent(ark) == 1
    assert main(["ark", "resend", job.id[:8], "--yes"]) == 0
    assert _sent(ark) == 2


def test_sigkill_mid_stream_then_start_again(emulator_factory, tmp_path: Path, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    emulator = emulator_factory(api_keys={KEY})
    emulator.pause()  # each image waits for release(): the stream is held after the first one
    env = {**os.environ, **_ark_env(emulator)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "seedream_desktop",
            "generate",
            "a set",
            "--provider",
            "ark",
            "--size",
            "1K-1:1",
            "--sequential",
            "4",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        emulator.release(1)
        deadline = time.monotonic() + 60
        # Wait until the first image is saved *and* committed to the journal, then kill without warning.
        while not any(job.saved for job in _jobs()):
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)  # reaps it and closes both pipes
        emulator.resume()
    assert process.returncode == -signal.SIGKILL
    assert _sent(emulator) == 1
    # Start again: the job is named as possibly charged, what arrived is there exactly once.
    listed = subprocess.run(
        [sys.executable, "-m", "seedream_desktop", "ark", "list"], env=env, capture_output=True, timeout=60
    )
    assert listed.returncode == 0
    assert b"may have been charged, no result to fetch" in listed.stderr
    (job,) = _jobs()
    assert job.state == UNSURE and list(job.saved) == [0]
    images = _images(library_dir)
    assert len(images) == 1 and images[0] == Path(job.saved[0])
    record = read_record(images[0])
    assert record is not None and record.task_uuid == job.id
    # No temp file (".partial-…") from the interrupted write is left beside it (the index's own
    # folder, .seedream, aside).
    leftovers = [
        p
        for p in library_dir.rglob("*")
        if p.is_file() and p not in images and ".seedream" not in p.relative_to(library_dir).parts
    ]
    assert not leftovers
    # Asking to send it again without a yes sends nothing.
    again = subprocess.run(
        [sys.executable, "-m", "seedream_desktop", "ark", "resend", job.id],
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert again.returncode == 2 and _sent(emulator) == 1
    assert len(_images(library_dir)) == 1


def test_a_job_whose_process_still_runs_is_not_marked_unsure(tmp_path: Path) -> None:
    from seedream_desktop.api.request import GenerationRequest

    journal = ArkJournal(tmp_path / "ark.sqlite3")
    try:
        job_id = journal.record(GenerationRequest(prompt="x"))
        # Another live process owns it (the window streaming while the CLI starts): left alone.
        journal._conn.execute("UPDATE ark_jobs SET pid = ? WHERE id = ?", (os.getppid(), job_id))
        assert journal.recover() == []
        journal._conn.execute("UPDATE ark_jobs SET pid = ? WHERE id = ?", (2**22 + 12345, job_id))
        (lost,) = journal.recover()
        assert lost.id == job_id and lost.state == UNSURE
    finally:
        journal.close()


def test_key_status_per_provider(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SEEDREAM_ARK_API_KEY", "ark-key")
    monkeypatch.delenv("SEEDREAM_API_KEY", raising=False)
    assert main(["key", "status", "--provider", "ark"]) == 0
    assert "SEEDREAM_ARK_API_KEY" in capsys.readouterr().out
