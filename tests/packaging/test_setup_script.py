"""scripts/setup.sh on a machine where it cannot install: it says the exact apt command to run as root
and stops, and for the bundle it asks for binutils and the interpreter's shared libpython.

The system tools it calls are stand-ins in a private PATH (no sudo in it), so nothing is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.packaging.support import ROOT


def stand_ins(
    folder: Path, *, installed: set[str], python_says: str, python_is_debian: bool
) -> dict[str, str]:
    """A PATH holding only what setup.sh needs before it installs: a non-root `id`, a `dpkg-query` that
    knows `installed`, an `apt-get` that must not be run, and a `python3` answering `python_says`."""
    folder.mkdir()
    for name in ("dirname", "grep"):
        real = shutil.which(name)
        assert real is not None
        (folder / name).symlink_to(real)
    scripts = {
        "id": "echo 1000",
        "apt-get": f"touch {folder}/apt-get-ran; exit 0",
        "dpkg-query": (
            f'if [ "$1" = -S ]; then exit {0 if python_is_debian else 1}; fi\n'
            f'case "${{@: -1}}" in {"|".join(installed) or "none-installed"}) echo "install ok installed";; '
            "*) exit 1;; esac"
        ),
        "python3": f"echo '{python_says}'",
    }
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!{shutil.which('bash')}\n{body}\n")
        path.chmod(0o755)
    return {"PATH": str(folder), "HOME": str(folder), "PYTHON": str(folder / "python3")}


def run_setup(purpose: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A copy of the script in a checkout of its own: the real checkout may have a .venv, whose Python
    the script would ask instead of the stand-in."""
    bash = shutil.which("bash")
    assert bash is not None
    checkout = Path(env["HOME"]).parent / "checkout"
    (checkout / "scripts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "setup.sh", checkout / "scripts" / "setup.sh")
    return subprocess.run(
        [bash, str(checkout / "scripts" / "setup.sh"), purpose],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_root_or_sudo_it_prints_the_apt_command_and_stops(tmp_path: Path) -> None:
    env = stand_ins(
        tmp_path / "bin",
        installed={"binutils", "xvfb"},
        python_says="3.11 /usr/bin/python3.11 -",
        python_is_debian=True,
    )
    result = run_setup("bundle", env)
    assert result.returncode != 0
    assert "sudo: command not found" not in result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "apt-get install" in message and "libpython3.11" in message and "libxcb-cursor0" in message
    assert " binutils " not in message and " xvfb " not in message  # already there: skipped
    assert not (tmp_path / "bin" / "apt-get-ran").exists()


def test_the_bundle_asks_for_binutils_and_libpython_of_the_interpreters_version(tmp_path: Path) -> None:
    env = stand_ins(
        tmp_path / "bin", installed=set(), python_says="3.12 /usr/bin/python3.12 -", python_is_debian=True
    )
    message = run_setup("bundle", env).stderr
    assert " binutils " in message and "libpython3.12 " in message
    # A Python that carries its own libpython (pyenv's, built --enable-shared) needs no package.
    shutil.rmtree(tmp_path / "bin")
    env = stand_ins(
        tmp_path / "bin",
        installed=set(),
        python_says="3.11 /opt/py/bin/python3.11 /opt/py/lib/libpython3.11.so.1.0",
        python_is_debian=False,
    )
    message = run_setup("bundle", env).stderr
    assert " binutils " in message and "libpython" not in message
    # And "run" and "test" need neither.
    assert "binutils" not in run_setup("test", env).stderr


def test_a_python_without_its_shared_library_is_named_with_the_fix(tmp_path: Path) -> None:
    env = stand_ins(
        tmp_path / "bin", installed=set(), python_says="3.11 /opt/py/bin/python3.11 -", python_is_debian=False
    )
    result = run_setup("bundle", env)
    assert result.returncode != 0
    assert "/opt/py/bin/python3.11" in result.stderr and "--enable-shared" in result.stderr


def test_run_says_how_to_see_a_window_on_a_virtual_screen() -> None:
    script = (ROOT / "scripts" / "run.sh").read_text()
    assert "nobody can see" in script and "--self-test" in script
    assert os.access(ROOT / "scripts" / "setup.sh", os.X_OK)
