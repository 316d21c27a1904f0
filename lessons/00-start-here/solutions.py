"""Reference solutions of the exercises of the start-here notebook.

Their hints, in both languages, are in ``lessons/00-start-here/exercises.yml``.
"""

from __future__ import annotations

from helpers.exercises import exercise


@exercise(
    "00.1",
    lesson="00-start-here",
    expects="number",
    sentences=["A.p03.s01", "A.p05.s01", "A.p13.s01", "A.p14.s01", "A.p29.s01"],
)
def count_leftovers_in_a():
    from helpers import articles

    return len(articles.boilerplate("A"))


@exercise("00.2", variable="capital", lesson="00-start-here", expects="text")
def the_capital():
    from helpers import data

    places = data.load_places()
    return places[(places.kind == "capital") & (places.country == "LBY")].name_en.iloc[0]


@exercise("00.3", variable="in_article_a", lesson="00-start-here", expects="list")
def places_of_article_a():
    from helpers import data

    places = data.load_places()
    return places[places.sentences.astype(str).str.contains("A.p", regex=False)].place.tolist()


@exercise("00.4", variable="distance", lesson="00-start-here", expects="number", tolerance=0.5)
def tripoli_to_sirte_km():
    from helpers import data

    return data.distance_km("Tripoli", "Sirte")


@exercise(
    "00.5",
    variable="denied",
    lesson="00-start-here",
    expects="dataframe",
    columns=["backer", "support", "status"],
    key=["backer", "support", "status"],
)
def denied_backing():
    from helpers import data

    backing = data.load_backing()
    return backing[backing.status == "denied"]


@exercise(
    "00.6",
    variable="three",
    lesson="00-start-here",
    expects="dataframe",
    columns=["place", "lat", "lon"],
    key=["place"],
)
def three_cities():
    from helpers import data

    places = data.load_places()
    return places[places.place.isin(["tripoli", "sirte", "benghazi"])]


@exercise("00.7", variable="statuses", lesson="00-start-here", expects="list")
def kinds_of_status():
    from helpers import data

    backing = data.load_backing()
    return backing.status.astype(str).unique().tolist()


@exercise("00.8", variable="per_type", lesson="00-start-here", expects="series")
def actors_by_type():
    from helpers import data

    actors = data.load_actors()
    return actors.type.value_counts()


@exercise(
    "00.9",
    variable="southern",
    lesson="00-start-here",
    expects="dataframe",
    columns=["place", "lat"],
    key=["place"],
    ordered=True,
)
def five_southernmost_places():
    from helpers import data

    places = data.load_places()
    return places.sort_values("lat").head(5)
