"""`seedream generate "PROMPT" ...`: one job through the same pipeline as the GUI, results saved into the library."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import (
    BudgetExceeded,
    InvalidApiKey,
    InvalidRequest,
    MissingApiKey,
    Problem,
    SeedreamError,
)
from seedream_desktop.api.request import OUTPUT_FORMATS, GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import parse_size
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.connection import Connection, SessionOptions
from seedream_desktop.jobs.events import JobView, SavedImage, SilentListener
from seedream_desktop.jobs.runner import JobRunner, Pacing
from seedream_desktop.secrets import KeyStore

EXIT_OK, EXIT_INVALID, EXIT_AUTH, EXIT_FAILED, EXIT_INTERRUPTED = 0, 2, 3, 4, 130
DEFAULT_OFFLINE_WAIT_S = 30.0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "generate",
        help="generate images and save them into the library",
        description="Generate with Seedream 4.0 and save every image, with its metadata, into the library.",
    )
    parser.add_argument("prompt", help="what to make (1–2000 characters)")
    parser.add_argument("--size", help="a preset such as 2K-16:9, or WIDTHxHEIGHT such as 2560x1440")
    parser.add_argument("--count", type=int, default=1, metavar="N", help="number of images (1–20)")
    parser.add_argument(
        "--sequential", type=int, metavar="N", help="a coherent numbered set of up to N images"
    )
    parser.add_argument(
        "--ref",
        action="append",
        default=[],
        metavar="PATH_OR_URL",
        help="reference image (repeatable, up to 14)",
    )
    parser.add_argument("--format", type=str.upper, choices=OUTPUT_FORMATS, help="png, jpg or webp")
    parser.add_argument("--quality", type=int, metavar="Q", help="output quality 20–99")
    parser.add_argument("--seed", type=int, metavar="S")
    parser.add_argument("--json", action="store_true", help="print a JSON list describing the saved images")
    parser.add_argument(
        "--wait-offline",
        type=float,
        default=DEFAULT_OFFLINE_WAIT_S,
        metavar="S",
        help="seconds to wait for the network before giving up (the job stays queued for `jobs resume`)",
    )
    parser.set_defaults(func=_generate)


# ---- the pipeline, shared with `seedream jobs` ----------------------------------------------------
class CliListener(SilentListener):
    """Collects saved images and tells stderr what is happening (stdout stays machine-readable)."""

    def __init__(self, quiet: bool = False) -> None:
        self.saved: list[SavedImage] = []
        self.quiet = quiet
        self._last: dict[str, str] = {}

    def job_changed(self, view: JobView) -> None:
        state = view.state.value
        if self._last.get(view.id) == state:
            return
        self._last[view.id] = state
        if not self.quiet:
            print(f"job {view.id}: {state}", file=sys.stderr, flush=True)

    def image_saved(self, job_id: str, saved: SavedImage) -> None:
        self.saved.append(saved)


@contextlib.asynccontextmanager
async def open_pipeline(
    listener: CliListener, *, offline_wait: float | None, require_key: bool = True
) -> AsyncIterator[JobRunner]:
    """The window's session (jobs/session.py) for one command, closed on the way out."""
    from seedream_desktop.jobs.session import Session

    paths = Paths.from_environment()
    settings = Settings(paths)
    key = KeyStore().get()
    if not key and require_key:
        raise MissingApiKey(code="missingApiKey")
    options = SessionOptions(
        paths,
        settings.library,
        pacing=Pacing(first_poll=0.5, longest_poll=5.0, offline_patience=offline_wait),
        settings=settings,
    )
    async with Session(options, listener, Connection.from_settings(settings, key)) as session:
        for notice in session.notices:  # the index cannot open: the images are saved all the same
            print(f"note: {notice}", file=sys.stderr)
        yield session.runner


@contextlib.contextmanager
def _library_index(root: Path, paths: Paths) -> Iterator[Callable[[Path, Any], Any] | None]:
    """For files saved outside a session (an edit's composite): the session's index policy."""
    from seedream_desktop.jobs.session import open_index

    library, notice = open_index(root, paths.thumbnails)
    if notice is not None:
        print(f"note: {notice}", file=sys.stderr)
    if library is None:
        yield None
        return
    try:
        yield library.add_file
    finally:
        library.close()


