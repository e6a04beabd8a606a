"""What macOS and Windows read about the app: the Info.plist keys and the Windows version resource."""

from __future__ import annotations

import re
from typing import Any

PUBLISHER = "Seedream Desktop developers"
COPYRIGHT = "MIT License, Seedream Desktop developers"
# Qt 6.10+ (the PySide6 wheels we build with) supports macOS 13 Ventura and later.
MACOS_MINIMUM = "13.0"
# Images the app opens from Finder ("Open With", a drop on the Dock icon): UTI and file extensions.
IMAGE_TYPES = (
    ("PNG image", "public.png", ("png",)),
    ("JPEG image", "public.jpeg", ("jpg", "jpeg")),
    ("WebP image", "org.webmproject.webp", ("webp",)),
)


def macos_info_plist(app_name: str, version: str, executable: str) -> dict[str, Any]:
    """Info.plist keys for BUNDLE(info_plist=...); PyInstaller adds CFBundleIdentifier and the icon."""
    return {
        "CFBundleName": app_name,
        "CFBundleDisplayName": app_name,
        "CFBundleExecutable": executable,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "zh_CN"],
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": name,
                # Viewer + Alternate: offered under "Open With", never made the default for images.
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": [uti],
                "CFBundleTypeExtensions": list(extensions),
            }
            for name, uti, extensions in IMAGE_TYPES
        ],
        "LSApplicationCategoryType": "public.app-category.graphics-design",
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "NSSupportsAutomaticGraphicsSwitching": True,  # stay on the integrated GPU
        "NSHumanReadableCopyright": COPYRIGHT,
    }


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """Windows wants four integers: "0.1.0" -> (0, 1, 0, 0), "1.2rc1" -> (1, 2, 1, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version)][:4]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def windows_version_strings(app_name: str, version: str, executable: str, description: str) -> dict[str, str]:
    """The StringFileInfo Explorer shows under Properties > Details."""
    return {
        "CompanyName": PUBLISHER,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": executable.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": executable,
        "ProductName": app_name,
        "ProductVersion": version,
    }


def windows_version_info(app_name: str, version: str, executable: str, description: str) -> Any:
    """A PyInstaller VSVersionInfo for EXE(version=...); PyInstaller is imported only when building."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_numbers(version)
    strings = windows_version_strings(app_name, version, executable, description)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 0409 = US English, 04B0 = Unicode: the language/codepage pair Explorer looks up first.
            StringFileInfo([StringTable("040904B0", [StringStruct(k, v) for k, v in strings.items()])]),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
