"""``python -m briefing``: the command line (see :mod:`briefing.cli`)."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
