"""Entry script for the PyInstaller bundle: the same start-up as `gratitude-desktop`."""

import sys

from gratitude_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
