"""``python -m kit_teacher.article add FILE --id C ...``: bring your own article (see :mod:`kit_teacher.article`)."""

from __future__ import annotations

import sys

from .command import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
