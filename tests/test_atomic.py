from pathlib import Path

import pytest

from seedream_desktop.atomic import TEMP_PREFIX, atomic_open, atomic_write


def test_write_creates_folders_and_leaves_no_temp(tmp_path: Path):
    target = tmp_path / "a" / "b" / "image.png"
    atomic_write(target, b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in target.parent.iterdir()] == ["image.png"]


def test_failure_keeps_the_old_content_and_removes_the_temp(tmp_path: Path):
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write(b"half of the new")
        # While writing, the final name still holds the complete old content.
        assert target.read_bytes() == b"old"
        assert any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_text_mode_is_refused(tmp_path: Path):
    with pytest.raises(ValueError), atomic_open(tmp_path / "x", "w"):
        pass
