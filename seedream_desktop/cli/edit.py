"""`seedream edit IMAGE "instruction" [--mask M.png] [--markup M.json]`: change only a region of a picture.

The original goes as image 1, a marked copy as image 2; the output is pasted back into the original
through the feathered mask, so everything outside it stays exactly as it was. Exit codes as `generate`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from seedream_desktop.api.errors import InvalidRequest, SeedreamError
from seedream_desktop.api.request import OUTPUT_FORMATS, GenerationRequest
from seedream_desktop.cli.generate import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    CliListener,
    _library_index,
    open_pipeline,
    report,
)
from seedream_desktop.config import Paths, Settings
from seedream_desktop.jobs.edit_results import EditResult, save_composite
from seedream_desktop.library.edits.errors import UnusableEdit
from seedream_desktop.library.edits.markup import BadMarkup, Markup, parse_markup
from seedream_desktop.library.edits.mask import read_mask
from seedream_desktop.library.edits.original import open_original
from seedream_desktop.library.edits.paste_back import DEFAULT_FEATHER
from seedream_desktop.library.edits.plan import PROMPT_TEMPLATE
from seedream_desktop.library.edits.prepare import PreparedEdit, prepare_edit
from seedream_desktop.regular_files import RefusedFile, read_regular

MAX_MARKUP_BYTES = 4 * 1024 * 1024


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "edit",
        help="change only a marked region of a picture",
        description=(
            "Edit a region: the picture goes as image 1, a marked copy (mask overlay and markup) as image 2; "
            "the result is pasted back so pixels outside the mask stay exactly the same."
        ),
    )
    parser.add_argument("image", help="the picture to edit")
    parser.add_argument("instruction", help="what to change in the marked area")
    parser.add_argument("--mask", metavar="MASK.png", help="a PNG, white where the change goes")
    parser.add_argument("--markup", metavar="MARKUP.json", help="arrows, boxes, lines and labels (JSON)")
    parser.add_argument(
        "--no-paste-back", action="store_true", help="keep the model's whole output as the result"
    )
    parser.add_argument(
        "--feather", type=int, default=DEFAULT_FEATHER, metavar="PX", help="soft edge of the mask in pixels"
    )
    parser.add_argument(
        "--template",
        default=PROMPT_TEMPLATE,
        help="the prompt around the instruction ({instruction} marks it)",
    )
    parser.add_argument(
        "--format", type=str.upper, choices=OUTPUT_FORMATS, help="the model's output: png, jpg or webp"
    )
    parser.add_argument("--seed", type=int, metavar="S")
    parser.add_argument("--json", action="store_true", help="print a JSON list describing the results")
    parser.add_argument("--wait-offline", type=float, default=30.0, metavar="S", help=argparse.SUPPRESS)
    parser.set_defaults(func=_edit)


def build_edit(args: argparse.Namespace, settings: Settings) -> PreparedEdit:
    """The prepared edit the arguments describe; UnusableEdit or InvalidRequest when they cannot work."""
    image = Path(args.image).expanduser()
    original = open_original(image)
    warnings: tuple[str, ...] = ()
    mask = None
    if args.mask:
        fitted = read_mask(Path(args.mask).expanduser(), original.size)
        mask, warnings = fitted.image, fitted.warnings
    markup = _read_markup(Path(args.markup).expanduser()) if args.markup else None
    base = GenerationRequest(
        prompt="",
        output_format=args.format or str(settings.get("output_format")).upper(),  # type: ignore[arg-type]
        output_quality=int(settings.get("output_quality")),
        seed=args.seed,
        safety=str(settings.get("safety") or "none"),  # type: ignore[arg-type]
    )
    edit = prepare_edit(
        original,
        args.instruction,
        library_root=settings.library.expanduser().resolve(),
        mask=mask,
        markup=markup,
        template=args.template,
        feather=max(0, args.feather),
        paste_back=not args.no_paste_back,
        base=base,
        warnings=warnings,
    )
    edit.request.validate()
    return edit


def _read_markup(path: Path) -> Markup:
    try:
        return parse_markup(read_regular(path, MAX_MARKUP_BYTES))
    except RefusedFile as exc:
        raise UnusableEdit(path.name, exc.reason) from exc
    except OSError as exc:
        raise UnusableEdit(path.name, "the file cannot be read") from exc
    except BadMarkup as exc:
        raise UnusableEdit(path.name, str(exc), "Fix the markup JSON (see README, “Edit a region”).") from exc


def _edit(args: argparse.Namespace) -> int:
    settings = Settings(Paths.from_environment())
    try:
        edit = build_edit(args, settings)
    except (UnusableEdit, InvalidRequest) as error:
        return report(error)
    for warning in edit.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"size: {edit.size.label} ({edit.size.dimensions})", file=sys.stderr)
    listener = CliListener(quiet=False)
    try:
        return asyncio.run(_run(edit, listener, args, settings))
    except KeyboardInterrupt:
        print("interrupted: `seedream jobs resume` finishes the job (without paste-back)", file=sys.stderr)
        return EXIT_INTERRUPTED
    except ValueError as exc:  # a refused API URL (plain http to another machine)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID


async def _run(
    edit: PreparedEdit, listener: CliListener, args: argparse.Namespace, settings: Settings
) -> int:
    error: SeedreamError | None = None
    view = None
    try:
        async with open_pipeline(listener, offline_wait=args.wait_offline) as runner:
            job_id = await runner.submit(edit.request)
            view = await runner.wait(job_id)
    except SeedreamError as exc:
        error = exc
    results = _paste_back(edit, listener, settings)
    _print(results, args.json)
    if error is not None:
        return report(error)
    assert view is not None
    if view.error is not None:
        return report(view.error)
    return EXIT_OK if results else EXIT_FAILED


def _paste_back(edit: PreparedEdit, listener: CliListener, settings: Settings) -> list[EditResult]:
    results: list[EditResult] = []
    root = settings.library.expanduser().resolve()
    with _library_index(root, Paths.from_environment()) as add_file:
        for saved in listener.saved:
            try:
                result = save_composite(edit, saved)
            except SeedreamError as exc:  # the output is saved; only the composite failed
                print(f"error: {exc}", file=sys.stderr)
                result = EditResult(None, saved.path, None, None)
            if result.composite is not None and result.record is not None and add_file is not None:
                add_file(result.composite, result.record)
            if result.notice:
                print(f"warning: {result.notice}", file=sys.stderr)
            results.append(result)
    return results


def _print(results: list[EditResult], as_json: bool) -> None:
    if as_json:
        items = [
            {
                "path": str(r.result),
                "composite": str(r.composite) if r.composite else None,
                "output": str(r.output),
                "framing": _framing(r),
            }
            for r in results
        ]
        print(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(r.result)
    sys.stdout.flush()


def _framing(result: EditResult) -> dict[str, Any] | None:
    framing = result.framing
    if framing is None:
        return None
    return {
        "shift": list(framing.shift),
        "difference": round(framing.difference, 2),
        "trustworthy": framing.trustworthy,
    }
