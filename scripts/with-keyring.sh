#!/usr/bin/env bash
# Runs a command with an unlocked gnome-keyring Secret Service on the current (private) session bus.
set -euo pipefail
if command -v gnome-keyring-daemon >/dev/null; then
  # An empty password creates and unlocks a throwaway login keyring for this bus only.
  eval "$(printf '' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
fi
exec "$@"
