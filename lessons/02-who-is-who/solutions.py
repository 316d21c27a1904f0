"""Reference solutions of the exercises of lesson 02, Who is who.

Their hints, in both languages, are in ``lessons/02-who-is-who/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "02.1",
    variable="people",
    lesson="02-who-is-who",
    expects="dataframe",
    columns=["actor", "type"],
    key=["actor"],
)
def people():
    from helpers import data

    actors = data.load_actors()
    return actors[actors.type == "person"]


@exercise(
    "02.2",
    variable="states",
    lesson="02-who-is-who",
    expects="series",
)
def states_by_side():
    from helpers import data

    actors = data.load_actors()
    return actors[actors.type == "state"].groupby("side").size()
