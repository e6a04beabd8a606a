"""`seedream library scan | search QUERY | show PATH | rebuild`: the offline library from a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from seedream_desktop.cli import export as export_action
from seedream_desktop.cli.terminal import json_text, printable
from seedream_desktop.config import Paths, Settings
from seedream_desktop.library.entry import ImageEntry, ScanReport
from seedream_desktop.library.index import Library
from seedream_desktop.library.query import SORTS, Query
from seedream_desktop.library.rows import NotALibraryFile
from seedream_desktop.library.scan import UNSTORABLE_NAME, storable_name
from seedream_desktop.regular_files import RefusedFile, absolute, check_regular, reason_for

# The most results a page may ask for or skip (an SQLite LIMIT/OFFSET is a 64-bit integer; this is
# far past any library and far below that).
LARGEST_COUNT = 10**9


def _count(text: str) -> int:
    """A --limit, --offset or --min-rating: a whole number from 0 to LARGEST_COUNT, else a usage error."""
    try:
        value = int(text) if len(text) <= 12 else -1
    except ValueError:
        value = -1
    if not 0 <= value <= LARGEST_COUNT:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to {LARGEST_COUNT}, got {text!r}")
    return value


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
    search.add_argument("--limit", type=_count, default=50)
    search.add_argument("--offset", type=_count, default=0)
    search.add_argument("--favourites", action="store_true", help="only favourites")
    search.add_argument("--min-rating", type=_count, default=0)
    search.add_argument("--board", help="only images on this board")
    search.set_defaults(func=_search)
    show = actions.add_parser("show", help="everything known about one image")
    show.add_argument("path", type=Path)
    show.set_defaults(func=_show)
    export_action.register(actions)
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
        print(printable(notice), file=sys.stderr)
    return notice


def _report(report: ScanReport, args: argparse.Namespace, library: Library, notice: str | None) -> int:
    if args.json:
        data = asdict(report)
        data["errors"] = [{"path": str(p), "error": e} for p, e in report.errors]
        data["notices"] = [{"path": str(p), "notice": str(n)} for p, n in report.notices]
        data["total"] = library.count()
        data["notice"] = notice
        print(json_text(data))
    else:
        print(
            f"{library.count()} images in {printable(library.root)}: {report.added} added, "
            f"{report.updated} updated, {report.moved} moved, {report.removed} removed, "
            f"{report.unchanged} unchanged"
        )
        for path, error in report.errors:
            print(f"  {printable(path)}: {printable(error)}", file=sys.stderr)
        for _, line in report.notices:
            print(f"  {printable(line)}", file=sys.stderr)
        if report.notices:
            count = len(report.notices)
            print(f"{count} picture(s) indexed without (all of) their embedded metadata", file=sys.stderr)
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
        print(json_text({"total": total, "results": results, "notice": notice}))
        return 0
    for entry in found:
        stars = "★" * entry.rating + (" ♥" if entry.favourite else "")
        prompt = entry.prompt.replace("\n", " ")
        prompt = printable(prompt if len(prompt) <= 70 else prompt[:69] + "…")
        size = printable(entry.size_key or f"{entry.width}x{entry.height}")
        print(
            f"{entry.created:%Y-%m-%d %H:%M}  {size:>9}  {printable(entry.path)}  {prompt}  {stars}".rstrip()
        )
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
    from seedream_desktop.library.metadata import read_image_info

    refused = _refused(args.path)
    if refused is not None:
        print(f"error: {printable(refused)}", file=sys.stderr)
        return 2
    if not storable_name(str(args.path)):
        print(f"error: {printable(args.path)}: {UNSTORABLE_NAME}", file=sys.stderr)
        return 2
    with Library.open(_folder(args)) as library:
        notice = _notice(library, args)
        entry = library.by_path(absolute(args.path))
        if entry is None and args.path.exists():
            try:
                entry = library.add_file(absolute(args.path))
            except NotALibraryFile as exc:
                print(printable(exc.notice), file=sys.stderr)
                return 1
            except ValueError:
                entry = None  # outside the library folder: said just below
            except OSError as exc:
                print(f"{printable(args.path)} {reason_for(exc)}", file=sys.stderr)
                return 1
        if entry is None:
            print(f"{printable(args.path)} is not in the library {printable(library.root)}", file=sys.stderr)
            return 1
        lineage = library.lineage(entry.id)
        boards = [b.name for b in library.boards_of(entry.id)]
        tags = library.tags_of(entry.id)
    info = read_image_info(entry.path)
    record = info.record if info else None
    # What of the file's metadata could not be used (too large, damaged): said, not silently missing.
    metadata_notice = str(info.notice) if info and info.notice else None
    data = entry_dict(entry)
    data.update(
        boards=boards,
        tags=tags,
        parents=[str(e.path) for e in lineage.parents],
        children=[str(e.path) for e in lineage.children],
        record=record.to_dict() if record else None,
        notice=notice,
        metadata_notice=metadata_notice,
    )
    if args.json:
        print(json_text(data, indent=2))
        return 0
    for key, value in data.items():
        if key not in ("record", "notice", "metadata_notice") and value not in (None, "", [], False):
            print(f"{key:>18}: {printable(value)}")
    if metadata_notice:
        print(printable(metadata_notice), file=sys.stderr)
    return 0
