"""Exercises of lesson 05, Timeline."""

from __future__ import annotations

from . import exercise


@exercise(
    "05.1",
    lesson="05-timeline",
    expects="text",
    sentences=["B.p04.s02", "B.p05.s02"],
    hints=[
        {"en": "Sirte fell on Monday 6 January 2020. Wednesday is two days later: pd.Timestamp(\"2020-01-06\") + pd.Timedelta(days=2).",
         "id": "Sirte jatuh pada Senin 6 Januari 2020. Rabu adalah dua hari kemudian: pd.Timestamp(\"2020-01-06\") + pd.Timedelta(days=2)."},
        {"en": "Check it: .day_name() gives the name of the day.", "id": "Periksa: .day_name() memberi nama harinya."},
    ],
)
def the_wednesday():
    import pandas as pd

    from helpers import data

    sirte = data.load_events().set_index("event").loc["sirte-taken-2020", "date"]
    monday = sirte - pd.Timedelta(days=sirte.day_of_week)
    return (monday + pd.Timedelta(days=2)).date().isoformat()


@exercise(
    "05.2",
    lesson="05-timeline",
    expects="number",
    hints=[
        {"en": "Keep the events with date >= \"2019-04-05\" and date <= \"2020-01-09\" (two conditions joined with &).",
         "id": "Ambil peristiwa dengan date >= \"2019-04-05\" dan date <= \"2020-01-09\" (dua syarat digabung dengan &)."},
        {"en": "len(...) counts the rows.", "id": "len(...) menghitung barisnya."},
    ],
)
def events_between_the_articles():
    from helpers import data

    events = data.load_events()
    return len(events[(events.date >= "2019-04-05") & (events.date <= "2020-01-09")])
