"""ReferenceKits: save the tray as a named kit, list, load back (copies), replace, delete, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedream_desktop.api.request import ReferenceImage
from seedream_desktop.config import Paths
from seedream_desktop.library.kits import KitError, ReferenceKits


def image_file(folder: Path, name: str, content: bytes) -> ReferenceImage:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return ReferenceImage(str(path), sha256="s-" + name)


def test_round_trip_keeps_order_copies_and_urls(tmp_path: Path) -> None:
    kits = ReferenceKits.in_paths(Paths.from_environment())
    a = image_file(tmp_path / "src", "logo.png", b"logo")
    b = image_file(tmp_path / "src", "face.JPG", b"face")
    url = ReferenceImage("https://example.test/pattern.webp")
    kits.save("品牌 kit / Spring", [a, url, b])

    # The kit outlives its originals.
    Path(a.source).unlink()
    kit = kits.load("品牌 kit / Spring")
    assert kit.name == "品牌 kit / Spring"
    assert [Path(r.source).read_bytes() for r in (kit.references[0], kit.references[2])] == [b"logo", b"face"]
    assert kit.references[1] == url
    assert [r.sha256 for r in kit.references] == ["s-logo.png", None, "s-face.JPG"]
    assert kits.names() == ["品牌 kit / Spring"]


def test_saving_again_replaces_and_cleans_old_copies(tmp_path: Path) -> None:
    kits = ReferenceKits(tmp_path / "kits")
    kits.save("brand", [image_file(tmp_path, "a.png", b"a"), image_file(tmp_path, "b.png", b"b")])
    kits.save("brand", [image_file(tmp_path, "c.png", b"c")])
    kit = kits.load("brand")
    assert [Path(r.source).read_bytes() for r in kit.references] == [b"c"]
    folder = Path(kit.references[0].source).parent
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".png"]


def test_names_that_differ_only_in_case_are_different_kits(tmp_path: Path) -> None:
    kits = ReferenceKits(tmp_path / "kits")
    kits.save("Brand", [ReferenceImage("https://example.test/1.png")])
    kits.save("brand", [ReferenceImage("https://example.test/2.png")])
    assert sorted(kits.names()) == ["Brand", "brand"]


def test_limits_and_bad_names(tmp_path: Path) -> None:
    kits = ReferenceKits(tmp_path / "kits")
    refs = [ReferenceImage(f"https://example.test/{i}.png") for i in range(15)]
    with pytest.raises(KitError, match="at most 14"):
        kits.save("too many", refs)
    with pytest.raises(KitError, match="name"):
        kits.save("  ", refs[:1])
    with pytest.raises(KitError, match="empty"):
        kits.save("nothing", [])
    with pytest.raises(KitError, match="no kit named"):
        kits.load("missing")
    assert kits.all() == []


def test_delete_and_broken_folders_are_skipped(tmp_path: Path) -> None:
    kits = ReferenceKits(tmp_path / "kits")
    kits.save("one", [ReferenceImage("https://example.test/1.png")])
    (tmp_path / "kits" / "junk").mkdir()
    (tmp_path / "kits" / "junk" / "kit.json").write_text("{not json", encoding="utf-8")
    assert kits.names() == ["one"]
    kits.delete("one")
    assert kits.names() == []


def test_a_kit_that_lost_its_copies_says_so(tmp_path: Path) -> None:
    kits = ReferenceKits(tmp_path / "kits")
    kit = kits.save("k", [image_file(tmp_path, "a.png", b"a")])
    Path(kit.references[0].source).unlink()
    with pytest.raises(KitError, match="lost 1 image"):
        kits.load("k")
