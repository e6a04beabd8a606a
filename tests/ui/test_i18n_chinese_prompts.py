"""Chinese prompts: counted in characters as Seedream counts them, told off in Chinese, saved under valid names.

Already covered elsewhere (not repeated here): Chinese counting and input-method commits in
tests/ui/test_compose_prompt_editor.py; Chinese substring search (one character, mixed scripts, no
false hits) in tests/library/test_query.py and tests/library/test_scan.py; Chinese file-name slugs and the
255-byte cap in tests/jobs/test_naming.py; Chinese prompt history search in tests/library/test_prompt_history.py.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from seedream_desktop.api.request import PROMPT_MAX, GenerationRequest
from seedream_desktop.jobs.naming import file_stem
from seedream_desktop.library.prompt_history import PromptHistory
from seedream_desktop.ui.compose.prompt_editor import PromptEditor
from tests.ui.compose_support import host

FOX = "🦊"  # outside the Basic Multilingual Plane: two UTF-16 units, one character
RARE = "𠀀"  # CJK Extension B, four UTF-8 bytes


def make_editor(qtbot, tmp_path: Path) -> PromptEditor:  # type: ignore[no-untyped-def]
    editor = PromptEditor(PromptHistory(tmp_path / "prompts.sqlite3"))
    host(qtbot, editor)
    return editor


def test_characters_beyond_the_bmp_count_once_in_the_editor_and_the_request(qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    editor.set_text(f"{FOX}狐狸{RARE}")
    assert editor.counter.text() == "4 / 2000"
    editor.set_text(RARE * PROMPT_MAX)
    assert not editor.is_too_long()
    assert not GenerationRequest(RARE * PROMPT_MAX).problems()
    editor.set_text(RARE * (PROMPT_MAX + 1))
    assert editor.is_too_long()
    assert [p.field for p in GenerationRequest(RARE * (PROMPT_MAX + 1)).problems()] == ["prompt"]


def test_the_too_long_message_is_chinese_under_zh_cn(zh_cn, qtbot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, tmp_path)
    editor.set_text("猫" * (PROMPT_MAX + 3))
    assert editor.counter.text() == "2003 / 2000"
    assert editor.message.text() == "超出 3 个字符：Seedream 最多接受 2000 个字符。请先缩短再生成。"


@pytest.mark.parametrize(
    "prompt",
    [
        "雪中的红狐狸：水彩？／插画＊　“海报”｜夜景",  # full-width forms of every character Windows refuses
        f"{RARE * 600}",  # 4-byte characters: the name must still fit 255 bytes
        "一只猫 🦊 sitting on CON.txt",
        "。。。　",  # nothing but Chinese punctuation and an ideographic space
    ],
)
def test_file_names_from_chinese_prompts_are_valid_everywhere(prompt: str, tmp_path: Path) -> None:
    name = file_stem(datetime(2026, 11, 22, 14, 30, 5), prompt, 42, 3) + ".png"
    assert not set('<>:"/\\|?*') & set(name)
    assert all(unicodedata.category(ch)[0] != "C" for ch in name)  # no control or unassigned characters
    assert len(name.encode("utf-8")) <= 255  # ext4, APFS, NTFS all allow 255 (bytes or UTF-16 units)
    assert unicodedata.normalize("NFD", name) == unicodedata.normalize("NFC", name) == name  # macOS keeps it
    assert not name.split(".")[0].endswith((" ", "."))
    path = tmp_path / name
    path.write_bytes(b"x")
    assert [p.name for p in tmp_path.iterdir()] == [name]
