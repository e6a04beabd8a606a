"""Files and folders the app makes for the person follow their umask like any file they save (mkstemp
alone made every saved image 0600); the settings file alone stays private.

Each case runs in a fresh process started under the umask: the app reads the umask once, at start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.support import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")

# Saves one generated image, its thumbnail, a mark, the index, a settings file and an atomic write, then
# prints each one's mode.
SAVE_EVERYTHING = """
import asyncio, json, os, stat, sys
from pathlib import Path
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.atomic import atomic_write
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.runner import JobRunner
from seedream_desktop.jobs.saver import ImageSaver
from seedream_desktop.library.marks import MarksJournal
from seedream_desktop.library.schema import connect
from seedream_desktop.library.thumbnails import ThumbnailCache
from tests.jobs.conftest import FAST, Recorder
from tests.jobs.fakes import FakeClient

root = Path(sys.argv[1])
library = root / "library"
journal = JobJournal(root / "data" / "jobs.sqlite3")
async def generate():
    runner = JobRunner(FakeClient(), journal, ImageSaver(library, journal), pacing=FAST, listener=Recorder())
    await runner.wait(await runner.submit(GenerationRequest("a fox", number_results=1)))
asyncio.run(generate())
image = next(p for p in library.rglob("*") if p.is_file())
thumbnail = ThumbnailCache(root / "cache" / "thumbnails").get_or_make(image, "c" * 64)
MarksJournal(library / ".seedream" / "marks.jsonl").append("favourite", ids=["c" * 64])
connect(library / ".seedream" / "index.sqlite3")[0].close()
atomic_write(library / "kit" / "manifest.json", b"{}")
Settings(Paths(root / "config", root / "data", root / "cache")).save()
modes = {
    "image": image, "date folder": image.parent, "thumbnail": thumbnail, "marks": library / ".seedream" / "marks.jsonl",
    "index": library / ".seedream" / "index.sqlite3", "atomic write": library / "kit" / "manifest.json",
    "settings": root / "config" / "settings.json",
}
print(json.dumps({name: oct(stat.S_IMODE(path.stat().st_mode)) for name, path in modes.items()}))
"""


def modes_under(umask: int, tmp_path: Path) -> dict[str, str]:
    result = subprocess.run(
        [
            "/bin/sh",
            "-c",
            f'umask {umask:03o} && exec "$0" -c "$1" "$2"',
            sys.executable,
            SAVE_EVERYTHING,
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("umask", "file", "folder"),
    [(0o022, "0o644", "0o755"), (0o002, "0o664", "0o775"), (0o077, "0o600", "0o700")],
)
def test_what_the_app_saves_follows_the_umask(umask: int, file: str, folder: str, tmp_path: Path) -> None:
    modes = modes_under(umask, tmp_path)
    assert modes.pop("date folder") == folder
    assert modes.pop("settings") == "0o600"  # the person's own settings: private whatever the umask
    assert modes == dict.fromkeys(("image", "thumbnail", "marks", "index", "atomic write"), file)
