#!/usr/bin/env bash
# Builds the one-folder app bundle into dist/seedream-desktop/ with PyInstaller (a build-only tool, never a
# runtime dependency), then prints its size and how long the build took.
# Usage: scripts/build_bundle.sh [--clean] [--archive]
#   --clean    drop PyInstaller's cache and rebuild from scratch
#   --archive  also pack dist/seedream-desktop-<version>-<os>-<arch>.tar.gz, the download for users
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

# The venv, the package and the compiled translations (.qm), each only when missing or stale.
scripts/setup.sh bundle
.venv/bin/python -m pip show -q pyinstaller >/dev/null 2>&1 || .venv/bin/python -m pip install -q pyinstaller

# The icon exports are committed; rebuilt here only if someone deleted them.
if [ ! -f resources/icons/app-512.png ] || [ ! -f resources/icons/app.icns ]; then
  .venv/bin/python scripts/make_icons.py >/dev/null
fi

clean=()
archive=no
for arg in "$@"; do
  case "$arg" in
    --clean) clean=(--clean) ;;
    --archive) archive=yes ;;
    *) echo "unknown option: $arg (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
.venv/bin/pyinstaller --noconfirm --log-level WARN ${clean[@]+"${clean[@]}"} \
  --distpath dist --workpath build/pyinstaller packaging/seedream-desktop.spec

bundle=dist/seedream-desktop
# A Qt library the kept plugins need but the filter dropped shows up here as "not found".
if command -v ldd >/dev/null && [ "$(uname)" = Linux ]; then
  missing=$(find "$bundle" -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH="$PWD/$bundle/_internal:$PWD/$bundle/_internal/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null \
    | grep 'not found' | grep -i 'qt6\|pyside\|shiboken' | sort -u || true)
  if [ -n "$missing" ]; then
    echo "The bundle misses Qt libraries its plugins need:" >&2
    echo "$missing" >&2
    exit 1
  fi
fi

if [ "$archive" = yes ]; then
  version=$(.venv/bin/python -c 'import seedream_desktop; print(seedream_desktop.__version__)')
  os_arch="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)"
  tarball="dist/seedream-desktop-$version-$os_arch.tar.gz"
  tar -czf "$tarball" -C dist seedream-desktop
  echo "archive: $tarball ($(du -h "$tarball" | cut -f1))"
fi

elapsed=$(($(date +%s) - started))
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1) unpacked, $(find "$bundle" -type f | wc -l) files)"
echo "built in ${elapsed}s"
