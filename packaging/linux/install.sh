#!/usr/bin/env bash
# Registers Seedream Desktop with the desktop for the current user: the launcher (.desktop, which also
# offers the app for opening PNG, JPEG and WebP images), the AppStream metainfo (software centres) and the
# icon in every hicolor size, under ${XDG_DATA_HOME:-~/.local/share}. Nothing outside your home is touched.
#
# Usage: install.sh [--uninstall]
#   From an unpacked bundle (seedream-desktop/linux/install.sh): the launcher runs that bundle, and
#   ~/.local/bin/seedream-desktop and ~/.local/bin/seedream link to it.
#   From a checkout (packaging/linux/install.sh), after `pipx install .` or `pip install .`: the launcher runs
#   the seedream-desktop found on PATH.
set -euo pipefail

APP_ID=io.github.seedream_desktop.SeedreamDesktop
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="${SEEDREAM_BIN_DIR:-$HOME/.local/bin}"
sizes=(16 24 32 48 64 128 256 512)

# In a bundle the icons sit beside this script; in a checkout they are in resources/icons.
if [ -d "$here/icons" ]; then icons="$here/icons"; else icons="$here/../../resources/icons"; fi
# A bundle has the executables one folder up.
bundle=""
[ -x "$here/../seedream-desktop" ] && bundle="$(cd "$here/.." && pwd)"

refresh_caches() {
  # Both are optional: desktops rescan on their own, these only make the change show at once.
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$data/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = --uninstall ]; then
  rm -f "$data/applications/$APP_ID.desktop" "$data/metainfo/$APP_ID.metainfo.xml" \
    "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${sizes[@]}"; do rm -f "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
  # Only links into a bundle: a pipx-installed seedream-desktop in the same folder is not ours to remove.
  for name in seedream-desktop seedream; do
    if [ -L "$bin/$name" ] && [ -d "$(dirname "$(readlink "$bin/$name")")/_internal" ]; then
      rm -f "$bin/$name"
    fi
  done
  refresh_caches
  echo "Seedream Desktop is no longer registered with the desktop."
  exit 0
fi

if [ -n "$bundle" ]; then
  mkdir -p "$bin"
  ln -sfn "$bundle/seedream-desktop" "$bin/seedream-desktop"
  ln -sfn "$bundle/seedream" "$bin/seedream"
  exec_path="$bundle/seedream-desktop"
else
  # An absolute path when we can find one: launchers do not always see the PATH of a login shell.
  exec_path="$(command -v seedream-desktop || true)"
  if [ -z "$exec_path" ]; then
    echo "warning: seedream-desktop is not on PATH; install it first (pipx install .), the launcher" >&2
    echo "         will find it once it is." >&2
    exec_path=seedream-desktop
  fi
fi

mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
# Exec keys quote paths with spaces; the field code %F hands over the images to open.
quoted="$exec_path"
[[ "$exec_path" == *" "* ]] && quoted="\"$exec_path\""
while IFS= read -r line; do
  if [[ "$line" == Exec=* ]]; then printf 'Exec=%s %%F\n' "$quoted"; else printf '%s\n' "$line"; fi
done <"$here/$APP_ID.desktop" >"$data/applications/$APP_ID.desktop"
cp "$here/$APP_ID.metainfo.xml" "$data/metainfo/$APP_ID.metainfo.xml"
cp "$icons/app.svg" "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in "${sizes[@]}"; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$icons/app-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh_caches
echo "Seedream Desktop is registered: launcher in $data/applications (runs $exec_path)."
