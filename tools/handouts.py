"""Printable handouts (A4 PDF) built from the kit's own data, question banks and exercises.

For each language, ``build/handouts/<lang>/`` receives:

* per lesson, a student worksheet (``NN-slug-worksheet.pdf``: the quiz questions with boxes and
  lines to fill, the exercises to report, the lesson's tables; no answer) and a separate teacher
  key (``NN-slug-key.pdf``: the answers with their reasons, the reference solutions and the values
  they return);
* the paper materials the guides call for: ``5w1h.pdf``, ``article-a.pdf`` and ``article-b.pdf``
  (every sentence with its id and the kit's translation), ``calendar-2020-01.pdf``, ``actors.pdf``,
  ``sentence-frames.pdf``, ``exit-ticket.pdf``;
* ``maps.pdf`` (the control map of every snapshot date, with legend, scale bar and source line,
  symbols that read in black and white), ``glossary.pdf`` and ``timeline.pdf``.

Every fact comes from :mod:`helpers.data`, :mod:`helpers.articles`, :func:`helpers.quiz.load` and
:mod:`helpers.exercises`; the words of the sheets are in ``lessons/handouts/strings.yml`` in both
languages. Pages are written as HTML and printed with Debian's Chromium in headless mode (tagged
PDF); without Chromium the HTML is still written and the command says how to install it.

Usage::

    python -m tools.handouts                 # make handouts: both languages, HTML and PDF
    python -m tools.handouts --html-only     # HTML only (no browser needed)
    python -m tools.handouts --lang id --out /tmp/sheets
"""

from __future__ import annotations

