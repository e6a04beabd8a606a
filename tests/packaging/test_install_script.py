"""packaging/linux/install.sh registers the launcher, metainfo and icons under XDG_DATA_HOME, and removes them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from seedream_desktop import APP_ID
from tests.packaging.support import ICONS, LINUX, module_at, tool

SIZES = module_at("scripts/make_icons.py").PNG_SIZES


def run_install(script: Path, tmp_path: Path, *args: str, path_dirs: tuple[Path, ...] = ()) -> str:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "SEEDREAM_BIN_DIR": str(tmp_path / "bin"),
        "PATH": os.pathsep.join([*(str(d) for d in path_dirs), "/usr/bin", "/bin"]),
    }
    result = subprocess.run(["bash", str(script), *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def installed_files(data: Path) -> list[Path]:
    return [
        data / "applications" / f"{APP_ID}.desktop",
        data / "metainfo" / f"{APP_ID}.metainfo.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(data / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in SIZES),
    ]


def exec_line(data: Path) -> str:
    text = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("Exec="))


def fake_executable(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_from_a_checkout_it_points_the_launcher_at_the_installed_command(tmp_path: Path) -> None:
    command = fake_executable(tmp_path / "pipx bin", "seedream-desktop")  # a space: Exec must quote it
    run_install(LINUX / "install.sh", tmp_path, path_dirs=(command.parent,))

    data = tmp_path / "data"
    for path in installed_files(data):
        assert path.is_file(), path
    assert exec_line(data) == f'Exec="{command}" %F'
    validate = subprocess.run(
        [tool("desktop-file-validate"), str(data / "applications" / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0 and not validate.stdout.strip(), validate.stdout
    assert not (tmp_path / "bin").exists()  # pipx owns its own links


def test_from_a_bundle_it_links_the_commands_and_uninstall_removes_everything(tmp_path: Path) -> None:
    bundle = tmp_path / "seedream-desktop"
    (bundle / "_internal").mkdir(parents=True)
    gui = fake_executable(bundle, "seedream-desktop")
    fake_executable(bundle, "seedream")
    shutil.copytree(LINUX, bundle / "linux")
    (bundle / "linux" / "icons").mkdir()
    for icon in [ICONS / "app.svg", *ICONS.glob("app-*.png")]:
        shutil.copy2(icon, bundle / "linux" / "icons")
    other = fake_executable(tmp_path / "bin", "other-tool")  # not ours: uninstall must leave it

    run_install(bundle / "linux" / "install.sh", tmp_path)
    data = tmp_path / "data"
    assert all(path.is_file() for path in installed_files(data))
    assert exec_line(data) == f"Exec={gui} %F"
    assert (tmp_path / "bin" / "seedream-desktop").resolve() == gui
    assert (tmp_path / "bin" / "seedream").resolve() == bundle / "seedream"

    run_install(bundle / "linux" / "install.sh", tmp_path, "--uninstall")
    assert not any(path.exists() for path in installed_files(data))
    assert not (tmp_path / "bin" / "seedream-desktop").exists()
    assert other.is_file()
