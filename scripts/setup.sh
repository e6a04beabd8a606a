#!/usr/bin/env bash
# Installs what the app (and, with "test", the test suite) needs, skipping what is already there.
# Usage: scripts/setup.sh run|test
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

# Qt's xcb platform and fonts (a CJK font so Chinese never renders as empty boxes).
run_packages=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 libnss3 fonts-noto-cjk fonts-dejavu-core
  xvfb xauth python3-venv)
# Tests: a real Secret Service (gnome-keyring on a private D-Bus), exiftool to read our metadata,
# vips for the thumbnail benchmark baseline, desktop-file/appstream validators for packaging.
test_packages=(dbus dbus-x11 gnome-keyring libimage-exiftool-perl libvips-tools desktop-file-utils appstream)

wanted=("${run_packages[@]}")
[ "$purpose" = test ] && wanted+=("${test_packages[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Please install these system packages with your package manager: ${missing[*]}" >&2
  else
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# The virtualenv and the package; re-installed only when pyproject.toml changes.
python="${PYTHON:-python3}"
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$purpose"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$purpose" = test ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
  [ "$purpose" = test ] && touch ".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-run"
fi

# The interface translations (.ts -> .qm, not in git): compiled when missing or stale, a no-op otherwise.
.venv/bin/python scripts/build_translations.py --compile
