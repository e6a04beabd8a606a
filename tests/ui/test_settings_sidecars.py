"""Settings: the XMP sidecar naming is chosen there and applies to a library already open."""

from __future__ import annotations

from pathlib import Path

from keyring.backends.fail import Keyring as NoKeyring

from seedream_desktop.config import Paths, Settings
from seedream_desktop.library.index import Library
from seedream_desktop.secrets import KeyStore
from tests.helpers.settings_dialog import make_dialog
from tests.library.make_images import save


def test_the_sidecar_naming_is_a_setting(qtbot, use_keyring, library_dir: Path) -> None:
    use_keyring(NoKeyring())
    settings = Settings(Paths.from_environment())
    with Library.open(library_dir) as library:
        save(library.root / "fox.png")
        image_id = library.add_file(library.root / "fox.png").id
        dialog = make_dialog(qtbot, settings, KeyStore())
        assert dialog.sidecars.currentData() == "darktable"
        dialog.sidecars.setCurrentIndex(dialog.sidecars.findData("lightroom"))
        dialog.save()
        assert Settings(settings.paths).get("xmp_sidecars") == "lightroom"
        library.set_rating([image_id], 2)
        library.flush_sidecars()
        assert (library.root / "fox.xmp").exists() and not (library.root / "fox.png.xmp").exists()


def test_marks_in_the_files_themselves_are_off_until_ticked(qtbot, use_keyring, library_dir: Path) -> None:
    use_keyring(NoKeyring())
    settings = Settings(Paths.from_environment())
    with Library.open(library_dir) as library:
        path = library.root / "fox.png"
        save(path)
        original = path.read_bytes()
        image_id = library.add_file(path).id
        dialog = make_dialog(qtbot, settings, KeyStore())
        assert not dialog.in_files.isChecked()
        library.set_rating([image_id], 2)
        library.flush_sidecars()
        assert path.read_bytes() == original  # never rewritten unless asked
        dialog.in_files.setChecked(True)
        dialog.save()
        assert Settings(settings.paths).get("xmp_in_files") is True
        library.set_rating([image_id], 3)
        library.flush_sidecars()
        assert b"<xmp:Rating>3</xmp:Rating>" in path.read_bytes()
