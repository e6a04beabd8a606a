"""Frozen-bundle entry point of `seedream-desktop` (PyInstaller runs this file as __main__)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The library scan's process pool re-executes this binary; freeze_support routes those children.
    multiprocessing.freeze_support()
    from seedream_desktop.app import main

    sys.exit(main())
