"""Reference solutions of the exercises of lesson 05, Timeline.

Their hints, in both languages, are in ``lessons/05-timeline/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "05.1",
    variable="wednesday",
    lesson="05-timeline",
    expects="text",
    sentences=["B.p04.s02", "B.p05.s02"],
)
def the_wednesday():
    import pandas as pd

    from helpers import data

    sirte = data.load_events().set_index("event").loc["sirte-taken-2020", "date"]
    monday = sirte - pd.Timedelta(days=sirte.day_of_week)
    return (monday + pd.Timedelta(days=2)).date().isoformat()


@exercise(
    "05.2",
    variable="between",
    lesson="05-timeline",
    expects="number",
)
def events_between_the_articles():
    from helpers import data

    events = data.load_events()
    return len(events[(events.date >= "2019-04-05") & (events.date <= "2020-01-09")])
