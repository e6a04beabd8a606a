"""`seedream emulator`: run the local Runware-compatible server in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from seedream_desktop.emulator import FAULTS, Emulator, parse_fault_spec


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "emulator",
        help="run a local Runware-compatible server (demo, tests, benchmarks)",
        description="Serve Runware's REST API for Seedream 4.0 on 127.0.0.1 with stand-in images.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: any free port)")
    parser.add_argument("--latency", type=float, default=0.0, metavar="S", help="seconds per generated image")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help=f"inject a fault, NAME[xTIMES|x*][@PHASE], e.g. 429x2@poll (names: {', '.join(FAULTS)})",
    )
    parser.add_argument(
        "--key",
        action="append",
        default=None,
        metavar="KEY",
        help="accept only this API key (repeatable; default: any non-empty key)",
    )
    parser.add_argument(
        "--stall-seconds", type=float, default=30.0, metavar="S", help="how long a stall hangs"
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        specs = [parse_fault_spec(spec) for spec in args.fault]
    except ValueError as exc:
        print(f"seedream emulator: {exc}", file=sys.stderr)
        return 2
    try:
        emulator = Emulator(
            port=args.port,
            api_keys=args.key,
            latency=args.latency,
            faults=specs,
            stall_seconds=args.stall_seconds,
        ).start()
    except OSError as exc:
        print(f"seedream emulator: cannot listen on port {args.port}: {exc.strerror}", file=sys.stderr)
        return 4
    try:
        print(emulator.url, flush=True)
        print("Runware emulator running; press Ctrl+C to stop.", file=sys.stderr, flush=True)
        # stdout keeps only the Runware URL (scripts read it); the ModelArk base goes to stderr.
        print(f"ModelArk base (SEEDREAM_ARK_URL): {emulator.origin}/api/v3", file=sys.stderr, flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0
