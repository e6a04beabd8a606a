"""What goes into the bundle: our resources, the Qt plugins the app loads, and nothing Qt we never use."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# Qt modules the app never imports (it uses QtCore, QtGui, QtWidgets, QtDBus; QtSvg comes in as plugins).
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
)
EXCLUDED_MODULES = [
    *(f"PySide6.{name}" for name in UNUSED_QT_MODULES),
    # Other Qt bindings, if present in the build venv, would make PyInstaller's Qt hooks refuse to build.
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "_tkinter",
    # Pillow's AVIF codec (5 MB of libavif) and Tk bridge: the app reads and writes PNG, JPEG and WebP only.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
]

# Qt shared libraries (and PySide6 extension modules) of those modules, if a plugin's hook drags them in.
UNUSED_QT_LIBRARY = re.compile(
    r"Qt6?(?:3D|Bluetooth|Charts|Concurrent|DataVisualization|Designer|EglFS|EglFs|Graphs|Help|HttpServer"
    r"|Labs|Location|Lottie|Multimedia|NetworkAuth|Nfc|OpenGLWidgets|Pdf|Positioning|PrintSupport|Qml|Quick"
    r"|RemoteObjects|Scxml|Sensors|Serial|ShaderTools|SpatialAudio|Sql|StateMachine|SvgWidgets|Test"
    r"|TextToSpeech|UiTools|VirtualKeyboard|WaylandCompositor|WaylandEgl.*Compositor|WebChannel|WebEngine"
    r"|WebSockets|WebView|WlShellIntegration|Xml)"
)

# Plugin class -> the plugins kept (file stem without "lib", with or without Qt's "q"). Classes not listed
# are dropped whole.
KEPT_PLUGINS: dict[str, tuple[str, ...]] = {
    # xcb (X11), wayland, offscreen (--self-test, CI), windows and cocoa on their systems.
    "platforms": ("xcb", "wayland", "offscreen", "windows", "cocoa"),
    "imageformats": ("jpeg", "webp", "svg", "ico"),  # PNG is built into QtGui
    "iconengines": ("svgicon",),
    "platformthemes": ("gtk3", "xdgdesktopportal"),  # native file dialogs and colours on Linux desktops
    # Chinese prompts are typed through an input method (ibus, fcitx via compose/ibus); the virtual
    # keyboard plugin is QML and stays out.
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    "xcbglintegrations": ("xcb-egl-integration", "xcb-glx-integration"),
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("adwaita", "bradient"),
    "wayland-graphics-integration-client": (
        "qt-plugin-wayland-egl",
        "dmabuf-server",
        "drm-egl-server",
        "shm-emulation-server",
        "vulkan-server",
    ),
    "styles": ("modernwindowsstyle", "windowsvistastyle", "macstyle"),  # native look on Windows and macOS
}

# Qt's own catalogue for the app's second language (dialog buttons, text field menus): ui/language.py loads it.
KEPT_QT_TRANSLATIONS = re.compile(r"^qtbase_zh_CN\.qm$")

# The GTK stack the gtk3 platform theme links. It is left to the host: every desktop that wants GTK
# dialogs has it, and a build host's GTK inside the bundle would clash with the host's GTK modules and
# themes. Without it, Qt skips the gtk3 theme and uses xdgdesktopportal or its own dialogs. (~20 MB)
LEFT_TO_THE_HOST = re.compile(
    r"^lib(?:gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject|pango-1\.0"
    r"|pangocairo-1\.0|pangoft2-1\.0|epoxy|pixman-1|thai|datrie|graphite2|fribidi|harfbuzz)\.so"
)

# Our resource files the running app reads; .ts sources and the .ico/.icns of the executables stay out.
RESOURCE_SUFFIXES = (".svg", ".png", ".qm")


def _plugin_names(filename: str) -> set[str]:
    """libqxcb.so, qxcb.dll and libqxcb.dylib all answer to "xcb" (and "qxcb")."""
    stem = filename.split(".", 1)[0].removeprefix("lib")
    return {stem, stem.removeprefix("q")}


def keep_entry(dest: str) -> bool:
    """Whether a file PyInstaller collected (by its path inside the bundle) belongs in the bundle."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    if not parts:
        return False
    name = parts[-1]
    if parts[0] != "PySide6":
        if len(parts) == 1 and LEFT_TO_THE_HOST.match(name):
            return False
        # PyInstaller also links each Qt library into the top folder (a symlink on Linux): those of the
        # unused modules would dangle once their targets are dropped.
        return not (re.match(r"^(?:lib)?Qt6", name) and UNUSED_QT_LIBRARY.search(name))
    if "plugins" in parts:
        at = parts.index("plugins")
        if len(parts) < at + 3:
            return False
        kept = KEPT_PLUGINS.get(parts[at + 1], ())
        return not _plugin_names(name).isdisjoint(kept)
    if "translations" in parts:
        return bool(KEPT_QT_TRANSLATIONS.match(name))
    # Every part, not just the name: on macOS a library is a folder (QtQuick.framework/Versions/A/QtQuick).
    return not any(UNUSED_QT_LIBRARY.search(part) for part in parts[1:])


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, bundle folder) for every resource, placed where the package looks: seedream_desktop/resources.

    Reads the top-level resources/ (what the wheel maps to seedream_desktop.resources) and, while icons still
    live there, seedream_desktop/resources/ too; the top-level copy wins when both hold the same file.
    """
    chosen: dict[PurePosixPath, Path] = {}
    for folder in (root / "seedream_desktop" / "resources", root / "resources"):
        if not folder.is_dir():
            continue
        for source in sorted(folder.rglob("*")):
            if source.is_file() and source.suffix in RESOURCE_SUFFIXES:
                chosen[PurePosixPath(source.relative_to(folder).as_posix())] = source
    return [
        (str(source), str(PurePosixPath("seedream_desktop/resources") / relative.parent))
        for relative, source in sorted(chosen.items())
    ]
