"""Each lesson's student worksheet and teacher's key, from its question bank and exercises.

A question prints itself (:meth:`helpers.quiz_kinds.Kind.sheet` for the worksheet, ``key`` for the
key), so a new question type needs nothing here. Some lessons add their own parts (:data:`EXTRA`).

Examples
--------
>>> "Tick one box." in worksheet("00-start-here", "en")
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .layout import ROOT, date_text, esc, page, table, words
from .materials import actors, five_w

__all__ = ["EXTRA", "question_html", "worksheet", "key"]


def question_html(lesson: str, q: Any, lang: str) -> str:
    """A question as the worksheet prints it: its text, then its :class:`helpers.quiz_kinds.Sheet`."""
    from helpers.quiz_kinds import KINDS

    sheet = KINDS[q.type].sheet(q, lang, lambda key: words(key, lang), seed=f"handout:{lesson}:{q.id}")
    out = [f"<b>{esc(q.text[lang])}</b>"]
    if sheet.how:
        out.append(f'<div class="help">{esc(sheet.how)}</div>')
    if sheet.lines:
        out.append('<ul class="opts">' + "".join(f"<li>{esc(line)}</li>" for line in sheet.lines) + "</ul>")
    if sheet.prompt:
        out.append(f"<div>{esc(sheet.prompt)}</div>")
    if sheet.blank:
        out.append('<div class="line"></div>')
    if sheet.unit:
        out.append(f" {esc(sheet.unit)}")
    return "".join(out).replace("\u00a0", "&nbsp;")  # no-break spaces, as the sheets always wrote them


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
    """Every human-cost figure with who counted it; each account of who was blamed, by whom, and the
    denial is printed once, numbered, under the table (several figures share one event)."""
    from helpers import data

    frame = data.load_human_cost()
    qual = words("qualifier", lang)
    blames = list(dict.fromkeys(b for b in frame[f"attribution_{lang}"] if isinstance(b, str) and b.strip()))
    rows = []
    for _, r in frame.iterrows():
        figure = f"{qual.get(r['qualifier'], '')} {int(r['value']):,}".strip()
        figure = figure.replace(",", ".") if lang == "id" else figure
        start, end = date_text(r["start"], lang), date_text(r["end"], lang)
        period = f"{start} – {end}" if start and end and start != end else (start or end)
        blame = r[f"attribution_{lang}"]
        who = r[f"counter_{lang}"] + (
            f". {words('blame_ref', lang)} {blames.index(blame) + 1}" if blame in blames else ""
        )
        sources = data.describe_sources(r["sources"], lang=lang)
        # the area goes with the period: one column fewer keeps the table to the worksheet's pages
        rows.append([figure, r[f"definition_{lang}"], f"{period}; {r[f'area_{lang}']}", who, sources])
    head = [words(k, lang) for k in ("h_figure", "h_what", "h_period", "h_counter", "source_line")]
    notes = "".join(f"<li>{esc(b)}</li>" for b in blames)
    return (
        f'<h2>{esc(words("human", lang))}</h2><div class="help">{esc(words("human_help", lang))}</div>'
        f'<div class="tiny">{table(head, rows)}</div><div class="small"><b>{esc(words("h_blame", lang))}</b><ol>{notes}</ol></div>'
        '<div class="box"></div>'
    )


def _loaded(lang: str) -> str:
    return (
        f"<h2>{esc(words('loaded', lang))}</h2><div><b>{esc(words('loaded_words', lang))}</b></div>"
        f'<div class="help">{esc(words("loaded_help", lang))}</div><div class="box"></div><div class="box"></div>'
    )


def _corroboration(lang: str) -> str:
    head = [""] + [f"{words('c_source', lang)} {n}" for n in (1, 2, 3)]
    rows = "".join(
        f'<tr><th>{esc(r)}</th><td class="tall"></td><td class="tall"></td><td class="tall"></td></tr>'
        for r in words("c_rows", lang)
    )
    return (
        f'<h2>{esc(words("corroboration", lang))}</h2><div class="help">{esc(words("corroboration_help", lang))}</div>'
        f"<table><tr>{''.join(f'<th>{esc(h)}</th>' for h in head)}</tr>{rows}</table>"
        f'<div>{esc(words("c_verdict", lang))}</div><div class="box"></div>'
    )


def _rubric(lang: str) -> str:
    """The project's rubric, read from the guide so that paper and guide never differ."""
    text = (ROOT / "lessons" / "07-project" / f"guide.{lang}.md").read_text(encoding="utf-8")
    rows = [
        line.strip().strip("|").split("|")
        for line in text.split("## Rubri", 1)[1].split("\n## ", 1)[0].splitlines()
        if line.startswith("|") and not line.startswith("| ---")
    ]
    return f"<h2>{esc(words('rubric', lang))}</h2>" + table(
        [c.strip() for c in rows[0]], [[c.strip() for c in r] for r in rows[1:]]
    )


EXTRA: dict[str, list[Callable[[str], str]]] = {
    "01-reading-the-news": [lambda lang: f"<h2>{esc(words('five_w', lang))}</h2>" + five_w(lang)],
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
    body = [f"<div>{esc(words('name_line', lang))}</div>"]
    for extra in EXTRA.get(lesson, []):
        body.append(extra(lang))
    exercises = _exercises(lesson)
    if exercises:
        body.append(f"<h2>{esc(words('exercises', lang))}</h2>")
        for ex in exercises:
            body.append(
                f'<div><b>{esc(ex.id)}</b> — {esc(words("exercise_prompt", lang))}</div><div class="box"></div>'
            )
    body.append(f'<h2>{esc(bank.title)}</h2><ol class="q">')
    body += [f"<li>{question_html(lesson, q, lang)}</li>" for q in bank.questions.values()]
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
    body = [f'<h2>{esc(bank.title)}</h2><ol class="q">']
    for q in bank.questions.values():
        body.append(
            f"<li><b>{esc(q.text[lang])}</b><br>{esc(words('answer', lang))}: <b>{esc(KINDS[q.type].key(q, lang))}</b>"
            f"<br>{esc(words('why', lang))}: {esc(q.explanation[lang])}</li>"
        )
    body.append("</ol>")
    exercises = _exercises(lesson)
    if exercises:
        body.append(f"<h2>{esc(words('exercises', lang))}</h2>")
        for ex in exercises:
            body.append(
                f"<div><b>{esc(ex.id)}</b> · {esc(words('model', lang))}</div><pre>{esc(ex.solution)}</pre>"
                f"<div>{esc(words('expected', lang))}:</div><pre>{esc(_shown_value(ex.expected()))}</pre>"
            )
    if lesson == "02-who-is-who":
        body.append(actors(lang, filled=True))
    return page(f"{words('lesson', lang)} {lesson[:2]} · {words('key', lang)}", "".join(body), lang, subtitle=lesson)
