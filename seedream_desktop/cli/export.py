"""`seedream library export FILE… --to FOLDER`: images for delivery (size, preset, format, metadata, names)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from seedream_desktop.cli.terminal import json_text, printable
from seedream_desktop.library.export_choices import FORMATS, METADATA, PRESETS
from seedream_desktop.library.export_names import FIELDS, BadTemplate


def register(actions: Any) -> argparse.ArgumentParser:
    """Add the ``export`` action to ``seedream library``'s sub-commands."""
    sub = actions.add_parser(
        "export",
        help="export images for delivery: resized, sRGB, named by a template, never overwriting",
        description="Presets are cover-cropped: the picture fills the frame and its centre is kept.",
    )
    sub.add_argument("files", nargs="*", type=Path, help="images to export")
    sub.add_argument("--query", help="also export the library's search results, e.g. 'rating>=4 fox'")
    sub.add_argument("--to", type=Path, required=True, help="folder to export into (created if needed)")
    sub.add_argument("--format", type=str.upper, choices=sorted(FORMATS), default="JPEG")
    sub.add_argument("--quality", type=int, default=90, help="JPEG, WEBP and AVIF quality, 1–100")
    sub.add_argument(
        "--long-edge", type=int, default=0, help="scale down to this many pixels on the long edge"
    )
    sub.add_argument("--preset", choices=sorted(PRESETS), default="", help="a social frame (cover-crop)")
    sub.add_argument("--metadata", choices=METADATA, default="keep", help="keep, remove the prompt, or none")
    sub.add_argument(
        "--name",
        default="{name}",
        help=f"file name template, e.g. '{{date}}_{{prompt:30}}_{{n}}'; fields: {', '.join(FIELDS)}",
    )
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.set_defaults(func=_export)
    return sub


def _export(args: argparse.Namespace) -> int:
    from seedream_desktop.library.export import ExportOptions, export

    options = ExportOptions(
        folder=args.to,
        format=args.format,
        quality=args.quality,
        long_edge=args.long_edge,
        preset=args.preset,
        metadata=args.metadata,
        template=args.name,
    )
    try:
        options.check()
    except (BadTemplate, ValueError) as exc:
        print(f"error: {printable(exc)}", file=sys.stderr)
        return 2
    sources = list(args.files)
    if args.query is not None:
        sources += _search(args)
    if not sources:
        print("error: name the images to export, or --query to pick them from the library", file=sys.stderr)
        return 2
    shown = not args.json and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        print(f"\rexporting {done}/{total}", end="", file=sys.stderr, flush=True)

    report = export(sources, options, progress if shown else None)
    if shown:
        print(file=sys.stderr)
    if args.json:
        print(
            json_text(
                {
                    "written": [str(p) for p in report.written],
                    "failed": [{"path": str(p), "error": e} for p, e in report.failed],
                }
            )
        )
    else:
        for path in report.written:
            print(printable(path))
        for path, error in report.failed:
            print(f"  could not export {printable(path)}: {printable(error)}", file=sys.stderr)
        print(f"{len(report.written)} exported to {printable(options.folder)}", file=sys.stderr)
    return 1 if report.failed else 0


def _search(args: argparse.Namespace) -> list[Path]:
    from seedream_desktop.cli.library import _folder
    from seedream_desktop.library.index import Library
    from seedream_desktop.library.query import Query

    with Library.open(_folder(args)) as library:
        if library.needs_scan:
            library.scan()
        query = Query(text=args.query)
        return [entry.path for entry in library.search(query, limit=library.count(query) or 1)]
