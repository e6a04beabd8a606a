"""Frozen-bundle entry point of the `seedream` command line (PyInstaller runs this file as __main__)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # `seedream library scan` uses a process pool that re-executes this binary; freeze_support routes it.
    multiprocessing.freeze_support()
    from seedream_desktop.cli import main

    sys.exit(main())
