"""`python -m seedream_desktop` runs the CLI."""

import sys

from seedream_desktop.cli import main

sys.exit(main())
