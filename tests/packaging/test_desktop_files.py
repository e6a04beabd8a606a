"""The Linux desktop entry and AppStream metainfo: valid for the validators, and consistent with the app."""

from __future__ import annotations

import configparser
import subprocess
from xml.etree import ElementTree

from seedream_desktop import APP_ID, __version__
from tests.packaging.support import LINUX, tool

DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_opens_images_with_the_app_icon() -> None:
    entry = desktop_entry()
    assert set(entry["MimeType"].strip(";").split(";")) >= {"image/png", "image/jpeg", "image/webp"}
    # %F: several local files, which the app puts into the reference tray.
    assert entry["Exec"].split()[0] == "seedream-desktop" and "%F" in entry["Exec"].split()
    assert entry["Icon"] == APP_ID  # the name install.sh gives the icon in every hicolor size


def test_metainfo_names_the_desktop_entry_and_the_current_release() -> None:
    root = ElementTree.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert __version__ in releases, f"add a <release version={__version__!r}> to {METAINFO.name}"
