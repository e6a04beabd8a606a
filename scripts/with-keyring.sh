#!/usr/bin/env bash
# Runs a command with an unlocked gnome-keyring Secret Service on the current (private) session bus.
# The keyring lives in a throwaway folder, so tests never touch the user's real keyrings.
set -euo pipefail
if command -v gnome-keyring-daemon >/dev/null && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  keyring_home=$(mktemp -d)
  trap 'rm -rf "$keyring_home"' EXIT
  # --unlock reads a password on stdin and creates (and unlocks) the "login" collection with it;
  # an empty password leaves it locked and every write would need an interactive prompt.
  eval "$(printf 'seedream-tests' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
fi
"$@"
