"""``python -m helpers.progress summarize FOLDER``: the teacher's class summary (see :mod:`helpers.summary`).

The command lives in this ``__main__`` module, which ``import helpers`` never loads, so Python
runs it without the RuntimeWarning it gives for a module the package has already imported.
"""

from __future__ import annotations

import sys

from ..summary import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
