"""`seedream generate --provider ark` and `seedream ark list|resend`: BytePlus ModelArk from the command line.

A ModelArk job is journalled before it is sent and never sent twice by itself (jobs/ark_jobs.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from seedream_desktop.api.ark import ark_problems
from seedream_desktop.api.errors import InvalidRequest, SeedreamError
from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.ark_jobs import UNSURE, ArkJournal, check_resend
from seedream_desktop.jobs.ark_lane import ENV_ARK_URL as ENV_ARK_URL
from seedream_desktop.jobs.ark_lane import ark_journal_file
from seedream_desktop.jobs.connection import Connection, SessionOptions
from seedream_desktop.jobs.events import SavedImage, SilentListener
from seedream_desktop.library.record import GenerationRecord
from seedream_desktop.secrets import KeyStore

EXIT_OK, EXIT_INVALID, EXIT_AUTH, EXIT_FAILED = 0, 2, 3, 4


def journal_path(paths: Paths) -> Path:
    return ark_journal_file(paths, demo=False)  # the window's too


def register(commands: Any) -> None:
    parser = commands.add_parser("ark", help="BytePlus ModelArk jobs: list them, send one again on purpose")
    actions = parser.add_subparsers(dest="ark_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every ModelArk job and what became of it").set_defaults(func=_list)
    resend = actions.add_parser("resend", help="send a job again (it may already have been charged)")
    resend.add_argument("job", help="the job id (or its first characters)")
    resend.add_argument("--yes", action="store_true", help="yes, send it again even if it was charged")
    resend.add_argument("--json", action="store_true", help="print a JSON list describing the saved images")
    resend.set_defaults(func=_resend)


def _report(error: SeedreamError) -> int:
    print(f"error: {error}", file=sys.stderr)
    if error.remedy:
        print(error.remedy, file=sys.stderr)
    return int(error.exit_code)


def _open() -> tuple[ArkJournal, Path]:
    paths = Paths.from_environment()
    journal = ArkJournal(journal_path(paths))
    for job in journal.recover():
        print(
            f"ark job {job.id}: stopped mid-stream; {len(job.saved)} image(s) were saved. "
            "It may have been charged, no result to fetch; it is not sent again by itself.",
            file=sys.stderr,
        )
    return journal, Settings(paths).library.expanduser().resolve()


def generate_with_ark(request: GenerationRequest, as_json: bool) -> int:
    """One job through ModelArk (called by `seedream generate --provider ark`)."""
    problems = ark_problems(request)
    if problems:
        return _report(InvalidRequest(problems))
    key = KeyStore(provider="ark").get()
    if not key:
        print("error: No BytePlus ModelArk API key is set.", file=sys.stderr)
        print(
            "Store one with `seedream key set --provider ark`, or set SEEDREAM_ARK_API_KEY.", file=sys.stderr
        )
        return EXIT_AUTH
    journal, library = _open()
    try:
        return _send(request, key, journal, library, as_json)
    finally:
        journal.close()


def _send(request: GenerationRequest, key: str, journal: ArkJournal, library: Path, as_json: bool) -> int:
    """Through the window's Session (jobs/session.py, jobs/ark_lane.py): the same journal, index and budget."""
    return asyncio.run(_stream(request, key, as_json))


class _Printer(SilentListener):
    """Each path as soon as its image is on disk (or all of them as JSON at the end)."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.saved: list[tuple[Path, GenerationRecord]] = []

    def image_saved(self, job_id: str, saved: SavedImage) -> None:
        self.saved.append((saved.path, saved.record))
        if not self.as_json:
            print(saved.path, flush=True)


async def _stream(request: GenerationRequest, key: str, as_json: bool) -> int:
    from seedream_desktop.jobs.session import Session

    paths = Paths.from_environment()
    settings = Settings(paths)
    options = SessionOptions(paths, settings.library, settings=settings)
    printer = _Printer(as_json)
    async with Session(options, printer, Connection("", settings.api_url, ark_key=key)) as session:
        for notice in session.notices:  # the index cannot open: the images are saved all the same
            print(f"note: {notice}", file=sys.stderr)
        try:
            job_id, outcome = await session.generate_ark(request)
        except SeedreamError as error:
            _print_json(printer.saved, as_json)
            return _report(error)
    saved = printer.saved
    _print_json(saved, as_json)
    if outcome.failed:
        print(
            f"ark job {job_id}: {len(outcome.failed)} image(s) failed: {sorted(outcome.failed)}",
            file=sys.stderr,
        )
    if not outcome.usage_matches:
        print(
            f"ark job {job_id}: ModelArk reports {outcome.generated_images} image(s), {len(saved)} arrived.",
            file=sys.stderr,
        )
    return EXIT_OK if saved else EXIT_FAILED


def _print_json(saved: list[tuple[Path, GenerationRecord]], as_json: bool) -> None:
    if as_json:
        items = [
            {
                "path": str(p),
                "taskUUID": r.task_uuid,
                "imageUUID": r.image_uuid,
                "cost": r.cost,
                "width": r.width,
                "height": r.height,
                "model": r.model,
            }
            for p, r in saved
        ]
        print(json.dumps(items, ensure_ascii=False), flush=True)


def _list(args: argparse.Namespace) -> int:
    journal, _library = _open()
    try:
        for job in journal.jobs():
            note = f" — {job.detail}" if job.detail else ""
            print(f"{job.id}  {job.state:8}  {len(job.saved)} saved  {job.request.prompt[:40]!r}{note}")
    finally:
        journal.close()
    return EXIT_OK


def _resend(args: argparse.Namespace) -> int:
    journal, library = _open()
    try:
        job = journal.job(args.job)
        if job is None:
            print(f"error: no ModelArk job {args.job!r}; `seedream ark list` shows them.", file=sys.stderr)
            return EXIT_INVALID
        confirmed = args.yes
        if not confirmed and job.state == UNSURE and sys.stdin.isatty():
            answer = input(f"Job {job.id} may already have been charged. Send it again? [y/N] ")
            confirmed = answer.strip().lower() in ("y", "yes")
        try:
            check_resend(job, confirmed=confirmed)
        except SeedreamError as error:
            return _report(error)
        key = KeyStore(provider="ark").get()
        if not key:
            print("error: No BytePlus ModelArk API key is set.", file=sys.stderr)
            return EXIT_AUTH
        return _send(job.request, key, journal, library, args.json)
    finally:
        journal.close()
