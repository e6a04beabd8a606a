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
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], str, str]:
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
    return names, entry_points, str(out)


pytestmark = pytest.mark.slow


def test_wheel_carries_compiled_translations(wheel: tuple[set[str], str, str]) -> None:
    names, *_ = wheel
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert f"seedream_desktop/resources/translations/{ts.stem}.qm" in names


def test_wheel_carries_the_icons_as_package_resources(wheel: tuple[set[str], str, str]) -> None:
    names, *_ = wheel
    assert "seedream_desktop/resources/__init__.py" in names
    for icon in (ROOT / "resources" / "icons").iterdir():
        if icon.suffix in {".svg", ".png"}:
            assert f"seedream_desktop/resources/icons/{icon.name}" in names


def test_wheel_carries_every_subpackage(wheel: tuple[set[str], str, str]) -> None:
    names, *_ = wheel
    for init in (ROOT / "seedream_desktop").rglob("__init__.py"):
        relative = init.relative_to(ROOT).as_posix()
        package = relative.removesuffix("/__init__.py").replace("/", ".")
        assert relative in names, f"add {package!r} to [tool.setuptools] packages in pyproject.toml"


def test_wheel_installs_both_commands(wheel: tuple[set[str], str, str]) -> None:
    _, entry_points, _ = wheel
    assert "seedream-desktop = seedream_desktop.app:main" in entry_points
    assert "seedream = seedream_desktop.cli:main" in entry_points


@pytest.fixture(scope="module")
def installed(wheel: tuple[set[str], str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip-installed into a fresh virtualenv, as `pip install .` leaves it.

    Its dependencies come from this test run's own environment through a .pth line (nothing is downloaded):
    .pth files of a folder added that way are not run, so the checkout's editable install stays out."""
    (built,) = Path(wheel[2]).glob("seedream_desktop-*.whl")
    target = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, capture_output=True)
    python = target / "bin" / "python"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INDEX": "1"}
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(built)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (site,) = (target / "lib").glob("python3*/site-packages")
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "test-deps.pth").write_text("\n".join(deps) + "\n")
    return target


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "SEEDREAM_", "PYTHON"))}
    env.pop("DISPLAY", None)  # --self-test must choose the offscreen platform by itself
    env["HOME"] = str(home)
    return env


def test_pip_installed_wheel_runs_both_commands(installed: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    where = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import seedream_desktop; print(seedream_desktop.__file__)",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr  # the wheel, not the checkout
    version = subprocess.run(
        [str(installed / "bin" / "seedream"), "--version"], env=env, capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.startswith("seedream "), version.stderr
    result = subprocess.run(
        [str(installed / "bin" / "seedream-desktop"), "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout.startswith("self-test ok: "), result.stdout
    assert "zh_CN catalogs (ours and Qt's) load" in result.stdout  # the wheel's compiled .qm work
