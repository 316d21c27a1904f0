"""Exercises of lesson 02, Who is who."""

from __future__ import annotations

from . import exercise


@exercise(
    "02.1",
    lesson="02-who-is-who",
    expects="dataframe",
    columns=["actor", "type"],
    key=["actor"],
    hints=[
        {"en": "Keep the rows whose type equals \"person\": actors[actors.type == ...].",
         "id": "Ambil baris yang type-nya \"person\": actors[actors.type == ...]."},
    ],
)
def people():
    from helpers import data

    actors = data.load_actors()
    return actors[actors.type == "person"]


@exercise(
    "02.2",
    lesson="02-who-is-who",
    expects="series",
    hints=[
        {"en": "Keep the states first: actors[actors.type == \"state\"].", "id": "Ambil negara dulu: actors[actors.type == \"state\"]."},
        {"en": "Then count them by side: .groupby(\"side\").size().", "id": "Lalu hitung menurut pihak: .groupby(\"side\").size()."},
    ],
)
def states_by_side():
    from helpers import data

    actors = data.load_actors()
    return actors[actors.type == "state"].groupby("side").size()
