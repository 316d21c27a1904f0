"""Question banks: read ``lessons/NN-slug/quiz.yml``, validate it, and resolve every answer.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.quiz_bank``.

Examples
--------
>>> meta, questions = load_bank("00-start-here")
>>> questions[0].id, questions[0].type, questions[0].answer
('q1', 'single', 'b')
>>> _, keyless = load_bank("00-start-here", keys=False)
>>> keyless[0].answer, keyless[0].explanation["en"], sorted(keyless[0].options[0])
(None, '', ['en', 'id', 'key'])
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .i18n import LANGUAGES, t
from .paths import lessons_dir
from .quiz_kinds import KINDS
from .quiz_question import Question
from .schema import field_name, first_problem, load_schema
from .sealed import SealError, read_text
from .text import shorten

__all__ = ["QuizError", "Question", "QUERIES", "bank_path", "load_bank", "resolve"]


class QuizError(ValueError):
    """A question bank is malformed; the message names the file, question and field."""


# ---------------------------------------------------------------- data-computed answers
def _q_control(place: str, date: str) -> str:
    from .data import control_on, find_place

    frame = control_on(date).set_index("place")
    return str(frame.loc[find_place(place), "controller"])


def _q_distance(a: str, b: str) -> float:
    from .data import distance_km

    return round(distance_km(a, b), 1)


def _q_event_order(events: list[str]) -> list[str]:
    from .data import load_events

    dates = load_events().set_index("event")["date"]
    return sorted(events, key=lambda key: (dates[key], key))


def _q_backing_side(backers: list[str] | str) -> dict[str, str] | str:
    """The side each backer backs (a matching answer); one backer's side alone for a single key."""
    from .data import load_backing

    if isinstance(backers, str):
        return _q_backing_side([backers])[backers]
    backing = load_backing()
    out = {}
    for backer in backers:
        sides = sorted(set(backing.loc[backing["backer"] == backer, "side"].astype(str)))
        if len(sides) != 1:
            raise QuizError(t("quiz.bank.backer_sides", backer=repr(backer), sides=", ".join(sides) or "-"))
        out[backer] = sides[0]
    return out


def _q_event_date(event: str) -> str:
    from .data import load_events

    return load_events().set_index("event").loc[event, "date"].date().isoformat()


def _q_claim_verdict(claim: str) -> str:
    from .data import load_claims

    return str(load_claims().set_index("claim").loc[claim, "verdict"])


#: Named queries a bank may use in ``answer_from``: name -> (function, argument names).
#: ``control`` (place, date) -> controller on the nearest snapshot; ``distance_km`` (a, b) -> km,
#: 1 decimal; ``event_order`` (events) -> event keys by date; ``backing_side`` (backers, or one
#: ``backer``) -> {backer: side} or the side; ``event_date`` (event) -> ISO date;
#: ``claim_verdict`` (claim) -> verdict in data/claims.csv.
QUERIES: dict[str, tuple[Callable[..., Any], tuple[str, ...]]] = {
    "control": (_q_control, ("place", "date")),
    "distance_km": (_q_distance, ("a", "b")),
    "event_order": (_q_event_order, ("events",)),
    "backing_side": (_q_backing_side, ("backers",)),
    "event_date": (_q_event_date, ("event",)),
    "claim_verdict": (_q_claim_verdict, ("claim",)),
}


# ---------------------------------------------------------------- loading
def bank_path(lesson: str) -> Path:
    """Return the path of a lesson's bank, ``lessons/<lesson>/quiz.yml``.

    Examples
    --------
    >>> bank_path("05-timeline").relative_to(lessons_dir()).as_posix()
    '05-timeline/quiz.yml'
    """
    return lessons_dir() / lesson / "quiz.yml"


def resolve(where: str, raw: dict[str, Any]) -> Any:
    """The answer of a (schema-valid) question: ``answer`` as written, or computed by ``answer_from``.

    ``where`` names the question in error messages.

    Examples
    --------
    >>> resolve("q", {"answer_from": {"query": "backing_side", "backer": "turkey"}})
    'GNA'
    >>> resolve("q", {"answer": "z"})
    'z'
    """
    spec = raw.get("answer_from")
    if spec is None:
        return raw["answer"]
    func, args = QUERIES[spec["query"]]
    if spec["query"] == "backing_side" and "backers" not in spec and "backer" in spec:
        spec = dict(spec, backers=str(spec["backer"]))  # one backer: the answer is its side
    missing = [a for a in args if a not in spec]
    if missing:
        raise QuizError(f"{where}: " + t("schema.required", field=f"answer_from.{missing[0]}"))
    try:
        return func(*(spec[a] for a in args))
    except QuizError as exc:
        raise QuizError(f"{where}: answer_from: {exc}") from None
    except Exception as exc:
        raise QuizError(f"{where}: " + t("quiz.bank.query_failed", error=f"{type(exc).__name__}: {exc}")) from None


