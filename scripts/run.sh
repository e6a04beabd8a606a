#!/usr/bin/env bash
# Starts the app: demo mode (built-in emulator) when no API key is set. On a machine with no display it
# runs on a virtual X screen (Xvfb) so the window is real.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
args=("$@")
if [ -z "${SEEDREAM_API_KEY:-}" ] && ! .venv/bin/seedream key status >/dev/null 2>&1; then
  echo "No Runware API key is set: starting in demo mode (built-in emulator, no network)."
  args=(--demo "${args[@]}")
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: running on a virtual screen (Xvfb). Press Ctrl+C to stop."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/seedream-desktop "${args[@]}"
fi
exec .venv/bin/seedream-desktop "${args[@]}"
