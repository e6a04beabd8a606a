#!/usr/bin/env bash
# The whole check, as CI runs it: lint, format, types, layer contracts, then every test headless
# with a real Secret Service (gnome-keyring on a private session bus).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/.venv/bin:$PATH"

# Each check on its own line: under set -e a failure on the left of && would not stop the script.
echo "== ruff"; ruff check .
ruff format --check .
echo "== mypy"; mypy
echo "== import-linter"; lint-imports

echo "== pytest"
export SEEDREAM_TEST_STRICT=1  # a skip for a missing tool fails: set-up installs them all
exec dbus-run-session -- scripts/with-keyring.sh python -m pytest "$@"
