"""The child process that runs hostile cases through the `seedream` CLI, many in one interpreter.

``python -m tests.hostile.runner SPEC RESULTS PROGRESS``: SPEC is a JSON list of cases, each
``{"id", "env", "cwd", "steps": [argv, …]}``. Every step calls the real ``seedream_desktop.cli.main``
with its environment, output captured at the file-descriptor level (what a terminal would get), the
exit code (argparse's SystemExit included), the seconds it took and its peak memory over the start of
the step (the kernel's high-water mark, reset before each step). An exception escaping ``main`` is
printed as the interpreter would: that is the traceback the checks look for.

One interpreter for all cases saves a second of start-up per case; the supervisor (supervisor.py)
watches this process from outside and kills it when a step hangs or eats memory, then starts a new
one for the cases left. PROGRESS says which step is running and from what memory it started.
Python's "show each warning once" memory is reset before each step, so a warning shows in every case
that triggers it, as it would in a fresh process.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
import tempfile
import time
import traceback
import warnings
from typing import Any

KEY = "hostile-corpus-key-0123456789"


def _status(field: str) -> int:
    """A VmRSS/VmHWM value of this process, in kB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # resets VmHWM to the current RSS (Linux ≥ 4.0)
    except OSError:
        pass


class Captured:
    """fd 1 and 2 (and sys.stdout/err, with the encoding and error handling a real run has) into files."""

    def __enter__(self) -> Captured:
        self.files = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
        self.streams = (sys.stdout, sys.stderr)
        for stream in self.streams:
            stream.flush()
        self.saved = [os.dup(1), os.dup(2)]
        for fd, target in zip((1, 2), self.files, strict=True):
            os.dup2(target.fileno(), fd)
        sys.stdout, sys.stderr = (
            io.TextIOWrapper(
                open(fd, "wb", closefd=False),  # noqa: SIM115  # wrapped; the fd stays ours
                encoding=stream.encoding,
                errors=stream.errors,
                line_buffering=True,
            )
            for fd, stream in zip((1, 2), self.streams, strict=True)
        )
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        sys.stdout, sys.stderr = self.streams
        for fd, saved in zip((1, 2), self.saved, strict=True):
            os.dup2(saved, fd)
            os.close(saved)

    def texts(self) -> tuple[str, str]:
        out = []
        for handle in self.files:
            handle.seek(0)
            out.append(handle.read().decode("utf-8", "surrogateescape"))
            handle.close()
        return out[0], out[1]


def run_step(argv: list[str]) -> dict[str, Any]:
    from seedream_desktop.cli import main

    warnings.resetwarnings()  # bumps the filters' version: every "shown once" memory is forgotten
    warnings.filters[:] = DEFAULT_FILTERS
    _reset_peak()
    start_rss = _status("VmRSS")
    started = time.monotonic()
    with Captured() as captured:
        try:
            code: Any = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:
            traceback.print_exc()
            code = "exception"
    seconds = time.monotonic() - started
    out, err = captured.texts()
    return {
        "argv": argv,
        "rc": code,
        "out": out,
        "err": err,
        "seconds": seconds,
        "rss_mb": max(0, _status("VmHWM") - start_rss) / 1024,
    }


def uploads_since(emulator: Any, seen: int) -> list[dict[str, Any]]:
    """What each imageUpload carried: private markers found in its bytes, EXIF tags still in it."""
    from tests.hostile.corpus import image_bytes
    from tests.hostile.makers import BODY_SERIAL, CAMERA_OWNER, GPS_IFD, PRIVATE_MARKERS

    found = []
    for task in emulator.requests[seen:]:
        image = task.get("image")
        if task.get("taskType") != "imageUpload" or not isinstance(image, str) or "," not in image:
            continue
        data = base64.b64decode(image.split(",", 1)[1])
        decoded = image_bytes(data)
        tags = set(decoded.getexif()) if decoded is not None else set()
        exif = decoded.getexif() if decoded is not None else {}
        tags |= set(exif.get_ifd(0x8769)) if decoded is not None else set()  # type: ignore[union-attr]
        found.append(
            {
                "markers": [mark.decode() for mark in PRIVATE_MARKERS if mark in data],
                "private_tags": sorted(tags & {GPS_IFD, CAMERA_OWNER, BODY_SERIAL}),
                "decodes": decoded is not None,
            }
        )
    return found


def main() -> None:
    spec_path, results_path, progress_path = sys.argv[1:4]
    with open(spec_path, encoding="utf-8") as spec:
        cases = json.load(spec)
    emulator = None
    if any(case.get("emulator") for case in cases):
        from seedream_desktop.emulator import Emulator

        emulator = Emulator().start()
        os.environ.update(SEEDREAM_API_URL=emulator.url, SEEDREAM_API_KEY=KEY)
    with (
        open(results_path, "a", encoding="utf-8") as results,
        open(progress_path, "a", encoding="utf-8") as progress,
    ):
        for case in cases:
            os.environ.update(case["env"])
            os.chdir(case["cwd"])
            seen = len(emulator.requests) if emulator else 0
            steps = []
            for number, argv in enumerate(case["steps"]):
                progress.write(f"{case['id']}\t{number}\t{_status('VmRSS')}\n")
                progress.flush()
                steps.append(run_step(argv))
            result: dict[str, Any] = {"id": case["id"], "steps": steps}
            if emulator is not None:
                result["uploads"] = uploads_since(emulator, seen)
                result["sent"] = [task.get("taskType") for task in emulator.requests[seen:]]
            results.write(json.dumps(result) + "\n")
            results.flush()
    if emulator is not None:
        emulator.stop()


DEFAULT_FILTERS = list(warnings.filters)

if __name__ == "__main__":
    main()
