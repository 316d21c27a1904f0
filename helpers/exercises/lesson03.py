"""Exercises of lesson 03, Mapping control."""

from __future__ import annotations

from . import exercise


@exercise(
    "03.1",
    lesson="03-mapping-control",
    expects="number",
    tolerance=0.5,
    sentences=["A.p16.s01"],
    hints=[
        {"en": "Turn degrees into radians first: math.radians(lat1), and so on for all four numbers.",
         "id": "Ubah derajat menjadi radian dulu: math.radians(lat1), begitu juga untuk keempat angka."},
        {"en": "a = sin(dlat/2)**2 + cos(lat1) * cos(lat2) * sin(dlon/2)**2, then distance = 2 * R * asin(sqrt(a)) with R = 6371.0088.",
         "id": "a = sin(dlat/2)**2 + cos(lat1) * cos(lat2) * sin(dlon/2)**2, lalu jarak = 2 * R * asin(sqrt(a)) dengan R = 6371.0088."},
        {"en": "dlat is lat2 - lat1 and dlon is lon2 - lon1, both in radians.",
         "id": "dlat adalah lat2 - lat1 dan dlon adalah lon2 - lon1, keduanya dalam radian."},
    ],
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
    lesson="03-mapping-control",
    expects="dataframe",
    columns=["place", "controller_before", "controller_after"],
    key=["place"],
    hints=[
        {"en": "Keep one snapshot per table: before = control[control.date == \"2020-01-07\"], and the same for after.",
         "id": "Ambil satu tanggal per tabel: before = control[control.date == \"2020-01-07\"], begitu juga untuk after."},
        {"en": "before.merge(after, on=\"place\", suffixes=(\"_before\", \"_after\")) puts the two controllers side by side.",
         "id": "before.merge(after, on=\"place\", suffixes=(\"_before\", \"_after\")) menaruh kedua penguasa berdampingan."},
        {"en": "Keep the rows where controller_before != controller_after.",
         "id": "Ambil baris yang controller_before != controller_after."},
    ],
)
def changed_hands_in_2020():
    from helpers import data

    control = data.load_control()
    before = control[control.date == "2020-01-07"]
    after = control[control.date == "2020-06-06"]
    both = before.merge(after, on="place", suffixes=("_before", "_after"))
    return both[both.controller_before.astype(str) != both.controller_after.astype(str)]
