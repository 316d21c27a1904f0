"""Exercises of the start-here notebook."""

from __future__ import annotations

from . import exercise


@exercise(
    "00.1",
    lesson="00-start-here",
    expects="number",
    sentences=["A.p03.s01", "A.p05.s01", "A.p13.s01", "A.p14.s01", "A.p29.s01"],
    hints=[
        {"en": "helpers.articles.boilerplate(\"A\") gives a table of the leftovers; how many rows does it have?",
         "id": "helpers.articles.boilerplate(\"A\") memberi tabel sisa-sisa halaman web; berapa barisnya?"},
        {"en": "len(table) counts the rows of a table.", "id": "len(tabel) menghitung jumlah baris sebuah tabel."},
    ],
)
def count_leftovers_in_a():
    from helpers import articles

    return len(articles.boilerplate("A"))
