"""The frozen app's entry point: the same command line as `empower-desktop` (PyInstaller needs a script)."""

import sys

from empower_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
