"""Reference solutions of the exercises of lesson 01, Reading the news.

Their hints, in both languages, are in ``lessons/01-reading-the-news/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "01.1",
    variable="leftovers",
    lesson="01-reading-the-news",
    expects="list",
    sentences=["A.p03.s01", "A.p05.s01", "A.p13.s01", "A.p14.s01", "A.p29.s01"],
)
def web_page_leftovers():
    import pandas as pd

    from helpers import articles

    lines = pd.Series(articles.raw("A").split("\n"))
    leftovers = ["Baca Juga", "Advertisement", "Saksikan juga video berikut ini:", "\u00c2"]
    return lines[lines.isin(leftovers)].tolist()


@exercise(
    "01.2",
    variable="other_voices",
    lesson="01-reading-the-news",
    expects="number",
)
def sentences_with_another_voice():
    from helpers import data

    who = data.load_attribution()
    in_a = who[who.sentence.str.startswith("A")]
    return len(in_a[in_a.speaker != "reporter"])
