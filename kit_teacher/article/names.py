"""Finding names in the article: the places and actors the kit knows, and capitalised names it does not.

Known names are matched folded (case and accents ignored), with their variants, a person's
surname and an actor's acronym; unknown capitalised names are listed as candidates for
``data/places.csv`` or ``data/actors.csv`` in the names report.

Examples
--------
>>> [name for name, _first in candidates(["Pasukan tiba di Tripoli dan Zliten."])]
['Tripoli', 'Zliten']
"""

from __future__ import annotations

import re
from typing import Any

from helpers.text import fold

__all__ = ["candidates", "find_names", "known_aliases"]


def _aliases_place(row: dict[str, str]) -> list[str]:
    names = [row["name_en"], row["name_id"], *row.get("variants", "").split(";")]
    out = []
    for name in names:
        out += [name, re.sub(r"\s*\(.*?\)", "", name)]
    return [a.strip() for a in dict.fromkeys(out) if len(a.strip()) >= 3]


def _aliases_actor(row: dict[str, str]) -> list[str]:
    out = []
    for name in (row["name_en"], row["name_id"]):
        out += [name, re.sub(r"\s*\(.*?\)", "", name), *re.findall(r"\(([^()]+)\)", name)]
        if row.get("type") == "person":
            last = name.split()[-1]
            out += [last, re.sub(r"^(al|el)-", "", last)]
    return [a.strip() for a in dict.fromkeys(out) if len(a.strip()) >= 2]


def known_aliases(places: list[dict[str, str]], actors: list[dict[str, str]]) -> list[str]:
    """Every name by which the kit knows a place or an actor (rows of places.csv and actors.csv).

    Examples
    --------
    >>> known_aliases([], [{"name_en": "Khalifa Haftar", "name_id": "Khalifa Haftar", "type": "person"}])
    ['Khalifa Haftar', 'Haftar']
    """
    return [a for row in places for a in _aliases_place(row)] + [a for row in actors for a in _aliases_actor(row)]


def _pattern(alias: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(fold(alias)) + r"(?![a-z0-9])")


def find_names(texts: dict[str, str], places: list[dict[str, str]], actors: list[dict[str, str]]) -> dict[str, Any]:
    """Which known places and actors each sentence names (folded names, variants, surnames, acronyms).

    Returns ``{"place": {key: [sentence ids]}, "actor": {key: [sentence ids]}}``.

    Examples
    --------
    >>> places = [{"place": "misrata", "name_en": "Misrata", "name_id": "Misrata", "variants": "Misurata"}]
    >>> actors = [{"actor": "haftar", "name_en": "Khalifa Haftar", "name_id": "Khalifa Haftar", "type": "person"}]
    >>> find_names({"C.p01.s01": "HAFTAR menuju Misurata."}, places, actors)
    {'place': {'misrata': ['C.p01.s01']}, 'actor': {'haftar': ['C.p01.s01']}}
    """
    found: dict[str, dict[str, list[str]]] = {"place": {}, "actor": {}}
    tables = (("place", places, "place", _aliases_place), ("actor", actors, "actor", _aliases_actor))
    for kind, rows, key, aliases in tables:
        for row in rows:
            patterns = [_pattern(a) for a in aliases(row)]
            for sid, text in texts.items():
                if any(p.search(fold(text)) for p in patterns):
                    found[kind].setdefault(row[key], []).append(sid)
    return found


#: Capitalised words that start sentences or name days and months, never places or people.
_COMMON = set(
    """ada akan bagi baik bahkan banyak belum berbicara berita dalam dan dari dengan di dia ini itu jika juga kami
    kata kini ketika kemudian mereka menurut namun pada para pasukan pemerintah perdana presiden saat sebelumnya
    sejak selain sementara setelah tetapi untuk walaupun yang menteri jenderal kota ibu tentara seorang sekitar
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september
    oktober november desember the a an and but in on at of this that these those it he she they we i when after
    before while however monday tuesday wednesday thursday friday saturday sunday january february march may june
    july august october december foto baca bagikan advertisement""".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w'’-]*)*")


def _initial(text: str, start: int) -> bool:
    """True when position ``start`` begins the sentence (only quotes or spaces before it)."""
    return not text[:start].strip(" \"'\u201c\u2018(")


def candidates(texts: list[str], known: list[str] | tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Capitalised names in the texts that no known alias covers: (name, how many times), first seen first.

    A single capitalised word at the start of a sentence is left out unless it is also capitalised
    inside a sentence; common words are trimmed from the ends of a name.

    Examples
    --------
    >>> candidates(["Kemudian pasukan Haftar tiba di Zliten.", "Zliten sepi.", "Warga lari."], known=["Haftar"])
    [('Zliten', 2)]
    """
    folded_known = [_pattern(k) for k in known]
    counts: dict[str, int] = {}
    inside = {m.group(0) for text in texts for m in _CAPITALISED.finditer(text) if not _initial(text, m.start())}
    for text in texts:
        for m in _CAPITALISED.finditer(text):
            words = m.group(0).split()
            if len(words) == 1 and _initial(text, m.start()) and words[0] not in inside:
                continue  # "Warga", "Toko-toko": capitalised only because a sentence starts there
            if len(words) > 1 and all(w.isupper() for w in words):
                continue  # a shouted phrase, not a name
            while words and fold(words[0]) in _COMMON:
                words = words[1:]
            while words and fold(words[-1]) in _COMMON:
                words = words[:-1]
            name = " ".join(words).strip("'’-")
            if len(name) < 3 or name.isupper() and len(name) <= 2:
                continue
            if any(p.search(fold(name)) for p in folded_known):
                continue
            counts[name] = counts.get(name, 0) + 1
    return list(counts.items())
