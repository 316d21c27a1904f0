"""What an article mentions: the places and actors it names, who it quotes, the backers of those it names.

The tables of the lesson that ``python -m kit_teacher.article add`` writes for a teacher's own
article (they work for the kit's articles A and B too). Names come from the ``sentences`` column
of ``data/places.csv`` and ``data/actors.csv``, which the add command fills and a teacher can
correct by hand.

Examples
--------
>>> from helpers import mentions
>>> sorted(mentions.names("B", lang="en")["kind"].unique())
['actor', 'place']
"""

from __future__ import annotations

import re

import pandas as pd

from .articles import sentences
from .data import load_actors, load_backing, load_places, localize, split_list
from .i18n import by_lang, get_language

__all__ = ["backers", "names", "quoted"]


def names(article: str, *, lang: str | None = None) -> pd.DataFrame:
    """The places and actors the kit knows that an article names, with the sentences naming them.

    Examples
    --------
    >>> names("B", lang="en").query("key == 'sirte'")[["kind", "name", "sentences"]].values.tolist()
    [['place', 'Sirte', 'B.p04.s02']]
    """
    lang = get_language(lang)
    ids = set(sentences(article)["sentence"])
    out = []
    for kind, frame, key in (("place", load_places(), "place"), ("actor", load_actors(), "actor")):
        for row in frame.itertuples():
            mine = [s for s in split_list(row.sentences) if s in ids]
            if mine:
                out.append(
                    {
                        "kind": kind,
                        "key": getattr(row, key),
                        "name": by_lang(row, "name", lang),
                        "sentences": ";".join(mine),
                    }
                )
    return pd.DataFrame(out, columns=["kind", "key", "name", "sentences"])


_QUOTE_CUES = re.compile(
    r"[\"\u201c\u201d]|\b(kata|katanya|mengatakan|menurut|ujar|ujarnya|menegaskan|menyatakan|said|says|according to|told)\b",
    re.I,
)


def quoted(article: str) -> pd.DataFrame:
    """The sentences of an article that quote someone or report speech (quotation marks, verbs of saying).

    A first list for the teacher: who speaks in each is written in ``data/articles/attribution.csv``.

    Examples
    --------
    >>> quoted("A")["sentence"].tolist()[:2]
    ['A.p08.s01', 'A.p10.s01']
    """
    table = sentences(article)
    table = table[table["kind"] != "boilerplate"]
    cue = table["text"].map(lambda s: ", ".join(dict.fromkeys(m.group(0).lower() for m in _QUOTE_CUES.finditer(s))))
    out = table.assign(cue=cue)
    return out.loc[out["cue"] != "", ["sentence", "text", "cue"]].reset_index(drop=True)


def backers(article: str, *, lang: str | None = None) -> pd.DataFrame:
    """The rows of ``data/backing.csv`` whose backer is an actor the article names.

    Examples
    --------
    >>> sorted(set(backers("B", lang="en")["backer"]))[:3]
    ['chadian-fighters', 'egypt', 'france']
    """
    named = names(article, lang=lang)
    keys = set(named.loc[named["kind"] == "actor", "key"])
    table = load_backing()
    table = table[table["backer"].isin(keys)]
    return localize(table, lang=lang).reset_index(drop=True)
