"""Two defects the hostile corpus found beyond the issue's list, each pinned by a direct test.

- A foreign record's 30-digit seed (or 21-digit width) stopped a whole scan: SQLite stores 64-bit integers.
- A reference whose file name is not UTF-8 could not be journalled (SQLite takes only valid UTF-8 text).
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import parse_size
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.library.index import Library
from tests.hostile import makers as m


def test_a_record_with_numbers_beyond_64_bits_is_indexed_without_them(library_dir: Path) -> None:
    library_dir.mkdir(parents=True)
    params = b"a fox\nSteps: 2, Seed: 99999999999999999999999999999, Size: 99999999999x99999999999"
    (library_dir / "a1111.png").write_bytes(m.png(extra=m.text(b"parameters", params)))
    record = b'{"app": "x", "prompt": "p", "seed": 1000000000000000000000000000000, "width": 100000000000000000000}'
    (library_dir / "ours.png").write_bytes(m.png(extra=m.text(b"seedream", record)))
    (library_dir / "plain.png").write_bytes(m.png())
    with Library.open(library_dir) as library:
        report = library.scan()
        assert (report.added, report.errors) == (3, [])
        for name in ("a1111.png", "ours.png"):
            entry = library.by_path(library_dir / name)
            assert entry is not None and entry.seed is None and entry.width == 32  # the pixels' width


def test_a_reference_whose_name_is_not_utf8_is_journalled_as_it_is(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/bad-\xff\xfe.png"))
    Image.new("RGB", (40, 40)).save(path, "PNG")
    size = parse_size("1K-1:1")
    assert size is not None
    request = GenerationRequest(prompt="x", size=size, references=(ReferenceImage(str(path)),))
    with JobJournal(tmp_path / "jobs.sqlite3") as journal:
        job = journal.add_job(request)
        assert journal.get(job.id).request.references[0].source == str(path)
