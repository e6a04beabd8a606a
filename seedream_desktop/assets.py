"""Where the shipped icons and translations are: the top-level resources/ folder, installed as the package
``seedream_desktop.resources`` (pyproject maps it), so one lookup works from a checkout, an editable
install, a wheel and a PyInstaller bundle."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``resources/<name>`` (e.g. "icons", "translations")."""
    # Plain paths first: importlib.resources costs ~10 ms of imports before the first frame.
    installed = _PACKAGE / "resources" / name  # a wheel or the PyInstaller bundle
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / "resources" / name
    if (_PACKAGE.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout  # a checkout, installed editable or not
    from importlib import resources

    try:
        root = resources.files("seedream_desktop.resources")
        candidate = Path(str(root / name))
        if candidate.is_dir():
            return candidate
    except ModuleNotFoundError:
        pass
    # A plain checkout that was never installed: the folder beside the package.
    return checkout
