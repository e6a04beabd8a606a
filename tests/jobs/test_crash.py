"""Crash test: `seedream generate` killed with SIGKILL at several points, then `seedream jobs resume`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from seedream_desktop.config import Paths
from seedream_desktop.emulator import Emulator
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.state import JobState
from tests.jobs.emulated import KEY, saved_once

COUNT = 8
WATCH_TIMEOUT_S = 30.0


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["SEEDREAM_API_URL"] = url
    env["SEEDREAM_API_KEY"] = KEY
    env.pop("PYTHONWARNINGS", None)
    return env  # SEEDREAM_HOME and SEEDREAM_LIBRARY come from the isolated_home fixture


def _seedream(*args: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from seedream_desktop.cli import main; sys.exit(main())",
        *args,
    ]


def _generate(url: str, count: int = COUNT) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _seedream("generate", "a lighthouse at dusk", "--size", "1K-1:1", "--count", str(count), "--json"),
        env=_env(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _resume(url: str) -> list[dict[str, object]]:
    done = subprocess.run(
        _seedream("jobs", "resume", "--json"), env=_env(url), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return list(json.loads(done.stdout))


def _watch(what: str, condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    """Wait (checking often) until the observed state is reached; fail if the CLI ended first."""
    deadline = time.monotonic() + WATCH_TIMEOUT_S
    while not condition():
        assert process.poll() is None, f"generate ended before {what}"
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.005)


def _frozen_while(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> bool:
    """True, with the process stopped, when the condition holds; a download can finish between a
    look and a kill, so the process is frozen (SIGSTOP) and the condition looked at again."""
    if not condition():
        return False
    process.send_signal(signal.SIGSTOP)
    while (state := _run_state(process.pid)) not in "Tt":  # delivered, not yet acted on
        if state in "ZX":
            return False  # it ended in between: the watch reports that
        time.sleep(0.001)
    if condition():
        return True
    process.send_signal(signal.SIGCONT)
    return False


def _run_state(pid: int) -> str:
    # /proc/PID/stat: "pid (comm) S …"; comm may hold spaces, so split after its closing bracket.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def _kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    assert process.wait(10) == -signal.SIGKILL


def _state(journal_file: Path) -> tuple[str | None, int]:
    """(state of the only job, images saved), read the way another process would."""
    if not journal_file.exists():
        return None, 0
    with JobJournal(journal_file) as journal:
        jobs = journal.jobs()
        if not jobs:
            return None, 0
        return jobs[0].state.value, sum(1 for i in journal.images(jobs[0].id) if i.saved)


def _check_after_resume(emulator: Emulator, library: Path, count: int = COUNT) -> None:
    with JobJournal(Paths.from_environment().journal_file) as journal:
        (job,) = journal.jobs()
        assert job.state is JobState.DONE, job.error
        saved_once(journal, library, emulator.produced)
    assert len(emulator.produced) == count
    assert len({task for task, _, _ in emulator.produced}) == 1, "the job was paid for twice"
    assert all(n == 1 for n in emulator.downloads.values()) or _downloads_were_restarts(emulator, count)


def _downloads_were_restarts(emulator: Emulator, count: int) -> bool:
    # An image whose download the kill interrupted is fetched again (never saved twice: saved_once).
    return sum(emulator.downloads.values()) <= count + 1


def test_killed_before_submit_while_offline(library_dir: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    journal_file = Paths.from_environment().journal_file
    process = _generate(url)  # nothing listens yet: the job is journalled, then waits for the network
    try:
        _watch("the queued job", lambda: _state(journal_file)[0] == "queued", process)
    finally:
        _kill(process)
    with Emulator(port=port, latency=0.01) as emulator:
        assert emulator.produced == []
        printed = _resume(emulator.url)
        _check_after_resume(emulator, library_dir)
    assert len(printed) == COUNT


def test_killed_while_generating(emulator_factory: Callable[..., Emulator], library_dir: Path) -> None:
    emulator = emulator_factory(latency=0.1)
    journal_file = Paths.from_environment().journal_file
    process = _generate(emulator.url)
    try:
        _watch(
            "generating",
            lambda: _state(journal_file)[0] == "generating" and len(emulator.produced) < COUNT,
            process,
        )
    finally:
        _kill(process)
    printed = _resume(emulator.url)
    _check_after_resume(emulator, library_dir)
    assert len(printed) + _state(journal_file)[1] >= COUNT


def test_killed_mid_download(emulator_factory: Callable[..., Emulator], library_dir: Path) -> None:
    # Slow downloads so the kill lands inside one: a temp file exists and at least two images are saved.
    # (Its size may still be 0: the saver buffers 256 KiB, more than a 1K image.)
    emulator = emulator_factory(latency=0.0, download_bytes_per_second=400_000)
    journal_file = Paths.from_environment().journal_file

    def mid_download() -> bool:
        return any(library_dir.rglob(".partial-*")) and _state(journal_file)[1] >= 2

    process = _generate(emulator.url)
    try:
        _watch("a download in progress", lambda: _frozen_while(mid_download, process), process)
    finally:
        _kill(process)
    assert list(library_dir.rglob(".partial-*")), "the kill was meant to leave a partial file"
    _resume(emulator.url)
    _check_after_resume(emulator, library_dir)


def test_killed_after_the_server_took_the_task_before_the_ack_was_journalled(
    emulator_factory: Callable[..., Emulator], library_dir: Path
) -> None:
    # The window where a job could be paid for twice: the server has the task, the journal does not
    # know it. The emulator takes the submit and keeps its answer back, so the kill lands inside it.
    count = 4
    emulator = emulator_factory(latency=0.0)
    emulator.hold_answers()
    journal_file = Paths.from_environment().journal_file
    process = _generate(emulator.url, count)
    try:
        _watch("the task taken by the server", lambda: emulator.wait_for_held_answers(1, 0.05), process)
    finally:
        _kill(process)
    with JobJournal(journal_file) as journal:
        (job,) = journal.jobs()
        assert job.attempted and not job.acked, "the kill was meant to land before the ACK was journalled"
    emulator.let_answers_go()  # to a dead process: nobody ever reads it
    printed = _resume(emulator.url)
    _check_after_resume(emulator, library_dir, count)
    sends = [r for r in emulator.requests if r.get("taskType") == "imageInference"]
    assert len(sends) >= 2 and {r["taskUUID"] for r in sends} == {job.task_uuid}  # re-sent, same task
    polls = [r for r in emulator.requests if r.get("taskType") == "getResponse"]
    assert {r["taskUUID"] for r in polls} == {job.task_uuid}  # the conflict answer was polled for
    assert len(printed) == count
