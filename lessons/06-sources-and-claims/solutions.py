"""Reference solutions of the exercises of lesson 06, Sources and claims.

Their hints, in both languages, are in ``lessons/06-sources-and-claims/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "06.1",
    variable="modes_b",
    lesson="06-sources-and-claims",
    expects="series",
)
def voices_in_b():
    from helpers import data

    who = data.load_attribution()
    return who[who.sentence.str.startswith("B")]["mode"].value_counts()


@exercise(
    "06.2",
    variable="questionable",
    lesson="06-sources-and-claims",
    expects="dataframe",
    columns=["claim", "sentence", "verdict"],
    key=["claim"],
)
def questionable_claims_in_a():
    from helpers import data

    claims = data.load_claims()
    return claims[(claims.sentence.str.startswith("A")) & (claims.verdict != "consistent")]
