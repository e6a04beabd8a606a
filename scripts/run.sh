#!/usr/bin/env bash
# Starts the app: demo mode (built-in emulator) when no API key is set. On a machine with no display it
# runs on a virtual X screen (Xvfb) so the window is real, and says nobody can see it and what to do.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
args=("$@")
if [ -z "${SEEDREAM_API_KEY:-}" ] && ! .venv/bin/seedream key status >/dev/null 2>&1; then
  echo "No Runware API key is set: starting in demo mode (built-in emulator, no network)."
  args=(--demo "${args[@]}")
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  # One message: the window is real but nobody can see it, and what to do instead.
  echo "No display found: the window opens on a virtual screen (Xvfb) that nobody can see. To see it, run" \
    "this from a desktop session (or over ssh -X); to check the app works here, run: make run ARGS=--self-test;" \
    "to make pictures without a window, use the command line: .venv/bin/seedream --help. Press Ctrl+C to stop."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/seedream-desktop "${args[@]}"
fi
exec .venv/bin/seedream-desktop "${args[@]}"
