"""`seedream key`: the key goes in through stdin, lives in the keychain and never shows up in output."""

import os
import subprocess
import sys

import pytest

SECRET = "rw-test-0123456789abcdef"


def seedream(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "seedream_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_status_with_environment_key_does_not_print_it():
    result = seedream("key", "status", env={"SEEDREAM_API_KEY": SECRET})
    assert result.returncode == 0
    assert "SEEDREAM_API_KEY" in result.stdout
    assert SECRET not in result.stdout + result.stderr


def test_set_refuses_an_empty_key():
    result = seedream("key", "set", stdin="\n")
    assert result.returncode == 2
    assert "No key given" in result.stderr


def test_key_is_never_taken_from_argv():
    result = seedream("key", "set", SECRET)
    assert result.returncode == 2  # argparse rejects the extra argument
    assert SECRET not in result.stdout


@pytest.mark.keychain
def test_set_status_clear_against_the_real_secret_service(isolated_home):
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("needs a D-Bus session bus with a Secret Service (make test provides one)")
    assert seedream("key", "set", stdin=SECRET + "\n").returncode == 0
    status = seedream("key", "status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert "keychain" in status.stdout
    assert SECRET not in status.stdout + status.stderr
    # Nothing the app wrote on disk holds the key.
    for path in isolated_home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes()
    assert seedream("key", "clear").returncode == 0
    assert seedream("key", "status").returncode == 1
