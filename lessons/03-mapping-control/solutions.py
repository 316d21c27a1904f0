"""Reference solutions of the exercises of lesson 03, Mapping control.

Their hints, in both languages, are in ``lessons/03-mapping-control/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "03.1",
    variable="distance_km",
    lesson="03-mapping-control",
    expects="number",
    tolerance=0.1,
    sentences=["A.p16.s01"],
)
def tripoli_gharyan_km():
    import math

    from helpers import data

    places = data.load_places().set_index("place")
    lat1, lon1 = math.radians(places.loc["tripoli", "lat"]), math.radians(places.loc["tripoli", "lon"])
    lat2, lon2 = math.radians(places.loc["gharyan", "lat"]), math.radians(places.loc["gharyan", "lon"])
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@exercise(
    "03.2",
    variable="changed",
    lesson="03-mapping-control",
    expects="dataframe",
    columns=["place", "controller_before", "controller_after"],
    key=["place"],
)
def changed_hands_in_2020():
    from helpers import data

    control = data.load_control()
    before = control[control.date == "2020-01-07"]
    after = control[control.date == "2020-06-06"]
    both = before.merge(after, on="place", suffixes=("_before", "_after"))
    return both[both.controller_before.astype(str) != both.controller_after.astype(str)]


@exercise(
    "03.3",
    variable="filled_km",
    lesson="03-mapping-control",
    expects="number",
    tolerance=0.5,
    sentences=["A.p16.s01"],
)
def tripoli_gharyan_km_filled_in():
    from helpers import data

    return data.distance_km("Tripoli", "Gharyan")


@exercise(
    "03.4",
    variable="filled_changed",
    untouched="empty",
    lesson="03-mapping-control",
    expects="dataframe",
    columns=["place", "controller_before", "controller_after"],
    key=["place"],
)
def changed_hands_in_2020_filled_in():
    from helpers import data

    control = data.load_control()
    before = control[control.date == "2020-01-07"]
    after = control[control.date == "2020-06-06"]
    both = before.merge(after, on="place", suffixes=("_before", "_after"))
    return both[both.controller_before.astype(str) != both.controller_after.astype(str)]
