"""Bring your own article: turn a news report into the sheets and the lesson skeleton A and B have.

``python -m kit_teacher.article add FILE --id C --publisher ... --date YYYY-MM-DD --url ...`` (or
``make article FILE=... ID=C ARGS="--publisher ..."``), from a plain-text or saved HTML page:

1. keeps the text as ``data/articles/C-original.txt`` (the file itself when it is UTF-8 plain
   text; for a saved web page or a Windows-1252/Latin-1 file, its text in UTF-8, with the file as
   received kept byte for byte beside it as ``C-received.html`` or ``C-received.txt``), and records
   the article in ``data/articles/metadata.csv``, ``data/sources.csv`` (``article-c``) and
   ``data/datapackage.json`` (with its hash);
2. cuts it into sentences ``C.pNN.sNN`` with the same code as A and B (:mod:`helpers.sentences`),
   web clutter marked as boilerplate;
3. writes the translation sheet: a row of ``data/articles/translation_en.csv`` per sentence with
   the English empty (for an English article, ``gloss_id.csv`` with the Indonesian empty);
4. finds the places and actors the kit knows (names and variants folded), adds the sentence ids
   to their ``sentences`` column, and lists unknown capitalised names as candidates, in a report
   ``data/articles/C-names.md``;
5. writes the claims sheet: a row of ``data/claims.csv`` per sentence, verdict empty ("not yet
   checked");
6. writes the lesson skeleton ``notebooks/src/en/NN-article-c.md`` and
   ``notebooks/src/id/NN-berita-c.md`` (each edition named in its language, paired by ``NN``) from
   ``kit_teacher/article/templates/``.

Bad input (empty, binary or undecodable file, an id that exists or is malformed, a date that is
malformed or outside the data's range, a missing file, a link or anything but a regular file, a
file over 10 MB or an article over 500,000 characters, 1,000 paragraphs or 3,000 sentences, a
field with a line break or a control character) stops it before anything is written, with a
message in both languages and exit code 2; nothing existing is overwritten without ``--force``.
Invisible and direction-changing characters (bidi controls, zero-width spaces) are kept with a
warning. Everything is written into a staging copy first and swapped in only when
``python -m helpers.data validate`` passes on it (:mod:`.commit`): a full disk or data that would
not validate leave the kit as it was. Every field is escaped where it lands (:mod:`.escaping`).

One job per module: :mod:`.decoding` (bytes to text), :mod:`.web_page` (a saved page to its
paragraphs), :mod:`.names` (names the kit knows, and candidates), :mod:`.planning` (check
everything, decide what to write), :mod:`.writing` (the CSV sheets, the report, the datapackage),
:mod:`.lesson` (the lesson templates), :mod:`.escaping` (fields made safe for Markdown),
:mod:`.commit` (staging, validation, swap), :mod:`.command` (the command line). The lesson it writes
calls :mod:`helpers.mentions`, which stays in the student package.

Examples
--------
>>> from kit_teacher import article
>>> article.decode(b"Tripoli - Pasukan bergerak.", "x.txt")[0]
'Tripoli - Pasukan bergerak.'
>>> [name for name, _first in article.candidates(["Pasukan tiba di Tripoli dan Zliten."])]
['Tripoli', 'Zliten']
"""

from __future__ import annotations

from .command import main
from .commit import write
from .decoding import decode
from .errors import AddError
from .names import candidates, find_names
from .planning import Plan, lesson_name, plan
from .web_page import html_to_text

__all__ = [
    "AddError",
    "Plan",
    "candidates",
    "decode",
    "find_names",
    "html_to_text",
    "lesson_name",
    "main",
    "plan",
    "write",
]
