"""Writing a :class:`~kit_teacher.article.planning.Plan`: the article, its sheets, the names report, the datapackage, the lesson.

:func:`write_files` keeps the text as ``data/articles/C-original.txt`` (and the file as received beside
it when it was not plain UTF-8), records the article in ``data/articles/metadata.csv``,
``data/sources.csv`` and ``data/datapackage.json`` (with its hash), writes an empty translation
(or gloss) sheet and claims sheet with a row per sentence, adds the sentence ids to the places
and actors it names, writes the names report ``data/articles/C-names.md`` and the lesson in both
languages (:mod:`.lesson`). Rows of an earlier add of the same article (``--force``) are
replaced, never duplicated. It writes in place: :func:`kit_teacher.article.commit.write` has it
write into a staging copy, validates that, and only then swaps it in.

Examples
--------
>>> _drop([{"sentence": "C.p01.s01"}, {"sentence": "A.p01.s01"}], "sentence", "C")
[{'sentence': 'A.p01.s01'}]
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from helpers.i18n import LANGUAGES, t

from .csv_files import read_csv, write_csv
from .escaping import markdown_text, markdown_url
from .lesson import lesson_text
from .planning import Plan, lesson_name

__all__ = ["write_files"]

#: The command named in what it writes (the sources table, the names report, the datapackage).
COMMAND = "python -m kit_teacher.article add"


def _drop(rows: list[dict[str, str]], column: str, article: str) -> list[dict[str, str]]:
    return [r for r in rows if not r[column].startswith(f"{article}.")]


def _add_ids(path: Path, key: str, found: dict[str, list[str]], article: str) -> None:
    header, rows = read_csv(path)
    for row in rows:
        ids = [s for s in row["sentences"].split(";") if s and not s.startswith(f"{article}.")]
        row["sentences"] = ";".join(ids + found.get(row[key], []))
    write_csv(path, header, rows)


def _metadata_row(p: Plan) -> dict[str, str]:
    given = p.meta["title"]
    title = {
        lang: given
        or t("article_add.meta.title", lang=lang, article=p.article, publisher=p.meta["publisher"], date=p.meta["date"])
        for lang in LANGUAGES
    }
    note = {
        lang: t("article_add.meta.title_note" if given else "article_add.meta.title_kit", lang=lang)
        for lang in LANGUAGES
    }
    evidence = {lang: t("article_add.meta.date_evidence", lang=lang, date=p.meta["date"]) for lang in LANGUAGES}
    dateline = re.match(r"^[^,\n]{1,40},\s*([A-Z][\w' -]{1,30}?)\s+[-\u2013\u2014]\s", p.text)
    return {
        "article": p.article,
        "file": f"{p.article}-original.txt",
        "outlet": p.meta["publisher"],
        "dateline": dateline.group(1) if dateline else "",
        "language": p.language,
        "published": p.meta["date"],
        "published_earliest": p.meta["date"],
        "published_latest": p.meta["date"],
        "date_evidence_en": evidence["en"],
        "date_evidence_id": evidence["id"],
        "title_en": title["en"],
        "title_id": title["id"],
        "title_note_en": note["en"],
        "title_note_id": note["id"],
    }


def _source_row(p: Plan) -> dict[str, str]:
    title = (
        p.meta["title"]
        or f"[Article {p.article} as added to the kit, without its headline (data/articles/{p.article}-original.txt)]"
    )
    note = f"Added with {COMMAND}; the publisher, date and address are as the teacher gave them." + (
        "" if p.meta["title"] else " No title of its own in the kit: the teacher gave none, so the kit describes it."
    )
    return {
        "source": f"article-{p.article.lower()}",
        "publisher": p.meta["publisher"],
        "title": title,
        "date": p.meta["date"],
        "kind": "news_site",
        "url": p.meta["url"],
        "note": note,
    }


def _claim_rows(p: Plan) -> list[dict[str, str]]:
    return [
        {
            "claim": f"{p.article.lower()}-{r['sentence'].split('.', 1)[1].replace('.', '-')}",
            "sentence": r["sentence"],
            "text_en": "",
            "text_id": "",
            "verdict": "",
            "explanation_en": "",
            "explanation_id": "",
            "sources": "",
        }
        for r in p.content
    ]


def _report(p: Plan, places: list[dict[str, str]], actors: list[dict[str, str]]) -> str:
    place_names = {r["place"]: r["name_en"] for r in places}
    actor_names = {r["actor"]: r["name_en"] for r in actors}
    lines = [
        f"# Article {p.article}: names found",
        "",
        f"*Written by `{COMMAND}`; regenerated with `--force`.*",
        "",
        "## Places the kit knows (data/places.csv)",
        "",
    ]
    lines += [f"- {markdown_text(place_names[k])} (`{k}`): {', '.join(ids)}" for k, ids in p.found["place"].items()]
    lines += [] if p.found["place"] else ["- none"]
    lines += ["", "## Actors the kit knows (data/actors.csv)", ""]
    lines += [f"- {markdown_text(actor_names[k])} (`{k}`): {', '.join(ids)}" for k, ids in p.found["actor"].items()]
    lines += [] if p.found["actor"] else ["- none"]
    lines += [
        "",
        "## Candidates: capitalised names the kit does not know",
        "",
        "Add a row to data/places.csv or data/actors.csv for each one that is a place or an actor",
        "(with a source), then run the command again with --force.",
        "",
    ]
    lines += [f"- {markdown_text(name)} ({n}x)" for name, n in p.unknown] or ["- none"]
    return "\n".join(lines) + "\n"


def _resource(name: str, path: str, fmt: str, media: str, title: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "licenses": [{"name": "other-closed", "title": "Quoted for education; copyright remains with the publisher"}],
        "format": fmt,
        "mediatype": media,
        "encoding": "utf-8",
        "kit:byteForByte": True,
    }


def _update_package(p: Plan) -> None:
    path = p.root / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    low = p.article.lower()
    keep = {f"article_{low}", f"article_{low}_received", f"article_{low}_names"}
    package["resources"] = [r for r in package["resources"] if r["name"] not in keep]
    new = [
        _resource(
            f"article_{low}",
            f"articles/{p.article}-original.txt",
            "txt",
            "text/plain",
            f"Article {p.article} (original)",
            # data/README.md shows the descriptions as Markdown (tools/datapackage.py): escaped
            f"{markdown_text(p.meta['publisher'])}, {p.meta['date']}: the text as added by a teacher "
            f"(<{markdown_url(p.meta['url'])}>).",
        )
    ]
    if p.received_name:
        html_file = p.received_name.endswith(".html")
        res = _resource(
            f"article_{low}_received",
            f"articles/{p.received_name}",
            "html" if html_file else "txt",
            "text/html" if html_file else "text/plain",
            f"Article {p.article} (file as received)",
            f"The file article {p.article} was read from, byte for byte ({p.encoding}).",
        )
        res["encoding"] = "utf-8" if p.encoding == "utf-8" else "windows-1252"
        new.append(res)
    names = _resource(
        f"article_{low}_names",
        f"articles/{p.article}-names.md",
        "md",
        "text/markdown",
        f"Article {p.article}: names found",
        f"Places and actors the kit knows, and candidate names it does not, found by {COMMAND}.",
    )
    names.pop("kit:byteForByte")
    names["licenses"] = [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    new.append(names)
    package["resources"] += new
    for res in package["resources"]:
        content = (p.root / "data" / res["path"]).read_bytes()
        res["bytes"] = len(content)
        res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    path.write_bytes((json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _write_sheets(p: Plan) -> list[Path]:
    """The rows of the tables (metadata, sources, translation or gloss, claims, places, actors)."""
    data, art = p.root / "data", p.article
    header, rows = read_csv(data / "articles" / "metadata.csv")
    write_csv(data / "articles" / "metadata.csv", header, [r for r in rows if r["article"] != art] + [_metadata_row(p)])
    header, rows = read_csv(data / "sources.csv")
    src = _source_row(p)
    write_csv(data / "sources.csv", header, [r for r in rows if r["source"] != src["source"]] + [src])
    sheet = "translation_en.csv" if p.language == "id" else "gloss_id.csv"
    for name in ("translation_en.csv", "gloss_id.csv"):
        header, rows = read_csv(data / "articles" / name)
        rows = _drop(rows, "sentence", art)
        if name == sheet:
            rows += [{"sentence": r["sentence"], "text": ""} for r in p.content]
        write_csv(data / "articles" / name, header, rows)
    header, rows = read_csv(data / "articles" / "attribution.csv")
    write_csv(data / "articles" / "attribution.csv", header, _drop(rows, "sentence", art))
    header, rows = read_csv(data / "claims.csv")
    write_csv(data / "claims.csv", header, _drop(rows, "sentence", art) + _claim_rows(p))
    _add_ids(data / "places.csv", "place", p.found["place"], art)
    _add_ids(data / "actors.csv", "actor", p.found["actor"], art)
    return [data / "articles" / sheet, data / "claims.csv"]


def write_files(p: Plan) -> list[str]:
    """Write everything a :class:`~kit_teacher.article.planning.Plan` holds into ``p.root``; return the files written (relative to it).

    Files are written in place, one after another: call it on a staging copy
    (:func:`kit_teacher.article.commit.write` does), never on the kit itself.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from helpers.paths import kit_root
    >>> from kit_teacher.article.planning import plan
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("data", "notebooks/src"):
    ...     _ = shutil.copytree(kit_root() / name, root / name)
    >>> page = root / "berita.txt"
    >>> _ = page.write_text("Pasukan tiba di Sirte pada Senin.\\nBaca Juga\\n", encoding="utf-8")
    >>> files = write_files(plan(page, article="C", publisher="Uji", published="2020-01-20", url="https://example.org", root=root))
    >>> files[0], files[-1]
    ('data/articles/C-original.txt', 'notebooks/src/en/08-article-c.md')
    >>> shutil.rmtree(root)
    """
    data, art = p.root / "data", p.article
    original = data / "articles" / f"{art}-original.txt"
    # a UTF-8 plain-text file without BOM or CR: the text encodes back to exactly the bytes received
    original.write_bytes(p.text.encode("utf-8"))
    written = [original]
    for old in (data / "articles").glob(f"{art}-received.*"):
        old.unlink()
    if p.received_name:
        (data / "articles" / p.received_name).write_bytes(p.received)
        written.append(data / "articles" / p.received_name)
    written += _write_sheets(p)
    report = data / "articles" / f"{art}-names.md"
    report.write_bytes(_report(p, read_csv(data / "places.csv")[1], read_csv(data / "actors.csv")[1]).encode("utf-8"))
    written.append(report)
    _update_package(p)
    written += [data / "articles" / "metadata.csv", data / "sources.csv", data / "places.csv", data / "actors.csv"]
    written.append(data / "datapackage.json")
    for lang in LANGUAGES:
        target = p.root / "notebooks" / "src" / lang / f"{lesson_name(p.slug, lang)}.md"
        target.write_bytes(lesson_text(p, lang).encode("utf-8"))
        written.append(target)
    return [str(w.relative_to(p.root)) for w in written]