import argparse
import base64
import calendar
import concurrent.futures
import html
import io
import math
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "LANGS",
    "ROOT",
    "build",
    "date_text",
    "find_chromium",
    "key",
    "lessons",
    "main",
    "materials",
    "month_grid",
    "page",
    "print_pdf",
    "table",
    "words",
    "worksheet",
]

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "id")
STRINGS = ROOT / "lessons" / "handouts" / "strings.yml"
BOX = "☐"
CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #000; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; } h2 { font-size: 12.5pt; margin: 12pt 0 4pt 0; border-bottom: 1px solid #000; }
.meta { font-size: 9pt; margin-bottom: 6pt; } .help { font-style: italic; margin: 2pt 0 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; } th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #e6e6e6; } td.fill { height: 22pt; } td.tall { height: 60pt; } .small { font-size: 8.5pt; }
.tiny { font-size: 7.8pt; line-height: 1.15; } .tiny td, .tiny th { padding: 1pt 3pt; }
ol.q > li { margin-bottom: 9pt; break-inside: avoid; } .opts { list-style: none; padding-left: 8pt; margin: 2pt 0; }
.line { border-bottom: 1px solid #000; height: 18pt; margin: 2pt 0; } .box { border: 1px solid #000; min-height: 46pt; margin: 3pt 0 8pt 0; }
pre { font-size: 8.5pt; border: 1px solid #000; padding: 4pt; white-space: pre-wrap; }
.foot { font-size: 8pt; margin-top: 10pt; border-top: 1px solid #000; padding-top: 2pt; }
.ticket { border: 1px dashed #000; padding: 6pt; margin-bottom: 8pt; height: 60mm; break-inside: avoid; }
.cal td { height: 22mm; width: 14%; } .maps { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.maps figure { margin: 0; break-inside: avoid; } .maps img { width: 100%; } .maps figcaption { font-size: 8pt; }
.pagebreak { break-after: page; }
"""


# ---------------------------------------------------------------- words and small pieces
@cache
def _strings() -> dict[str, Any]:
    return yaml.safe_load(STRINGS.read_text(encoding="utf-8"))


def words(key: str, lang: str) -> Any:
    """The handout wording ``key`` in ``lang`` (from ``lessons/handouts/strings.yml``).

    Examples
    --------
    >>> words("quiz", "id")
    'Kuis'
    >>> words("weekdays", "en")[0]
    'Monday'
    """
    entry = _strings()[key]
    if lang not in entry:
        raise KeyError(f"lessons/handouts/strings.yml: '{key}' has no '{lang}' text")
    return entry[lang]


def lessons() -> list[str]:
    """The lesson folders that have a question bank, in order.

    Examples
    --------
    >>> lessons()[0]
    '00-start-here'
    """
    return sorted(p.parent.name for p in (ROOT / "lessons").glob("[0-9][0-9]-*/quiz.yml"))


def _e(value: Any) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def page(title: str, body: str, lang: str, *, subtitle: str = "") -> str:
    """A complete A4 HTML page in ``lang`` with the kit's heading and footer.

    Examples
    --------
    >>> "<html lang=\\"id\\">" in page("Judul", "<p>isi</p>", "id")
    True
    """
    sub = f'<div class="meta">{_e(subtitle)}</div>' if subtitle else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f'<style>{CSS}</style></head><body><div class="meta">{_e(words("kit", lang))}</div>'
        f'<h1>{_e(title)}</h1>{sub}{body}<div class="foot">{_e(words("page_source", lang))}</div></body></html>'
    )


def table(head: Iterable[str], rows: Iterable[Iterable[Any]], *, cls: str = "", fill: Iterable[int] = ()) -> str:
    """An HTML table; the columns in ``fill`` are left empty for students to write in.

    Examples
    --------
    >>> table(["a", "b"], [["<x>", "y"]], fill=[1])
    '<table><tr><th>a</th><th>b</th></tr><tr><td>&lt;x&gt;</td><td class="fill"></td></tr></table>'
    """
    blank = set(fill)
    out = [
        f'<table class="{cls}">' if cls else "<table>",
        "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>",
    ]
    for row in rows:
        out.append(
            "<tr>"
            + "".join('<td class="fill"></td>' if i in blank else f"<td>{_e(c)}</td>" for i, c in enumerate(row))
            + "</tr>"
        )
    return "".join(out) + "</table>"


def date_text(value: Any, lang: str, *, precision: str = "day") -> str:
    """A date written out in ``lang`` at its precision (day, month or year).

    Examples
    --------
    >>> date_text("2020-01-06", "id")
    '6 Januari 2020'
    >>> date_text("2011-03-01", "en", precision="month")
    'March 2011'
    """
    import pandas as pd

    if value is None or pd.isna(value) or value == "":
        return ""
    day = pd.Timestamp(value)
    month = words("months", lang)[day.month - 1]
    return {"year": f"{day.year}", "month": f"{month} {day.year}"}.get(precision, f"{day.day} {month} {day.year}")


def month_grid(year: int, month: int, lang: str) -> str:
    """A month as an HTML calendar table, Monday first, with room to write in each day.

    Examples
    --------
    >>> grid = month_grid(2020, 1, "en")
    >>> grid.count("<td"), "<th>Monday</th>" in grid
    (35, True)
    """
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
    rows = "".join("<tr>" + "".join(f"<td>{d or ''}</td>" for d in week) + "</tr>" for week in weeks)
    head = "".join(f"<th>{_e(d)}</th>" for d in words("weekdays", lang))
    return f'<table class="cal"><tr>{head}</tr>{rows}</table>'


# ---------------------------------------------------------------- questions
def _shown_order(lesson: str, q: Any) -> list[str]:
    """The printed order of a question's entries: shuffled, and never the answer's own order."""
    keys = [e["key"] for e in q.entries]
    if q.type == "ordering":
        rng = random.Random(f"handout:{lesson}:{q.id}")
        while len(keys) > 1 and keys == list(q.answer):
            rng.shuffle(keys)
    return keys


def _question_html(lesson: str, q: Any, lang: str) -> str:
    from helpers.quiz_kinds import LETTERS

    text = f"<b>{_e(q.text[lang])}</b>"
    order = _shown_order(lesson, q)
    lettered = [(letter, q.entry(k)) for letter, k in zip(LETTERS, order)]
    if q.type in ("single", "multiple"):
        how = words("choose_one" if q.type == "single" else "choose_all", lang)
        opts = "".join(f"<li>{BOX} {letter}) {_e(q.label(e, lang))}</li>" for letter, e in lettered)
        return f'{text}<div class="help">{_e(how)}</div><ul class="opts">{opts}</ul>'
    if q.type == "truefalse":
        return f'{text}<ul class="opts"><li>{BOX} {_e(words("true", lang))} &nbsp;&nbsp; {BOX} {_e(words("false", lang))}</li></ul>'
    if q.type == "ordering":
        opts = "".join(f"<li>{letter}) {_e(q.label(e, lang))}</li>" for letter, e in lettered)
        return f'{text}<ul class="opts">{opts}</ul><div>{_e(words("order_prompt", lang))} ___ → ___ → ___ → ___</div>'
    if q.type == "matching":
        opts = "".join(f"<li>{letter}) {_e(q.label(e, lang))} = ______</li>" for letter, e in lettered)
        rights = ", ".join(_e(q.label(r, lang)) for r in sorted(q.right, key=lambda r: q.label(r, lang)))
        return (
            f'{text}<div class="help">{_e(words("match_prompt", lang))}</div><ul class="opts">{opts}</ul>'
            f"<div>{_e(words('choices', lang))}: {rights}</div>"
        )
    unit = f" {_e(q.unit)}" if q.type == "numeric" and getattr(q, "unit", None) else ""
    return f'{text}<div>{_e(words("write_answer", lang))}</div><div class="line"></div>{unit}'


def _quiz(lesson: str, lang: str):
    from helpers import quiz

    return quiz.load(lesson, lang=lang)


def _exercises(lesson: str) -> list[Any]:
    from helpers import exercises

    return [e for e in exercises.all_exercises() if e.lesson == lesson]


def _shown_value(value: Any) -> str:
    import pandas as pd

    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, pd.DataFrame):
        return value.to_string(max_rows=20, max_cols=6)
    if isinstance(value, pd.Series):
        return value.to_string(max_rows=20)
    return str(value)


# ---------------------------------------------------------------- lesson-specific parts
def _human_cost(lang: str) -> str:
    from helpers import data

    frame = data.load_human_cost()
    qual = words("qualifier", lang)
    rows = []
    for _, r in frame.iterrows():
        figure = f"{qual.get(r['qualifier'], '')} {int(r['value']):,}".strip()
        figure = figure.replace(",", ".") if lang == "id" else figure
        start, end = date_text(r["start"], lang), date_text(r["end"], lang)
        period = f"{start} – {end}" if start and end and start != end else (start or end)
        rows.append(
            [figure, r[f"definition_{lang}"], period, r[f"area_{lang}"], data.describe_sources(r["sources"], lang=lang)]
        )
    head = [words(k, lang) for k in ("h_figure", "h_what", "h_period", "h_area", "source_line")]
    return (
        f'<h2>{_e(words("human", lang))}</h2><div class="help">{_e(words("human_help", lang))}</div>'
        f'<div class="small">{table(head, rows)}</div><div class="box"></div>'
    )


def _loaded(lang: str) -> str:
    return (
        f"<h2>{_e(words('loaded', lang))}</h2><div><b>{_e(words('loaded_words', lang))}</b></div>"
        f'<div class="help">{_e(words("loaded_help", lang))}</div><div class="box"></div><div class="box"></div>'
    )


def _corroboration(lang: str) -> str:
    head = [""] + [f"{words('c_source', lang)} {n}" for n in (1, 2, 3)]
    rows = "".join(
        f'<tr><th>{_e(r)}</th><td class="tall"></td><td class="tall"></td><td class="tall"></td></tr>'
        for r in words("c_rows", lang)
    )
    return (
        f'<h2>{_e(words("corroboration", lang))}</h2><div class="help">{_e(words("corroboration_help", lang))}</div>'
        f"<table><tr>{''.join(f'<th>{_e(h)}</th>' for h in head)}</tr>{rows}</table>"
        f'<div>{_e(words("c_verdict", lang))}</div><div class="box"></div>'
    )


def _rubric(lang: str) -> str:
    """The project's rubric, read from the guide so that paper and guide never differ."""
    text = (ROOT / "lessons" / "07-project" / f"guide.{lang}.md").read_text(encoding="utf-8")
    rows = [
        line.strip().strip("|").split("|")
        for line in text.split("## Rubri", 1)[1].split("\n## ", 1)[0].splitlines()
        if line.startswith("|") and not line.startswith("| ---")
    ]
    return f"<h2>{_e(words('rubric', lang))}</h2>" + table(
        [c.strip() for c in rows[0]], [[c.strip() for c in r] for r in rows[1:]]
    )


def _five_w(lang: str) -> str:
    rows = [[words(k, lang), "", ""] for k in ("w_what", "w_who", "w_when", "w_where", "w_why", "w_how")]
    return f'<div class="help">{_e(words("five_w_help", lang))}</div>' + table(
        [words("w_question", lang), words("w_answer", lang), words("w_sentence", lang)], rows, fill=[1, 2]
    )


EXTRA: dict[str, list[Callable[[str], str]]] = {
    "01-reading-the-news": [lambda lang: f"<h2>{_e(words('five_w', lang))}</h2>" + _five_w(lang)],
    "05-timeline": [_human_cost, _loaded],
    "06-sources-and-claims": [_corroboration],
    "07-project": [_rubric],
}


# ---------------------------------------------------------------- worksheet and key
def worksheet(lesson: str, lang: str) -> str:
    """The student worksheet of ``lesson``: questions and tables to fill, no answer.

    Examples
    --------
    >>> sheet = worksheet("01-reading-the-news", "en")
    >>> "Name:" in sheet and "Answer:" not in sheet
    True
    """
    bank = _quiz(lesson, lang)
    body = [f"<div>{_e(words('name_line', lang))}</div>"]
    for extra in EXTRA.get(lesson, []):
        body.append(extra(lang))
    exercises = _exercises(lesson)
    if exercises:
        body.append(f"<h2>{_e(words('exercises', lang))}</h2>")
        for ex in exercises:
            body.append(f'<div><b>{_e(ex.id)}</b> — {_e(words("exercise_prompt", lang))}</div><div class="box"></div>')
    body.append(f'<h2>{_e(bank.title)}</h2><ol class="q">')
    body += [f"<li>{_question_html(lesson, q, lang)}</li>" for q in bank.questions.values()]
    body.append("</ol>")
    return page(
        f"{words('lesson', lang)} {lesson[:2]} · {words('worksheet', lang)}", "".join(body), lang, subtitle=lesson
    )


def key(lesson: str, lang: str) -> str:
    """The teacher's key of ``lesson``: every answer with its reason, every reference solution and its value.

    Examples
    --------
    >>> "79.7" in key("03-mapping-control", "en")
    True
    """
    from helpers.quiz_kinds import KINDS

    bank = _quiz(lesson, lang)
    body = [f'<h2>{_e(bank.title)}</h2><ol class="q">']
    for q in bank.questions.values():
        body.append(
            f"<li><b>{_e(q.text[lang])}</b><br>{_e(words('answer', lang))}: <b>{_e(KINDS[q.type].key(q, lang))}</b>"
            f"<br>{_e(words('why', lang))}: {_e(q.explanation[lang])}</li>"
        )
    body.append("</ol>")
    exercises = _exercises(lesson)
    if exercises:
        body.append(f"<h2>{_e(words('exercises', lang))}</h2>")
        for ex in exercises:
            body.append(
                f"<div><b>{_e(ex.id)}</b> · {_e(words('model', lang))}</div><pre>{_e(ex.solution)}</pre>"
                f"<div>{_e(words('expected', lang))}:</div><pre>{_e(_shown_value(ex.expected()))}</pre>"
            )
    if lesson == "02-who-is-who":
        body.append(_actors(lang, filled=True))
    return page(f"{words('lesson', lang)} {lesson[:2]} · {words('key', lang)}", "".join(body), lang, subtitle=lesson)


# ---------------------------------------------------------------- paper materials
def _article(article: str, lang: str) -> str:
    from helpers import articles, data

    table_ = articles.sentences(article)
    body = table_[table_["kind"] != "boilerplate"]
    # The voice column stays empty: students mark it (lesson 01), so the sheet does not give it away.
    rows = [
        [r["sentence"], r["text"], r["translation_en"] if isinstance(r["translation_en"], str) else r["gloss_id"], ""]
        for _, r in body.iterrows()
    ]
    meta = data.load_article_meta().set_index("article").loc[article]
    source = " · ".join(
        str(meta[c]) for c in ("outlet", f"title_{lang}", "published") if isinstance(meta[c], str) and meta[c]
    )
    head = [words("w_sentence", lang), words("original", lang), words("translation", lang), words("voice", lang)]
    return page(
        f"{words('article', lang)} {article}",
        f'<div class="help">{_e(words("article_help", lang))}</div><div class="small">{table(head, rows, fill=[3])}</div>'
        f'<div class="small">{_e(words("source_line", lang))}: {_e(source)}</div>',
        lang,
    )


def _actors(lang: str, *, filled: bool = False) -> str:
    from helpers import data

    frame = data.load_actors()
    rows = [[r[f"name_{lang}"], r[f"description_{lang}"], r["type"], r["side"]] for _, r in frame.iterrows()]
    head = [words(k, lang) for k in ("a_name", "a_description", "a_type", "a_side")]
    return (
        f"<h2>{_e(words('actors', lang))}</h2>"
        + ("" if filled else f'<div class="help">{_e(words("actors_help", lang))}</div>')
        + f'<div class="small">{table(head, rows, fill=() if filled else [2, 3])}</div>'
    )


def _frames(lang: str) -> str:
    body = []
    for part in ("frames_neutral", "frames_brief"):
        body.append(
            f"<h2>{_e(words(part, lang))}</h2><ol>"
            + "".join(f"<li>{_e(f)}</li>" for f in words(f"{part}_list", lang))
            + "</ol>"
        )
    return page(words("frames", lang), "".join(body), lang)


def _tickets(lang: str) -> str:
    one = (
        f'<div class="ticket"><b>{_e(words("exit", lang))}</b> · {_e(words("name_line", lang))}<ol>'
        + "".join(f'<li>{_e(p)}<div class="line"></div></li>' for p in words("exit_list", lang))
        + "</ol></div>"
    )
    return page(words("exit", lang), one * 3, lang)


def _map_png(day: str, lang: str) -> str:
    """One snapshot's printed control map with a scale bar, as an SVG data URL."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import maps

    fig = maps.control_map_static(day, lang=lang)
    ax = fig.axes[0]
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    lat = y0 + 0.08 * (y1 - y0)
    km_per_degree = 111.32 * math.cos(math.radians(lat))
    start = x1 - 0.05 * (x1 - x0) - 300 / km_per_degree
    ax.plot(
        [start, start + 300 / km_per_degree], [lat, lat], color="black", linewidth=3, solid_capstyle="butt", zorder=5
    )
    ax.text(
        start + 150 / km_per_degree,
        lat + 0.02 * (y1 - y0),
        f"300 {words('scale', lang)}",
        ha="center",
        fontsize=9,
        zorder=5,
    )
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text: searchable and sharp in print
        fig.savefig(buffer, format="svg")
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _maps(lang: str) -> str:
    from helpers import data

    snaps = data.load_snapshots()
    cells = []
    for _, r in snaps.iterrows():
        day = r["date"].date().isoformat()
        cells.append(
            f'<figure><img src="{_map_png(day, lang)}" alt="{_e(r[f"label_{lang}"])}"><figcaption><b>'
            f"{_e(date_text(day, lang))}</b>: {_e(r[f'label_{lang}'])}. {_e(words('source_line', lang))}: "
            f"{_e(data.describe_sources(r['sources'], lang=lang))}</figcaption></figure>"
        )
    pages = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    body = "".join(
        f'<div class="maps{" pagebreak" if n < len(pages) - 1 else ""}">{"".join(p)}</div>' for n, p in enumerate(pages)
    )
    return page(words("maps", lang), f'<div class="help">{_e(words("maps_help", lang))}</div>{body}', lang)


def _glossary(lang: str) -> str:
    from helpers import data

    frame = data.load_glossary()
    rows = [[r[f"term_{lang}"], r[f"definition_{lang}"]] for _, r in frame.iterrows()]
    return page(
        words("glossary", lang),
        f'<div class="small">{table([words("g_term", lang), words("g_definition", lang)], rows)}</div>',
        lang,
    )


def _timeline(lang: str) -> str:
    from helpers import data

    frame = data.load_events().sort_values("date")
    rows = [[date_text(r["date"], lang, precision=r["precision"]), r[f"title_{lang}"]] for _, r in frame.iterrows()]
    return page(
        words("timeline", lang),
        f'<div class="tiny">{table([words("t_date", lang), words("t_event", lang)], rows)}</div>',
        lang,
    )


def materials(lang: str) -> dict[str, Callable[[], str]]:
    """The paper materials of ``lang``, by file stem, each a function returning its HTML.

    Examples
    --------
    >>> sorted(materials("en"))[:3]
    ['5w1h', 'actors', 'article-a']
    """
    return {
        "5w1h": lambda: page(
            words("five_w", lang), f"<div>{_e(words('name_line', lang))}</div>" + _five_w(lang) * 2, lang
        ),
        "article-a": lambda: _article("A", lang),
        "article-b": lambda: _article("B", lang),
        "calendar-2020-01": lambda: page(
            f"{words('calendar', lang)}: {words('months', lang)[0]} 2020",
            f'<div class="help">{_e(words("calendar_help", lang))}</div>{month_grid(2020, 1, lang)}',
            lang,
        ),
        "actors": lambda: page(
            words("actors", lang), f"<div>{_e(words('name_line', lang))}</div>" + _actors(lang), lang
        ),
        "sentence-frames": lambda: _frames(lang),
        "exit-ticket": lambda: _tickets(lang),
        "maps": lambda: _maps(lang),
        "glossary": lambda: _glossary(lang),
        "timeline": lambda: _timeline(lang),
    }


# ---------------------------------------------------------------- printing
def find_chromium() -> str | None:
    """The path of a Chromium that can print to PDF, or None.

    Examples
    --------
    >>> find_chromium() is None or Path(find_chromium()).name.startswith("chrom")
    True
    """
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(browser: str, source: Path, target: Path) -> None:
    """Print the HTML file ``source`` to the PDF ``target`` with headless Chromium (A4, tagged, no header)."""
    with tempfile.TemporaryDirectory(prefix="handouts-chromium-") as profile:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={target}",
            source.resolve().as_uri(),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if out.returncode != 0 or not target.exists():
        raise RuntimeError(f"Chromium could not print {source.name}: {out.stderr.strip()[-400:]}")


def _print_all(browser: str, pairs: list[tuple[Path, Path]], jobs: int) -> None:
    """Print every (HTML, PDF) pair: through one Playwright-driven Chromium when Playwright is
    installed (fast: one browser for all pages), else one headless Chromium per page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(lambda pair: print_pdf(browser, *pair), pairs))
        return
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browser, args=["--no-sandbox", "--disable-gpu"], headless=True)
        try:
            tab = chromium.new_page()
            for source, target in pairs:
                tab.goto(source.resolve().as_uri(), wait_until="load")
                tab.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True, tagged=True)
        finally:
            chromium.close()


def build(out: Path, *, langs: Iterable[str] = LANGS, pdf: bool = True, jobs: int = 3) -> list[Path]:
    """Write every handout's HTML under ``out/<lang>/`` and, with ``pdf``, print each to PDF.

    Returns the files written (PDFs when printed, HTML otherwise).
    """
    html_files: list[Path] = []
    for lang in langs:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        pages: dict[str, Callable[[], str]] = {}
        for lesson in lessons():
            pages[f"{lesson}-worksheet"] = lambda lesson=lesson, lang=lang: worksheet(lesson, lang)
            pages[f"{lesson}-key"] = lambda lesson=lesson, lang=lang: key(lesson, lang)
        pages.update(materials(lang))
        for stem, make in pages.items():
            path = folder / f"{stem}.html"
            path.write_text(make(), encoding="utf-8")
            html_files.append(path)
    if not pdf:
        return html_files
    browser = find_chromium()
    if browser is None:
        raise RuntimeError(
            "Chromium was not found, so no PDF was printed (the HTML is in "
            f"{out}). On Debian or Ubuntu: apt-get install chromium; or run with --html-only."
        )
    targets = [p.with_suffix(".pdf") for p in html_files]
    _print_all(browser, list(zip(html_files, targets)), jobs)
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handouts")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--html-only", action="store_true")
    parser.add_argument("--jobs", type=int, default=3, help="PDFs printed at once (default 3)")
    args = parser.parse_args(argv)
    try:
        written = build(args.out, langs=args.lang, pdf=not args.html_only, jobs=args.jobs)
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"{len(written)} handouts in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
