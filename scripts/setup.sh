#!/usr/bin/env bash
# Installs what the app (with "test": the test suite; with "bundle": the PyInstaller build) needs, skipping
# what is already there.
# Usage: scripts/setup.sh run|test|bundle
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"
case "$purpose" in
  run | test | bundle) ;;
  *) echo "unknown purpose: $purpose (use run, test or bundle)" >&2; exit 2 ;;
esac
python="${PYTHON:-python3}"

# Qt's xcb platform and fonts (a CJK font so Chinese never renders as empty boxes).
run_packages=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 libnss3 fonts-noto-cjk fonts-dejavu-core
  xvfb xauth python3-venv)
# Tests: a real Secret Service (gnome-keyring on a private D-Bus), exiftool to read our metadata,
# vips for the thumbnail benchmark baseline, desktop-file/appstream validators for packaging.
test_packages=(dbus dbus-x11 gnome-keyring libimage-exiftool-perl libvips-tools desktop-file-utils appstream)
# The bundle: PyInstaller reads each library's dependencies with objdump (binutils).
bundle_packages=(binutils)

wanted=("${run_packages[@]}")
[ "$purpose" = test ] && wanted+=("${test_packages[@]}")
if [ "$purpose" = bundle ]; then
  wanted+=("${bundle_packages[@]}")
  # PyInstaller copies the interpreter's shared library (libpython3.X.so.1.0) into the bundle. Debian's
  # python3 is linked statically and ships that library apart, in libpython3.X; a Python built with
  # --enable-shared (pyenv's, python.org's) carries it in its own lib folder. The venv's base decides.
  interpreter="$python"
  [ -x .venv/bin/python ] && interpreter=.venv/bin/python
  read -r version base libpython < <("$interpreter" -c 'import os, sys, sysconfig
v = f"{sys.version_info[0]}.{sys.version_info[1]}"
shared = sysconfig.get_config_var("Py_ENABLE_SHARED")  # else INSTSONAME names the static library
name = sysconfig.get_config_var("INSTSONAME") if shared else f"libpython{v}.so.1.0"
dirs = [sysconfig.get_config_var("LIBDIR") if shared else "", sys.base_prefix, os.path.join(sys.base_prefix, "lib")]
found = next((os.path.join(d, name) for d in dirs if d and os.path.isfile(os.path.join(d, name))), "-")
print(v, os.path.realpath(sys.executable), found)')
  if [ "$libpython" = - ]; then
    if command -v dpkg-query >/dev/null && dpkg-query -S "$base" >/dev/null 2>&1; then
      wanted+=("libpython$version")
    else
      echo "The bundle needs Python's shared library (libpython$version.so.1.0), and the Python at $base" \
        "was built without it: rebuild it with --enable-shared (pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared" \
        "pyenv install --force $version), or build with the system's Python: rm -r .venv && PYTHON=/usr/bin/python3 make bundle" >&2
      exit 1
    fi
  fi
fi

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Please install these system packages with your package manager: ${missing[*]}" >&2
  else
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      if ! command -v sudo >/dev/null; then
        echo "Some system packages are missing and this user cannot install them (not root, no sudo)." \
          "Ask someone with root to run: apt-get update && apt-get install -y --no-install-recommends" \
          "${missing[*]}   then run this command again." >&2
        exit 1
      fi
      sudo=(sudo)
    fi
    echo "Installing system packages: ${missing[*]}"
    ${sudo[@]+"${sudo[@]}"} apt-get update -qq
    ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# The virtualenv and the package; re-installed only when pyproject.toml changes. The bundle needs what
# "run" installs (build_bundle.sh adds PyInstaller itself).
pip_purpose="$purpose"
[ "$purpose" = bundle ] && pip_purpose=run
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$pip_purpose"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$pip_purpose" = test ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
  [ "$pip_purpose" = test ] && touch ".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-run"
fi

# The interface translations (.ts -> .qm, not in git): compiled when missing or stale, a no-op otherwise.
.venv/bin/python scripts/build_translations.py --compile
