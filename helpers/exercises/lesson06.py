"""Exercises of lesson 06, Sources and claims."""

from __future__ import annotations

from . import exercise


@exercise(
    "06.1",
    lesson="06-sources-and-claims",
    expects="series",
    hints=[
        {"en": "Keep the rows of article B: who[who.sentence.str.startswith(\"B\")].",
         "id": "Ambil baris berita B: who[who.sentence.str.startswith(\"B\")]."},
        {"en": "Then count each kind of voice with [\"mode\"].value_counts() (write [\"mode\"], because .mode is already a pandas method).",
         "id": "Lalu hitung setiap jenis suara dengan [\"mode\"].value_counts() (tulis [\"mode\"], karena .mode sudah menjadi metode pandas)."},
    ],
)
def voices_in_b():
    from helpers import data

    who = data.load_attribution()
    return who[who.sentence.str.startswith("B")]["mode"].value_counts()


@exercise(
    "06.2",
    lesson="06-sources-and-claims",
    expects="dataframe",
    columns=["claim", "sentence", "verdict"],
    key=["claim"],
    hints=[
        {"en": "Two conditions, each in brackets, joined with &: the sentence starts with \"A\", and the verdict is not \"consistent\".",
         "id": "Dua syarat, masing-masing dalam kurung, digabung dengan &: kalimat diawali \"A\", dan verdict bukan \"consistent\"."},
        {"en": "claims[(claims.sentence.str.startswith(\"A\")) & (claims.verdict != \"consistent\")]",
         "id": "claims[(claims.sentence.str.startswith(\"A\")) & (claims.verdict != \"consistent\")]"},
    ],
)
def questionable_claims_in_a():
    from helpers import data

    claims = data.load_claims()
    return claims[(claims.sentence.str.startswith("A")) & (claims.verdict != "consistent")]
