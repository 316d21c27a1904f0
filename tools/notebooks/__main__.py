"""``python -m tools.notebooks ids|build|execute|check``: see :mod:`tools.notebooks`."""

import sys

from . import main

sys.exit(main())
