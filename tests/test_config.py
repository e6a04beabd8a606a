import json
from pathlib import Path

import pytest

from seedream_desktop.api import DEFAULT_API_URL
from seedream_desktop.config import SETTINGS, Paths, Settings


def test_seedream_home_moves_every_folder(isolated_home: Path):
    paths = Paths.from_environment()
    assert paths.config == isolated_home / "config"
    assert paths.data == isolated_home / "data"
    assert paths.cache == isolated_home / "cache"
    assert paths.journal_file.parent == paths.data


def test_platform_folders_without_seedream_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("SEEDREAM_HOME")
    paths = Paths.from_environment()
    assert paths.config.is_relative_to(tmp_path / "xdg-config")
    assert paths.cache.is_relative_to(tmp_path / "xdg-cache")


def test_defaults_then_saved_values_survive_a_restart():
    paths = Paths.from_environment()
    settings = Settings(paths)
    assert settings.get("output_quality") == 95
    settings.set("output_quality", 80)
    settings.set("size", "4K-16:9")
    again = Settings(paths)
    assert again.get("output_quality") == 80
    assert again.get("size") == "4K-16:9"


def test_hand_edited_bad_values_fall_back_and_unknown_keys_are_kept():
    paths = Paths.from_environment()
    paths.config.mkdir(parents=True)
    paths.settings_file.write_text(json.dumps({"output_quality": "high", "from_the_future": 1}))
    settings = Settings(paths)
    assert settings.get("output_quality") == 95
    settings.set("language", "zh_CN")
    assert json.loads(paths.settings_file.read_text())["from_the_future"] == 1


def test_corrupt_settings_file_is_not_fatal():
    paths = Paths.from_environment()
    paths.config.mkdir(parents=True)
    paths.settings_file.write_bytes(b"\x00{not json")
    assert Settings(paths).get("size") == "2K-1:1"


def test_environment_overrides_url_and_library(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    settings = Settings(Paths.from_environment())
    assert settings.api_url == DEFAULT_API_URL
    assert settings.library == tmp_path / "library"
    monkeypatch.setenv("SEEDREAM_API_URL", "http://127.0.0.1:9/v1")
    monkeypatch.delenv("SEEDREAM_LIBRARY")
    settings.set("library", str(tmp_path / "mine"))
    assert settings.api_url == "http://127.0.0.1:9/v1"
    assert settings.library == tmp_path / "mine"


def test_no_setting_can_hold_a_secret():
    assert not [s for s in SETTINGS if "key" in s.name.lower() or "token" in s.name.lower()]
