"""`seedream jobs list | resume | retry ID | cancel ID | spend`: the job journal from a terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
from datetime import datetime
from typing import Any

from seedream_desktop.api.errors import SeedreamError
from seedream_desktop.cli.generate import (
    DEFAULT_OFFLINE_WAIT_S,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CliListener,
    open_pipeline,
    print_saved,
    report,
)
from seedream_desktop.cli.terminal import printable
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.events import view_of
from seedream_desktop.jobs.journal import JobJournal
from seedream_desktop.jobs.ledger import SpendLedger
from seedream_desktop.jobs.state import JobState


def register(commands: Any) -> None:
    parser = commands.add_parser("jobs", help="list, resume, retry, cancel jobs; show spending")
    actions = parser.add_subparsers(dest="jobs_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every job in the journal, newest last")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--limit", type=int, default=None, help="only the last N jobs")
    listing.set_defaults(func=_list)
    resume = actions.add_parser("resume", help="finish unfinished jobs (after a crash, offline, disk full)")
    resume.add_argument("--json", action="store_true")
    resume.add_argument("--wait-offline", type=float, default=DEFAULT_OFFLINE_WAIT_S, metavar="S")
    resume.set_defaults(func=_resume)
    retry = actions.add_parser("retry", help="run a failed job again (never paying twice for one result)")
    retry.add_argument("id", help="job id (or a unique prefix)")
    retry.add_argument("--json", action="store_true")
    retry.add_argument("--wait-offline", type=float, default=DEFAULT_OFFLINE_WAIT_S, metavar="S")
    retry.set_defaults(func=_retry)
    cancel = actions.add_parser(
        "cancel", help="cancel a queued or running job (images that already arrived are saved)"
    )
    cancel.add_argument("id", help="job id (or a unique prefix)")
    cancel.add_argument("--json", action="store_true", help="print the images saved while cancelling")
    cancel.set_defaults(func=_cancel, wait_offline=DEFAULT_OFFLINE_WAIT_S)
    spend = actions.add_parser("spend", help="what was spent, per day and in total")
    spend.add_argument("--json", action="store_true")
    spend.set_defaults(func=_spend)


def _journal() -> JobJournal:
    return JobJournal(Paths.from_environment().journal_file)


def _list(args: argparse.Namespace) -> int:
    with _journal() as journal:
        jobs = journal.jobs()
        if args.limit is not None:
            jobs = jobs[-args.limit :]
        views = [(job, view_of(journal, job)) for job in jobs]
    if args.json:
        rows = [
            {
                "id": job.id,
                "taskUUID": job.task_uuid,
                "state": job.state.value,
                "prompt": job.request.prompt,
                "size": job.request.size.key,
                "imagesExpected": view.images_expected,
                "imagesSaved": view.images_saved,
                "estimatedCost": _finite(job.estimated_cost),
                "cost": _finite(view.cost),
                "costNotes": list(view.cost_notes),
                "apiUrl": job.api_url,
                "created": _iso(job.created),
                "finished": _iso(job.finished),
                "error": str(job.error) if job.error else None,
                "errorCode": job.error.code if job.error else None,
            }
            for job, view in views
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False))
        return EXIT_OK
    if not views:
        print("No jobs yet.")
        return EXIT_OK
    for job, view in views:
        prompt = job.request.prompt.replace("\n", " ")
        prompt = prompt if len(prompt) <= 40 else prompt[:39] + "…"
        line = (
            f"{job.id}  {_iso(job.created)}  {job.state.value:<11}  "
            f"{view.images_saved}/{view.images_expected}  ${view.cost:.2f}  {prompt}"
        )
        notes = view.cost_notes
        if notes:
            # The spend above counts the estimate for these images; say why, once per job.
            line += f"  [note: {notes[0]}" + (f" (+{len(notes) - 1} more)]" if len(notes) > 1 else "]")
        if job.error is not None:
            line += f"  [{job.error}]"
        print(printable(line))  # a prompt or a server's message may hold terminal control sequences
    return EXIT_OK


def _resume(args: argparse.Namespace) -> int:
    async def start(runner: Any) -> list[str]:
        started = list(await runner.resume())
        elsewhere = sorted(
            {job.api_url for job in runner.journal.unfinished() if job.api_url != runner.api_url}
        )
        for api_url in elsewhere:
            # Only the API that has a job's task can answer for it; polling another would lose it.
            print(
                f"note: unfinished jobs wait for {api_url}; set SEEDREAM_API_URL to it to resume them",
                file=sys.stderr,
            )
        return started

    return _drive(args, start)


def _retry(args: argparse.Namespace) -> int:
    with _journal() as journal:
        try:
            job = journal.find(args.id)
        except KeyError:
            print(f"error: no single job matches {args.id!r}", file=sys.stderr)
            return 2
    if job.state is not JobState.FAILED:
        print(f"job {job.id} is {job.state.value}; only failed jobs can be retried", file=sys.stderr)
        return 2

    async def start(runner: Any) -> list[str]:
        await runner.retry(job.id)
        return [job.id]

    return _drive(args, start)


def _drive(args: argparse.Namespace, start: Any, *, require_key: bool = True) -> int:
    listener = CliListener()

    async def run() -> int:
        try:
            async with open_pipeline(
                listener, offline_wait=args.wait_offline, require_key=require_key
            ) as runner:
                started = await start(runner)
                await runner.wait_all()
                views = [runner.view(job_id) for job_id in started]
        except SeedreamError as error:
            print_saved(listener.saved, args.json)
            return report(error)
        print_saved(listener.saved, args.json)
        if not started and args.func is _resume:
            print("Nothing to resume.", file=sys.stderr)
        code = EXIT_OK
        for view in views:
            if view.state is JobState.FAILED and view.error is not None:
                print(f"job {view.id}: ", end="", file=sys.stderr)
                code = max(code, report(view.error))
            elif view.state is not JobState.DONE and view.state is not JobState.CANCELLED:
                code = max(code, EXIT_FAILED)
        return code

    try:
        return asyncio.run(run())
    except KeyboardInterrupt:
        print_saved(listener.saved, args.json)
        return EXIT_INTERRUPTED


def _cancel(args: argparse.Namespace) -> int:
    with _journal() as journal:
        try:
            job = journal.find(args.id)
        except KeyError:
            print(f"error: no single job matches {args.id!r}", file=sys.stderr)
            return 2
    if job.state in (JobState.DONE, JobState.CANCELLED):
        print(f"job {job.id} is already {job.state.value}")
        return EXIT_OK

    async def start(runner: Any) -> list[str]:
        # Saves the images that already arrived (no key needed: they are plain links), then cancels;
        # when another process runs the job, it sees the request at its next step and does the same.
        await runner.cancel(job.id)
        return []

    code = _drive(args, start, require_key=False)
    with _journal() as journal:
        state = journal.get(job.id).state
    if state is JobState.CANCELLED:
        print(f"job {job.id} cancelled")
    elif state is JobState.FAILED:
        print(f"job {job.id}: cancel requested; `seedream jobs resume` saves what arrived, then cancels it")
    else:
        print(f"job {job.id}: cancel requested; the process running it saves what arrived, then stops")
    return code


def _spend(args: argparse.Namespace) -> int:
    settings = Settings(Paths.from_environment())
    with _journal() as journal:
        summary = SpendLedger(journal, float(settings.get("daily_budget_usd") or 0.0)).summary()
    if args.json:
        print(
            json.dumps(
                {
                    "days": [{"day": d.day, "images": d.images, "usd": d.usd} for d in summary.days],
                    "totalImages": summary.total_images,
                    "totalUsd": summary.total_usd,
                    "todayUsd": summary.today_usd,
                    "outstandingUsd": summary.outstanding_usd,
                    "dailyBudgetUsd": _finite(summary.daily_budget_usd),
                },
                indent=2,
                allow_nan=False,
            )
        )
        return EXIT_OK
    for day in summary.days:
        print(f"{day.day}  {day.images:>5} images  ${day.usd:.2f}")
    print(f"total       {summary.total_images:>5} images  ${summary.total_usd:.2f}")
    budget = summary.daily_budget_usd
    today = f"today ${summary.today_usd:.2f}"
    if budget:
        today += f" of a ${budget:.2f} daily budget"
    if summary.outstanding_usd:
        today += f" (up to ${summary.outstanding_usd:.2f} more for unfinished jobs)"
    print(today)
    return EXIT_OK


def _finite(value: float | None) -> float | None:
    """JSON has no NaN or Infinity: such a number (from an old journal) is printed as null."""
    return value if value is not None and math.isfinite(value) else None


def _iso(stamp: float | None) -> str | None:
    return datetime.fromtimestamp(stamp).isoformat(timespec="seconds") if stamp else None
