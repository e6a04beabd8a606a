"""`seedream generate "PROMPT" ...`: one job through the same pipeline as the GUI, results saved into the library."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
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
from seedream_desktop.api.models import DEFAULT_MODEL, MODELS, find_model
from seedream_desktop.api.references import UnusableImage, prepare_data_uri, prepare_reference
from seedream_desktop.api.request import OUTPUT_FORMATS, GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import DEFAULT_SIZE, parse_size
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.connection import Connection, SessionOptions
from seedream_desktop.jobs.events import JobView, SavedImage, SilentListener
from seedream_desktop.jobs.runner import JobRunner, Pacing
from seedream_desktop.regular_files import absolute
from seedream_desktop.secrets import KeyStore

EXIT_OK, EXIT_INVALID, EXIT_AUTH, EXIT_FAILED, EXIT_INTERRUPTED = 0, 2, 3, 4, 130
DEFAULT_OFFLINE_WAIT_S = 30.0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "generate",
        help="generate images and save them into the library",
        description="Generate with Seedream (4.0, 4.5, 5.0 Lite) or edit with SeedEdit 3.0, through Runware or "
        "BytePlus ModelArk, and save every image, with its metadata, into the library (docs/models.md).",
    )
    parser.add_argument("prompt", help="what to make (1–2000 characters; SeedEdit 2–500)")
    parser.add_argument(
        "--model",
        metavar="MODEL",
        help="Runware model id or short name: "
        + ", ".join(f"{m.short_names[0]} ({m.name})" for m in MODELS)
        + "; default 4.0",
    )
    parser.add_argument(
        "--provider",
        choices=("runware", "ark"),
        default="runware",
        help="runware (default) or ark: BytePlus ModelArk, streamed, journalled, never re-sent by itself",
    )
    parser.add_argument(
        "--cfg-scale", type=float, metavar="X", help="guidance scale for SeedEdit 3.0 (1–10, default 5.5)"
    )
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
                "cost": s.cost if s.cost is not None and math.isfinite(s.cost) else None,
                "width": s.width,
                "height": s.height,
            }
            for s in saved
        ],
        ensure_ascii=False,
        indent=2,
        allow_nan=False,  # strict JSON: a server's Infinity never reaches stdout
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
    UnusableImage: "Give --ref a PNG, JPEG or WEBP picture under 30 MB that you can read.",
}


def report(error: SeedreamError) -> int:
    print(f"error: {error}", file=sys.stderr)
    remedy = next((text for kind, text in CLI_REMEDIES.items() if isinstance(error, kind)), error.remedy)
    if remedy:
        print(remedy, file=sys.stderr)
    return int(error.exit_code)


# ---- generate -------------------------------------------------------------------------------------
def build_request(
    args: argparse.Namespace, settings: Settings, references: list[ReferenceImage] | None = None
) -> GenerationRequest:
    """The request the flags describe (settings fill in what was not given); InvalidRequest if broken,
    UnusableImage for a refused ``--ref`` (``references``: the ``--ref`` files already prepared)."""
    problems: list[Problem] = []
    model_text = getattr(args, "model", None)
    model = find_model(model_text) if model_text else DEFAULT_MODEL
    if model is None:
        problems.append(
            Problem(
                "model",
                "Model {value!r} is not one of {names}.",
                {"value": model_text, "names": ", ".join(m.id for m in MODELS)},
            )
        )
        model = DEFAULT_MODEL
    size_text = args.size or str(settings.get("size"))
    if model is not DEFAULT_MODEL:
        size = model.parse_size(size_text) if model.sizes else DEFAULT_SIZE
        if size is None and not args.size:
            # The settings' size is a 4.0 size the chosen model does not make: its nearest one.
            size = model.nearest_size(parse_size(size_text) or DEFAULT_SIZE)
        if size is None:
            problems.append(
                Problem(
                    "size",
                    "Size {value!r} is not one of {model}'s sizes ({sizes}).",
                    {"value": size_text, "model": model.name, "sizes": ", ".join(s.key for s in model.sizes)},
                )
            )
    else:
        size = parse_size(size_text)
    if size is None and model is DEFAULT_MODEL:
        problems.append(
            Problem(
                "size",
                "Size {value!r} is not one of Seedream 4.0's 17 sizes (e.g. 2K-16:9 or 2560x1440).",
                {"value": size_text},
            )
        )
    if references is None:
        references, refused = local_references(args.ref)
        if refused and not problems:
            raise refused[0]
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
        model=model.id,
        cfg_scale=getattr(args, "cfg_scale", None),
    )
    return request.validate()


def local_references(sources: list[str]) -> tuple[list[ReferenceImage], list[UnusableImage]]:
    """Every ``--ref``: local files and data URIs prepared now (refused by name if unusable), links kept.

    Before the job is journalled: a refused file is invalid input (exit 2), nothing is sent and no
    failed job is left behind. The sha256 is the prepared picture's, as the window's tray records it."""
    references: list[ReferenceImage] = []
    refused: list[UnusableImage] = []
    for ref in sources:
        reference = ReferenceImage(ref)
        if reference.is_local_file:
            path = Path(ref).expanduser()
            try:
                prepared = prepare_reference(path)
            except UnusableImage as error:
                refused.append(error)
                continue
            reference = ReferenceImage(str(absolute(path)), sha256=prepared.sha256)
        elif reference.is_data_uri:  # inlined in the task: stripped of its metadata like a file
            try:
                prepared = prepare_data_uri(ref)
            except UnusableImage as error:
                refused.append(error)
                continue
            reference = ReferenceImage(prepared.data_uri, sha256=prepared.sha256)
        references.append(reference)
    return references, refused


def _generate(args: argparse.Namespace) -> int:
    settings = Settings(Paths.from_environment())
    references, refused = local_references(args.ref)
    if refused:
        for error in refused[:-1]:
            print(f"error: {error}", file=sys.stderr)
        return report(refused[-1])  # the remedy once, after every refused file
    try:
        request = build_request(args, settings, references)
    except InvalidRequest as error:
        return report(error)
    if getattr(args, "provider", "runware") == "ark":
        from seedream_desktop.cli.ark import generate_with_ark

        return generate_with_ark(request, args.json)
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
