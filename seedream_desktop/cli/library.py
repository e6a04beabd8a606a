"""`seedream library scan | search QUERY | show PATH | rebuild`: the offline library from a terminal."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from seedream_desktop.config import Paths, Settings
from seedream_desktop.library.entry import ImageEntry, ScanReport
from seedream_desktop.library.index import Library
from seedream_desktop.library.query import SORTS, Query
from seedream_desktop.regular_files import RefusedFile, absolute, check_regular


def register(commands: Any) -> None:
    parser = commands.add_parser("library", help="index, search and inspect the image library")
    parser.add_argument("--library", type=Path, help="library folder (default: settings or SEEDREAM_LIBRARY)")
    actions = parser.add_subparsers(dest="library_action", metavar="ACTION", required=True)

    scan = actions.add_parser("scan", help="bring the index up to date with the folder")
    scan.set_defaults(func=_scan)
    rebuild = actions.add_parser("rebuild", help="rebuild the index from the files (marks are kept)")
    rebuild.set_defaults(func=_rebuild)
    search = actions.add_parser("search", help="search prompts and filters, e.g. 'fox tier:4K rating>=3'")
    search.add_argument("query", nargs="?", default="", help='words, "phrases", -excluded, key:value terms')
    search.add_argument("--sort", choices=SORTS, default="newest")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--favourites", action="store_true", help="only favourites")
    search.add_argument("--min-rating", type=int, default=0)
    search.add_argument("--board", help="only images on this board")
    search.set_defaults(func=_search)
    show = actions.add_parser("show", help="everything known about one image")
    show.add_argument("path", type=Path)
    show.set_defaults(func=_show)
    for sub in (scan, rebuild, search, show):
        sub.add_argument("--json", action="store_true", help="machine-readable output")


def _folder(args: argparse.Namespace) -> Path:
    return Path(args.library) if args.library else Settings(Paths.from_environment()).library


def entry_dict(entry: ImageEntry) -> dict[str, Any]:
    data = {f.name: getattr(entry, f.name) for f in fields(entry)}
    data["path"] = str(entry.path)
    data["created"] = entry.created.isoformat()
    return data


def _notice(library: Library, args: argparse.Namespace) -> str | None:
    """The damaged-index notice: on stderr for a person, under "notice" in --json output."""
    notice = str(library.notice) if library.notice is not None else None
    if notice and not args.json:
        print(notice, file=sys.stderr)
    return notice


def _report(report: ScanReport, args: argparse.Namespace, library: Library, notice: str | None) -> int:
    if args.json:
        data = asdict(report)
        data["errors"] = [{"path": str(p), "error": e} for p, e in report.errors]
        data["total"] = library.count()
        data["notice"] = notice
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(
            f"{library.count()} images in {library.root}: {report.added} added, {report.updated} updated, "
            f"{report.moved} moved, {report.removed} removed, {report.unchanged} unchanged"
        )
        for path, error in report.errors:
            print(f"  could not read {path}: {error}", file=sys.stderr)
    return 0


def _progress(args: argparse.Namespace) -> Any:
    if args.json or not sys.stderr.isatty():
        return None
    return lambda done, total: print(f"\rreading {done}/{total}", end="", file=sys.stderr, flush=True)


def _scan(args: argparse.Namespace) -> int:
    with Library.open(_folder(args)) as library:
        notice = _notice(library, args)
        return _report(library.scan(_progress(args)), args, library, notice)


def _rebuild(args: argparse.Namespace) -> int:
    with Library.open(_folder(args)) as library:
        notice = _notice(library, args)
        return _report(library.rebuild(_progress(args)), args, library, notice)


def _search(args: argparse.Namespace) -> int:
    query = Query(
        text=args.query,
        sort=args.sort,
        favourite=True if args.favourites else None,
        min_rating=args.min_rating,
        board=args.board,
    )
    with Library.open(_folder(args)) as library:
        notice = _notice(library, args)
        if library.needs_scan:
            library.scan()
        total = library.count(query)
        found = library.search(query, offset=args.offset, limit=args.limit)
    if args.json:
        results = [entry_dict(e) for e in found]
        print(json.dumps({"total": total, "results": results, "notice": notice}, ensure_ascii=False))
        return 0
    for entry in found:
        stars = "★" * entry.rating + (" ♥" if entry.favourite else "")
        prompt = entry.prompt.replace("\n", " ")
        prompt = prompt if len(prompt) <= 70 else prompt[:69] + "…"
        print(f"{entry.created:%Y-%m-%d %H:%M}  {entry.size_key or f'{entry.width}x{entry.height}':>9}  "
              f"{entry.path}  {prompt}  {stars}".rstrip())  # fmt: skip
    print(f"{len(found)} of {total} shown", file=sys.stderr)
    return 0


def _refused(path: Path) -> RefusedFile | None:
    """A pipe, a device, a folder, a broken link or a link loop is refused by name, never opened (a
    FIFO would hang the read). A path that is simply gone may still name an entry of the index."""
    if not os.path.lexists(path):
        return None
    try:
        check_regular(path)
    except RefusedFile as refused:
        return refused
    return None


def _show(args: argparse.Namespace) -> int:
    from seedream_desktop.library.metadata import read_record

    refused = _refused(args.path)
    if refused is not None:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    with Library.open(_folder(args)) as library:
        notice = _notice(library, args)
        entry = library.by_path(absolute(args.path))
        if entry is None and args.path.exists():
            try:
                entry = library.add_file(absolute(args.path))
            except ValueError:
                entry = None  # outside the library folder: said just below
            except OSError as exc:
                print(f"could not read {args.path}: {exc}", file=sys.stderr)
                return 1
        if entry is None:
            print(f"{args.path} is not in the library {library.root}", file=sys.stderr)
            return 1
        lineage = library.lineage(entry.id)
        boards = [b.name for b in library.boards_of(entry.id)]
        tags = library.tags_of(entry.id)
    record = read_record(entry.path)
    data = entry_dict(entry)
    data.update(
        boards=boards,
        tags=tags,
        parents=[str(e.path) for e in lineage.parents],
        children=[str(e.path) for e in lineage.children],
        record=record.to_dict() if record else None,
        notice=notice,
    )
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for key, value in data.items():
        if key not in ("record", "notice") and value not in (None, "", [], False):
            print(f"{key:>18}: {value}")
    return 0
