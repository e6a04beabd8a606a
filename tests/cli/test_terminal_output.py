"""Human CLI output outside the library escapes terminal control sequences too (cli/terminal.py)."""

from __future__ import annotations

import pytest

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.cli import main
from seedream_desktop.config import Paths
from seedream_desktop.jobs.journal import JobJournal


def test_jobs_list_escapes_a_prompts_control_sequences(capsys: pytest.CaptureFixture[str]) -> None:
    with JobJournal(Paths.from_environment().journal_file) as journal:
        journal.add_job(GenerationRequest("\x1b]0;pwned\x07\x1b[2J a fox"))
    assert main(["jobs", "list"]) == 0
    out = capsys.readouterr().out
    assert "\\x1b]0;pwned\\x07\\x1b[2J a fox" in out and "\x1b" not in out and "\x07" not in out
