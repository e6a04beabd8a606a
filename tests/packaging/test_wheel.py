"""`pip install .` and `pipx install .` ship a wheel: it must carry every package, the icons and the
compiled translations, even from a clean checkout where no .qm was ever built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.support import ROOT

# Read at import, before the autouse fixture points XDG_CACHE_HOME at a temporary folder: the build
# environment's setuptools and PySide6 come from the user's pip cache, not the network, every run.
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pip"
)
CHECKOUT_FILES = ("pyproject.toml", "README.md", "MANIFEST.in", "packaging/build_backend.py")
CHECKOUT_FOLDERS = ("seedream_desktop", "resources", "packaging/linux")


def clean_checkout(target: Path) -> Path:
    """What a fresh `git clone` has: sources, no compiled translations, no build leftovers."""
    for name in CHECKOUT_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    for name in CHECKOUT_FOLDERS:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], str]:
    checkout = clean_checkout(tmp_path_factory.mktemp("checkout"))
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PIP_CACHE_DIR": PIP_CACHE, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(checkout)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (built,) = out.glob("seedream_desktop-*.whl")
    with zipfile.ZipFile(built) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    return names, entry_points


pytestmark = pytest.mark.slow


def test_wheel_carries_compiled_translations(wheel: tuple[set[str], str]) -> None:
    names, _ = wheel
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert f"seedream_desktop/resources/translations/{ts.stem}.qm" in names


def test_wheel_carries_the_icons_as_package_resources(wheel: tuple[set[str], str]) -> None:
    names, _ = wheel
    assert "seedream_desktop/resources/__init__.py" in names
    for icon in (ROOT / "resources" / "icons").iterdir():
        if icon.suffix in {".svg", ".png"}:
            assert f"seedream_desktop/resources/icons/{icon.name}" in names


def test_wheel_carries_every_subpackage(wheel: tuple[set[str], str]) -> None:
    names, _ = wheel
    for init in (ROOT / "seedream_desktop").rglob("__init__.py"):
        relative = init.relative_to(ROOT).as_posix()
        package = relative.removesuffix("/__init__.py").replace("/", ".")
        assert relative in names, f"add {package!r} to [tool.setuptools] packages in pyproject.toml"


def test_wheel_installs_both_commands(wheel: tuple[set[str], str]) -> None:
    _, entry_points = wheel
    assert "seedream-desktop = seedream_desktop.app:main" in entry_points
    assert "seedream = seedream_desktop.cli:main" in entry_points
