"""Exercises of lesson 01, Reading the news."""

from __future__ import annotations

from . import exercise


@exercise(
    "01.1",
    lesson="01-reading-the-news",
    expects="list",
    sentences=["A.p03.s01", "A.p05.s01", "A.p13.s01", "A.p14.s01", "A.p29.s01"],
    hints=[
        {"en": "lines.isin([...]) is True for the lines equal to one of the texts in the list.",
         "id": "lines.isin([...]) bernilai True untuk baris yang sama dengan salah satu teks dalam daftar."},
        {"en": "Besides 'Baca Juga', 'Advertisement' and 'Saksikan juga video berikut ini:', one line holds only the stray character 'Â'.",
         "id": "Selain 'Baca Juga', 'Advertisement', dan 'Saksikan juga video berikut ini:', ada satu baris yang hanya berisi karakter nyasar 'Â'."},
        {"en": "lines[lines.isin(leftovers)].tolist() turns the matching lines into a list.",
         "id": "lines[lines.isin(sisa)].tolist() mengubah baris-baris yang cocok menjadi daftar."},
    ],
)
def web_page_leftovers():
    import pandas as pd

    from helpers import articles

    lines = pd.Series(articles.raw("A").split("\n"))
    leftovers = ["Baca Juga", "Advertisement", "Saksikan juga video berikut ini:", "\u00c2"]
    return lines[lines.isin(leftovers)].tolist()


@exercise(
    "01.2",
    lesson="01-reading-the-news",
    expects="number",
    hints=[
        {"en": "Keep the rows of article A: who.sentence.str.startswith(\"A\").",
         "id": "Ambil baris berita A: who.sentence.str.startswith(\"A\")."},
        {"en": "Then keep the rows whose speaker is not \"reporter\" (!=), and count them with len(...).",
         "id": "Lalu ambil baris yang speaker-nya bukan \"reporter\" (!=), dan hitung dengan len(...)."},
    ],
)
def sentences_with_another_voice():
    from helpers import data

    who = data.load_attribution()
    in_a = who[who.sentence.str.startswith("A")]
    return len(in_a[in_a.speaker != "reporter"])
