"""Exercises of lesson 04, Foreign backing."""

from __future__ import annotations

from . import exercise


@exercise(
    "04.1",
    lesson="04-foreign-backing",
    expects="series",
    sentences=["B.p03.s02", "B.p03.s03"],
    hints=[
        {"en": "Group the table by side: backing.groupby(\"side\").", "id": "Kelompokkan tabel menurut pihak: backing.groupby(\"side\")."},
        {"en": "A backer appears in several rows; count each one once with .backer.nunique().",
         "id": "Satu pendukung muncul di beberapa baris; hitung masing-masing sekali dengan .backer.nunique()."},
    ],
)
def backers_per_side():
    from helpers import data

    backing = data.load_backing()
    return backing.groupby("side").backer.nunique()


@exercise(
    "04.2",
    lesson="04-foreign-backing",
    expects="list",
    sentences=["B.p06.s02", "B.p08.s01"],
    hints=[
        {"en": "Two conditions joined with &: side == \"LNA\" and status == \"reported_un\".",
         "id": "Dua syarat digabung dengan &: side == \"LNA\" dan status == \"reported_un\"."},
        {"en": "Then take the support column and .unique().tolist().",
         "id": "Lalu ambil kolom support dan .unique().tolist()."},
    ],
)
def un_reported_support_for_lna():
    from helpers import data

    backing = data.load_backing()
    rows = backing[(backing.side == "LNA") & (backing.status == "reported_un")]
    return sorted(rows.support.astype(str).unique().tolist())
