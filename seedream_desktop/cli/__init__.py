"""The `seedream` command: generate, edit, key, jobs, library and emulator, on the same core as the GUI (no Qt)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from seedream_desktop import __version__

# One module per command group, each with `register(subparsers)`; the parser it adds sets `func`.
COMMAND_MODULES: tuple[str, ...] = ("generate", "edit", "key", "jobs", "library", "emulator", "ark")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="seedream", description="Seedream 4.0 from the command line.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"seedream_desktop.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"seedream_desktop.cli.{name}":
                raise
            continue
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from seedream_desktop import logs
    from seedream_desktop.config import Paths
    from seedream_desktop.library.notice import IndexUnavailable

    # stderr is for the person's messages; the log file gets the details behind them (logs.py).
    log_file = logs.configure(Paths.from_environment())
    try:
        return int(args.func(args) or 0)
    except IndexUnavailable as exc:  # locked, read-only or unreadable: said plainly, left untouched
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line here, the traceback in the log for the report
        logging.getLogger(__name__).exception("seedream %s failed", args.command)
        from seedream_desktop.redaction import redact

        where = f"; the details are in {log_file}" if log_file else ""
        print(redact(f"error: something went wrong ({type(exc).__name__}: {exc}){where}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
