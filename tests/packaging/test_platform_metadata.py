"""The macOS Info.plist and the Windows version resource the spec hands to PyInstaller."""

from __future__ import annotations

import plistlib

import pytest

from seedream_desktop import APP_NAME, __version__
from tests.packaging.support import ROOT, module_at

metadata = module_at("packaging/platform_metadata.py")
SPEC = (ROOT / "packaging" / "seedream-desktop.spec").read_text(encoding="utf-8")


def test_info_plist_declares_version_retina_minimum_macos_and_image_documents() -> None:
    info = metadata.macos_info_plist(APP_NAME, __version__, "seedream-desktop")
    info = plistlib.loads(plistlib.dumps(info))  # every value is plist-serialisable
    assert info["CFBundleShortVersionString"] == __version__
    assert info["NSHighResolutionCapable"] is True
    assert tuple(int(n) for n in info["LSMinimumSystemVersion"].split(".")) >= (11, 0)
    types = {uti for kind in info["CFBundleDocumentTypes"] for uti in kind["LSItemContentTypes"]}
    assert types == {"public.png", "public.jpeg", "org.webmproject.webp"}
    assert all(kind["CFBundleTypeRole"] == "Viewer" for kind in info["CFBundleDocumentTypes"])


def test_spec_sets_the_bundle_identifier_and_platform_icons() -> None:
    assert "bundle_identifier=APP_ID" in SPEC
    assert 'ICONS / "app.icns"' in SPEC and 'ICONS / "app.ico"' in SPEC
    assert "info_plist=macos_info_plist(" in SPEC
    assert "version=windows_version_info(" in SPEC


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc3", (2, 0, 1, 3)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_windows_version_numbers_are_four_integers(version: str, numbers: tuple[int, ...]) -> None:
    assert metadata.version_numbers(version) == numbers


def test_windows_version_strings_name_the_product_and_file() -> None:
    strings = metadata.windows_version_strings(APP_NAME, __version__, "seedream-desktop.exe", APP_NAME)
    assert strings["ProductName"] == APP_NAME
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "seedream-desktop.exe"
    assert strings["InternalName"] == "seedream-desktop"


def test_windows_version_resource_builds_where_pyinstaller_can() -> None:
    pytest.importorskip(
        "pefile", reason="PyInstaller's version-resource module needs pefile (Windows builds)"
    )
    info = metadata.windows_version_info(APP_NAME, __version__, "seedream.exe", "CLI")
    assert "seedream.exe" in str(info)
