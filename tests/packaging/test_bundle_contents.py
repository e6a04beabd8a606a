"""What the PyInstaller spec lets into the bundle: the Qt the app uses, none it does not (no WebEngine)."""

from __future__ import annotations

import re

import pytest

from tests.packaging.support import ROOT, module_at

contents = module_at("packaging/bundle_contents.py")
SPEC = (ROOT / "packaging" / "seedream-desktop.spec").read_text(encoding="utf-8")


def test_the_spec_excludes_webengine_qml_3d_and_multimedia() -> None:
    excluded = set(contents.EXCLUDED_MODULES)
    for module in ("QtWebEngineCore", "QtWebEngineWidgets", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"):
        assert f"PySide6.{module}" in excluded
    # ...and the spec really uses the list and the filter.
    assert "excludes=EXCLUDED_MODULES" in SPEC
    assert "keep_entry(entry[0])" in SPEC


def test_no_qt_module_the_app_imports_is_excluded() -> None:
    """Importing a new Qt module (say QtSql) must come with taking it off the exclusion list."""
    used = set()
    for path in (ROOT / "seedream_desktop").rglob("*.py"):
        used |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used, "the scan found no Qt imports at all"
    assert not used & set(contents.UNUSED_QT_MODULES)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6NetworkAuth.so.6",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",  # local sockets need no TLS
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/translations/qtwebengine_zh_CN.qm",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\plugins\\multimedia\\ffmpegmediaplugin.dll",
        "libgtk-3.so.0",  # the gtk3 theme uses the host's GTK
        "libQt6Quick.so.6",  # PyInstaller's top-level link to a dropped library
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/Resources/Info.plist",
        "Qt6EglFSDeviceIntegration.dll",
    ],
)
def test_unused_qt_parts_stay_out(dest: str) -> None:
    assert not contents.keep_entry(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",  # the SVG image and icon plugins link it
        "PySide6/Qt/lib/libQt6Network.so.6",  # local sockets: a second launch hands its images over
        "PySide6/QtNetwork.abi3.so",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/QtDBus.abi3.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "libpython3.11.so.1.0",
        "libQt6Widgets.so.6",
        "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
        "PIL/_webp.cpython-311-x86_64-linux-gnu.so",
    ],
)
def test_what_the_app_loads_goes_in(dest: str) -> None:
    assert contents.keep_entry(dest)


def test_resources_land_where_the_package_looks_for_them() -> None:
    datas = {
        (source.replace("\\", "/").split("/resources/", 1)[1], folder)
        for source, folder in contents.resource_datas(ROOT)
    }
    assert ("icons/app.svg", "seedream_desktop/resources/icons") in datas
    assert ("icons/app-512.png", "seedream_desktop/resources/icons") in datas
    translations = sorted((ROOT / "resources" / "translations").glob("*.qm"))
    for qm in translations:
        assert (f"translations/{qm.name}", "seedream_desktop/resources/translations") in datas
    # Sources and the executables' own icons stay out.
    assert not any(name.endswith((".ts", ".py", ".ico", ".icns")) for name, _ in datas)
