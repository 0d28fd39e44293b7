"""``python -m generator``: the command line without the installed ``catalogue`` script."""

import sys

from .adapters.cli import main

sys.exit(main())
