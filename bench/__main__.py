"""`python -m bench [NAME ...]`: run every bench/bench_*.py module's main() (or only the named ones)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = [n if n.startswith("bench_") else f"bench_{n}" for n in argv]
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have {', '.join(names)}", file=sys.stderr)
        return 2
    status = 0
    for name in wanted or names:
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "main", None)
        if run is None:
            continue
        print(f"== {name}", flush=True)
        # Benchmarks with options of their own get none here (run them as `python -m bench.bench_x --help`):
        # this command line names benchmarks, not their options.
        takes_argv = bool(inspect.signature(run).parameters)
        status = max(status, int((run([]) if takes_argv else run()) or 0))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
