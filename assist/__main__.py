"""`python -m assist` (also the PyInstaller entry point)."""

import sys

from assist.app import main

if __name__ == "__main__":
    sys.exit(main())