def _check_sources(where: str, sources: list[str]) -> None:
    """Every source must be an article sentence id or a data row reference such as places:gharyan."""
    from .articles import UnknownSentenceError, sentence
    from .data import DataError, find_row

    for source in sources:
        try:
            sentence(source) if ":" not in source else find_row(source)
        except (UnknownSentenceError, DataError):
            raise QuizError(f"{where}: " + t("quiz.bank.unknown_source", value=repr(source))) from None


def _check_unique_keys(where: str, raw: dict[str, Any]) -> None:
    for name in ("options", "items", "right"):
        keys = [str(entry["key"]) for entry in raw.get(name, [])]
        if len(set(keys)) != len(keys):
            raise QuizError(f"{where}: " + t("quiz.bank.repeated_keys", field=name))


def _where(rel: str, raw: dict[str, Any], path: tuple) -> tuple[str, int]:
    """Name the part of a bank a problem is in (``... question q3``), and how many path parts that took."""
    if len(path) >= 2 and path[0] == "questions":
        question = raw["questions"][path[1]]
        qid = question.get("id") if isinstance(question, dict) else None
        if not isinstance(qid, str) or not qid or path[2:3] == ("id",):
            qid = str(path[1] + 1)
        return f"{rel} " + t("quiz.bank.question", id=qid), 2
    return rel, 0


def _unit(raw: Any) -> str | dict[str, str]:
    return {"en": str(raw["en"]), "id": str(raw["id"])} if isinstance(raw, dict) else str(raw)


def _question(where: str, raw: dict[str, Any], keys: bool = True) -> Question:
    _check_sources(where, raw["sources"])
    _check_unique_keys(where, raw)
    entries = {name: [dict(e, key=str(e["key"])) for e in raw.get(name, [])] for name in ("options", "items", "right")}
    if not keys:  # an exam: nothing that tells or scores the answer (no query runs either)
        entries = {
            name: [{k: v for k, v in e.items() if k != "feedback"} for e in got] for name, got in entries.items()
        }
        raw = {**raw, "sources": [], "explanation": dict.fromkeys(LANGUAGES, ""), "accept": [], "nudge": None}
    q = Question(
        id=raw["id"],
        type=raw["type"],
        text=_bilingual(raw["text"]),
        objective=_bilingual(raw["objective"]),
        sources=list(raw["sources"]),
        explanation=_bilingual(raw["explanation"]),
        **entries,
        accept=list(raw.get("accept", [])),
        accept_place=bool(raw.get("accept_place", False)),
        tolerance=float(raw.get("tolerance", 0)),
        unit=_unit(raw.get("unit", "")),
        nudge=_bilingual(raw["nudge"]) if raw.get("nudge") else None,
    )
    try:
        q.answer = KINDS[q.type].answer(q, resolve(where, raw)) if keys else None
    except (TypeError, ValueError) as exc:
        if isinstance(exc, QuizError):
            raise
        raise QuizError(f"{where}: {exc}") from None
    return q


def _bilingual(value: dict[str, str]) -> dict[str, str]:
    return {lang: value[lang] for lang in LANGUAGES}


@functools.cache
def load_bank(lesson: str, *, keys: bool = True) -> tuple[dict[str, Any], tuple[Question, ...]]:
    """Read, validate and resolve a lesson's bank; return ``(meta, questions)`` (``keys=False``: an exam's, keyless).

    Raises
    ------
    QuizError
        When the bank is missing or malformed (the message names file, question and field).
    """
    path = bank_path(lesson)
    rel = f"lessons/{lesson}/quiz.yml"
    if not os.path.isfile(path):  # False, not an error, for a name too long for the file system
        raise QuizError(t("quiz.bank.missing", file=rel, lesson=shorten(lesson, limit=60)))
    try:
        raw = yaml.safe_load(read_text(path, file=rel))  # a student edition's bank is sealed whole
    except SealError as exc:
        raise QuizError(str(exc)) from None
    except yaml.YAMLError as exc:
        raise QuizError(t("quiz.bank.yaml", file=rel, error=str(exc))) from None
    problem = first_problem(raw, load_schema(lessons_dir() / "quiz.schema.json"))
    if problem is not None:
        where, skip = _where(rel, raw, problem.path) if isinstance(raw, dict) else (rel, 0)
        raise QuizError(f"{where}: {problem.message(skip=skip)}")
    questions = []
    for raw_question in raw["questions"]:
        where = f"{rel} " + t("quiz.bank.question", id=raw_question["id"])
        if any(q.id == raw_question["id"] for q in questions):
            raise QuizError(f"{where}: " + t("quiz.bank.repeated_id", field=field_name(("id",))))
        questions.append(_question(where, raw_question, keys=bool(keys)))
    meta = {"title": _bilingual(raw["title"]), "draw": raw.get("draw"), "lesson": lesson}
    return meta, tuple(questions)
