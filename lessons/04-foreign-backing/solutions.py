"""Reference solutions of the exercises of lesson 04, Foreign backing.

Their hints, in both languages, are in ``lessons/04-foreign-backing/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "04.1",
    variable="per_side",
    lesson="04-foreign-backing",
    expects="series",
    sentences=["B.p03.s02", "B.p03.s03"],
)
def backers_per_side():
    from helpers import data

    backing = data.load_backing()
    return backing.groupby("side").backer.nunique()


@exercise(
    "04.2",
    variable="un_reported",
    lesson="04-foreign-backing",
    expects="list",
    sentences=["B.p06.s02", "B.p08.s01"],
)
def un_reported_support_for_lna():
    from helpers import data

    backing = data.load_backing()
    rows = backing[(backing.side == "LNA") & (backing.status == "reported_un")]
    return sorted(rows.support.astype(str).unique().tolist())
