"""Reference solutions of the exercises of the start-here notebook.

Their hints, in both languages, are in ``lessons/00-start-here/exercises.yml``.
"""

from __future__ import annotations

from . import exercise


@exercise(
    "00.1",
    lesson="00-start-here",
    expects="number",
    sentences=["A.p03.s01", "A.p05.s01", "A.p13.s01", "A.p14.s01", "A.p29.s01"],
)
def count_leftovers_in_a():
    from helpers import articles

    return len(articles.boilerplate("A"))