def saved_as_json(saved: list[SavedImage]) -> str:
    return json.dumps(
        [
            {
                "path": str(s.path),
                "taskUUID": s.task_uuid,
                "imageUUID": s.image_uuid,
                "seed": s.seed,
                "cost": s.cost,
                "width": s.width,
                "height": s.height,
            }
            for s in saved
        ],
        ensure_ascii=False,
        indent=2,
    )


def print_saved(saved: list[SavedImage], as_json: bool) -> None:
    if as_json:
        print(saved_as_json(saved))
    else:
        for s in saved:
            print(s.path)
    sys.stdout.flush()


# The window's remedies point at its Settings dialog; on the command line the way out is different.
CLI_REMEDIES: dict[type[SeedreamError], str] = {
    InvalidApiKey: "Store a valid key with `seedream key set` (from my.runware.ai), or set SEEDREAM_API_KEY.",
    BudgetExceeded: "Raise daily_budget_usd in the settings file, or generate fewer images.",
}


def report(error: SeedreamError) -> int:
    print(f"error: {error}", file=sys.stderr)
    remedy = next((text for kind, text in CLI_REMEDIES.items() if isinstance(error, kind)), error.remedy)
    if remedy:
        print(remedy, file=sys.stderr)
    return int(error.exit_code)


# ---- generate -------------------------------------------------------------------------------------
def build_request(args: argparse.Namespace, settings: Settings) -> GenerationRequest:
    """The request the flags describe (settings fill in what was not given); InvalidRequest if broken."""
    problems: list[Problem] = []
    size_text = args.size or str(settings.get("size"))
    size = parse_size(size_text)
    if size is None:
        problems.append(
            Problem(
                "size",
                "Size {value!r} is not one of Seedream 4.0's 17 sizes (e.g. 2K-16:9 or 2560x1440).",
                {"value": size_text},
            )
        )
    references = []
    for ref in args.ref:
        reference = ReferenceImage(ref)
        if reference.is_local_file:
            path = Path(ref).expanduser()
            if not path.is_file():
                problems.append(
                    Problem("references", "Reference image {value} does not exist.", {"value": ref})
                )
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            reference = ReferenceImage(str(path.resolve()), sha256=digest)
        references.append(reference)
    if problems:
        raise InvalidRequest(problems)
    assert size is not None
    request = GenerationRequest(
        prompt=args.prompt,
        size=size,
        references=tuple(references),
        number_results=args.count,
        max_sequential_images=args.sequential,
        output_format=args.format or str(settings.get("output_format")).upper(),  # type: ignore[arg-type]
        output_quality=args.quality if args.quality is not None else int(settings.get("output_quality")),
        seed=args.seed,
        safety=str(settings.get("safety") or "none"),  # type: ignore[arg-type]
    )
    return request.validate()


def _generate(args: argparse.Namespace) -> int:
    settings = Settings(Paths.from_environment())
    try:
        request = build_request(args, settings)
    except InvalidRequest as error:
        return report(error)
    listener = CliListener(quiet=False)
    try:
        return asyncio.run(_run(request, listener, args))
    except KeyboardInterrupt:
        # The journal keeps the job; nothing paid for is lost.
        print_saved(listener.saved, args.json)
        print("interrupted: `seedream jobs resume` finishes the job", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ValueError as exc:  # a refused API URL (plain http to another machine)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID


async def _run(request: GenerationRequest, listener: CliListener, args: argparse.Namespace) -> int:
    try:
        async with open_pipeline(listener, offline_wait=args.wait_offline) as runner:
            job_id = await runner.submit(request)
            view = await runner.wait(job_id)
    except SeedreamError as error:
        print_saved(listener.saved, args.json)
        return report(error)
    print_saved(listener.saved, args.json)
    if view.error is not None:
        return report(view.error)
    return EXIT_OK if view.images_saved else EXIT_FAILED
