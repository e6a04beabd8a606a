"""`seedream library …` on hostile files and hostile queries: no traceback, no raw control characters."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from seedream_desktop.cli import main
from seedream_desktop.cli.terminal import json_text, printable
from seedream_desktop.library.index import Library
from seedream_desktop.library.metadata.found import LARGEST_TEXT
from tests.library.hostile_files import BILLION_LAUGHS, itxt, png_with, text, write, ztxt

PARAMS = b"Steps: 20, Seed: 7, Size: 32x24"
# Retitle the window, clear the screen, a C1 CSI, a bidi override, a carriage return over the line.
HOSTILE_PROMPT = "\x1b]0;pwned\x07\x1b[2J fox \x9b31m \u202eevil\r done"
CONTROL = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["library", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_prompt(library_dir: Path) -> Path:
    body = HOSTILE_PROMPT.encode("utf-8") + b"\n" + PARAMS
    return write(library_dir, "title.png", png_with(itxt(b"parameters", body)))


def test_printable_shows_control_characters_as_escapes() -> None:
    assert printable("a\x1b[2Jb\tc\nd") == "a\\x1b[2Jb\tc\\nd"
    assert printable("a\nb", newlines=True) == "a\nb"
    assert printable("\x00\x7f\x85\u202e 狐狸 👩‍🚀") == "\\x00\\x7f\\x85\\u202e 狐狸 👩‍🚀"
    assert json.loads(json_text({"p": HOSTILE_PROMPT})) == {"p": HOSTILE_PROMPT}
    assert not any(c in json_text({"p": HOSTILE_PROMPT}) for c in CONTROL)


def test_search_and_show_never_print_raw_control_characters(
    hostile_prompt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (
        ("search", "fox"),
        ("search", "fox", "--json"),
        ("show", str(hostile_prompt)),
        ("show", str(hostile_prompt), "--json"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, argv
        assert "fox" in out, argv
        for c in CONTROL:
            assert c not in out and c not in err, (argv, c)
    code, out, _ = run(capsys, "search", "fox")
    assert "\\x1b]0;pwned\\x07\\x1b[2J fox" in out


def test_a_file_name_with_control_characters_is_escaped(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(library_dir, "a\x1b[2Jb\nc.png", png_with(text(b"parameters", b"an owl\n" + PARAMS)))
    code, out, _ = run(capsys, "search", "owl")
    assert code == 0 and "a\\x1b[2Jb\\nc.png" in out and "\x1b" not in out


@pytest.mark.parametrize(
    "query",
    [
        "rating>=99999999999999999999999",
        "seed:99999999999999999999999",
        "seed:-99999999999999999999999",
        "seed:" + "9" * 5000,
        "size:99999999999999999999x1",
        "date:9999-12-31",
        "date>=0001-01-01",
        "rating>=²",
        '\x00 " * NEAR( -',
    ],
)
def test_search_filters_with_numbers_out_of_range_find_nothing_and_say_so(
    hostile_prompt: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    code, _, err = run(capsys, "search", query)
    assert code == 0 and "Traceback" not in err
    assert "of" in err and "shown" in err


@pytest.mark.parametrize("option", ["--limit", "--offset", "--min-rating"])
@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "many"])
def test_counts_out_of_range_are_a_usage_error(
    hostile_prompt: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["library", "search", "fox", option, value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "whole number" in err and len(err.strip().splitlines()[-1]) < 200


@pytest.mark.parametrize("name", ["anim.gif", "old.bmp", "phone.heic", ".hidden.png"])
def test_show_does_not_index_what_the_scan_would_drop(
    library_dir: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    write(library_dir, name, b"GIF89a not really")
    code, _, err = run(capsys, "show", str(library_dir / name))
    assert code == 1 and "Traceback" not in err
    assert name in err and "PNG, JPEG and WEBP" in err
    with Library.open(library_dir) as library:
        assert library.count() == 0


def test_scan_of_hostile_files_exits_0_and_counts_them(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(library_dir, "bomb.png", png_with(ztxt(b"parameters", b"\x00" * (16 * 1024 * 1024))))
    write(library_dir, "laughs.png", png_with(itxt(b"XML:com.adobe.xmp", BILLION_LAUGHS)))
    write(library_dir, "nested.png", png_with(itxt(b"seedream", b"[" * 10_000 + b"]" * 10_000)))
    write(library_dir, "fine.png", png_with(text(b"parameters", b"a fox\n" + PARAMS)))
    code, out, err = run(capsys, "scan")
    assert code == 0 and "Traceback" not in err
    assert "4 images" in out and "4 added" in out
    assert "3 picture(s) indexed without (all of) their embedded metadata" in err
    assert f"bomb.png: its embedded text is larger than {LARGEST_TEXT // 1024} KiB" in err
    assert "laughs.png: part of its embedded metadata is damaged or unsafe" in err

    code, out, _ = run(capsys, "rebuild", "--json")
    report = json.loads(out)
    assert code == 0 and report["total"] == 4
    assert sorted(Path(n["path"]).name for n in report["notices"]) == ["bomb.png", "laughs.png", "nested.png"]


def test_show_of_a_record_with_a_deeply_nested_request(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = "{}"
    for _ in range(900):
        request = '{"x":' + request + "}"
    record = '{"prompt": "a deep fox", "request": ' + request + "}"
    path = write(library_dir, "deep.png", png_with(itxt(b"seedream", record.encode(), compressed=True)))
    for argv in (("show", str(path), "--json"), ("show", str(path))):
        code, out, err = run(capsys, *argv)
        assert code == 0 and "a deep fox" in out and "Traceback" not in err
    code, out, _ = run(capsys, "show", str(path), "--json")
    assert json.loads(out)["record"]["request"] is None


def test_show_says_what_of_the_metadata_was_not_read(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(library_dir, "bomb.png", png_with(ztxt(b"parameters", b"\x00" * (4 * 1024 * 1024))))
    code, out, err = run(capsys, "show", str(path))
    assert code == 0 and "bomb.png" in out
    assert f"bomb.png: its embedded text is larger than {LARGEST_TEXT // 1024} KiB" in err
    code, out, _ = run(capsys, "show", str(path), "--json")
    assert "larger than" in json.loads(out)["metadata_notice"]


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_indexed(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library_dir.mkdir(parents=True)
    with open(os.fsencode(library_dir) + b"/bad\xff name.png", "wb") as handle:
        handle.write(png_with(text(b"parameters", b"a fox\n" + PARAMS)))
    write(library_dir, "good.png", png_with(text(b"parameters", b"an owl\n" + PARAMS)))
    code, out, err = run(capsys, "scan")
    assert code == 0 and "1 added" in out
    assert "bad\\udcff name.png: its name is not valid UTF-8 text; rename the file" in err
    code, out, _ = run(capsys, "scan", "--json")
    assert code == 0 and json.loads(out)["errors"][0]["path"].endswith("bad\udcff name.png")
    code, out, _ = run(capsys, "search", "owl")
    assert code == 0 and "good.png" in out
