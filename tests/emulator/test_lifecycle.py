"""Start and stop cleanly (no threads or sockets left), the demo helper, and `seedream emulator`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from seedream_desktop.emulator import Emulator, start_demo_emulator
from tests.emulator.runware_calls import inference, post

REPO = Path(__file__).resolve().parents[2]


def emulator_threads() -> list[threading.Thread]:
    return [
        t for t in threading.enumerate() if t is not threading.current_thread() and t.name != "MainThread"
    ]


def test_stop_joins_every_thread_even_with_work_in_flight() -> None:
    before = set(emulator_threads())
    server = Emulator(latency=600).start()
    with httpx.Client(timeout=5) as http:
        task = inference(deliveryMethod="async", numberResults=3)
        assert post(http, server, [task]).status_code == 200  # a worker now waits out its latency
        assert post(http, server, [{"taskType": "ping"}]).status_code == 200  # an idle keep-alive thread
        server.stop()
    assert set(emulator_threads()) == before
    assert not server.running


def test_stop_wakes_a_held_sync_request() -> None:
    server = Emulator().start()
    server.pause()
    outcome: list[object] = []

    def submit() -> None:
        with httpx.Client(timeout=30) as http:
            try:
                outcome.append(post(http, server, [inference()]).status_code)
            except httpx.HTTPError as exc:
                outcome.append(exc)

    caller = threading.Thread(target=submit)
    caller.start()
    assert server.wait_for_requests(1)
    server.stop()  # must not wait for the held generation
    caller.join(30)
    assert not caller.is_alive() and outcome


def test_context_manager_and_restart_safe_stop() -> None:
    with Emulator() as server:
        assert server.running and server.url == f"http://127.0.0.1:{server.port}/v1"
        with httpx.Client() as http:
            assert post(http, server, [{"taskType": "ping"}]).status_code == 200
    server.stop()  # a second stop is harmless
    with httpx.Client() as http, pytest.raises(httpx.ConnectError):
        http.post(server.url, json=[])


def test_demo_emulator_is_started_on_a_free_port() -> None:
    server = start_demo_emulator()
    try:
        assert server.running and server.port > 0 and server.latency > 0
    finally:
        server.stop()


def test_cli_runs_until_interrupted() -> None:
    code = "import sys; from seedream_desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "emulator", "--latency", "0", "--fault", "429@poll", "--key", "cli-key"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
        with httpx.Client() as http:
            ok = http.post(url, json=[{"taskType": "ping"}], headers={"Authorization": "Bearer cli-key"})
            wrong = http.post(url, json=[{"taskType": "ping"}], headers={"Authorization": "Bearer other"})
        assert ok.status_code == 200 and wrong.status_code == 401
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, errors


def test_cli_refuses_a_bad_fault_spec() -> None:
    from seedream_desktop.cli import main

    assert main(["emulator", "--fault", "teapot"]) == 2
