"""Where the shipped icons and translations are: the top-level resources/ folder, installed as the package
``seedream_desktop.resources`` (pyproject maps it), so one lookup works from a checkout, an editable
install, a wheel and a PyInstaller bundle."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_dir(name: str) -> Path:
    """The folder ``resources/<name>`` (e.g. "icons", "translations")."""
    try:
        root = resources.files("seedream_desktop.resources")
        candidate = Path(str(root / name))
        if candidate.is_dir():
            return candidate
    except ModuleNotFoundError:
        pass
    # A plain checkout that was never installed: the folder beside the package.
    return Path(__file__).resolve().parent.parent / "resources" / name
