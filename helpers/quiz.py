"""Bilingual quizzes: question banks, checking in the kernel, widgets, and a text fallback.

Each lesson has one bank, ``lessons/NN-slug/quiz.yml``, validated on load against the schema in
``lessons/quiz.schema.json`` (documented there). A malformed bank fails with one message naming
the file, the question and the field.

Question types: ``single``, ``multiple`` (partial credit), ``truefalse``, ``numeric`` (tolerance
and unit), ``text`` (accepted variants; case, accents and spacing ignored; place names in any
known spelling with ``accept_place: true``), ``ordering`` and ``matching``.

Where an answer is a fact in ``data/``, the bank states a query (``answer_from``) and the answer
is computed from the data, so quizzes and maps never disagree.

Answers are checked here, in the kernel. Widgets only ever receive the question, the options in
shown order, and, after the student has answered, the feedback: no correct answer is in the
widget state, HTML or JavaScript before an attempt.

Examples
--------
>>> quiz = load("00-start-here")
>>> print(quiz.answer("q1", "b").text())  # doctest: +ELLIPSIS
✔ Correct...
"""

from __future__ import annotations

import functools
import html
import json
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .i18n import LANGUAGES, get_language, t
from .paths import lessons_dir

__all__ = ["QuizError", "Question", "Result", "Quiz", "load", "show", "bank_path", "QUERIES", "TYPES"]

TYPES = ("single", "multiple", "truefalse", "numeric", "text", "ordering", "matching")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_TRUE = {"true", "t", "benar", "b", "ya", "yes", "y", "1"}
_FALSE = {"false", "f", "salah", "s", "tidak", "no", "n", "0"}


class QuizError(ValueError):
    """A question bank is malformed; the message names the file, question and field."""


def _fold(value: Any) -> str:
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s\-_'’.]+", "", text)


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
            raise QuizError(f"backer {backer!r} backs {sides or 'no side'} in data/backing.csv; pick one with a single side")
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
QUERIES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "control": (_q_control, ("place", "date")),
    "distance_km": (_q_distance, ("a", "b")),
    "event_order": (_q_event_order, ("events",)),
    "backing_side": (_q_backing_side, ("backers",)),
    "event_date": (_q_event_date, ("event",)),
    "claim_verdict": (_q_claim_verdict, ("claim",)),
}


# ---------------------------------------------------------------- the bank
@dataclass
class Question:
    """One question of a bank, with its answer resolved (kept in the kernel only)."""

    id: str
    type: str
    text: dict[str, str]
    objective: dict[str, str]
    sources: list[str]
    explanation: dict[str, str]
    options: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    right: list[dict[str, Any]] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    accept_place: bool = False
    tolerance: float = 0.0
    unit: str = ""
    answer: Any = None

    def label(self, entry: dict[str, Any], lang: str) -> str:
        return str(entry.get(lang) or entry.get("en") or entry["key"])


def bank_path(lesson: str):
    """Return the path of a lesson's bank, ``lessons/<lesson>/quiz.yml``."""
    return lessons_dir() / lesson / "quiz.yml"


def _require(where: str, mapping: dict, key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in mapping:
        raise QuizError(f"{where}: field '{key}' is missing")
    if not isinstance(mapping[key], kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise QuizError(f"{where}: field '{key}' must be {names}")
    return mapping[key]


def _bilingual(where: str, mapping: dict, key: str) -> dict[str, str]:
    value = _require(where, mapping, key, dict)
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            raise QuizError(f"{where}: field '{key}.{lang}' is missing")
    return {lang: value[lang] for lang in LANGUAGES}


def _entries(where: str, raw: dict, key: str) -> list[dict[str, Any]]:
    entries = _require(where, raw, key, list)
    keys = []
    for n, entry in enumerate(entries, start=1):
        here = f"{where}: {key}[{n}]"
        if not isinstance(entry, dict) or "key" not in entry:
            raise QuizError(f"{here}: field 'key' is missing")
        if "en" not in entry and "id" not in entry and not entry.get("from_data"):
            raise QuizError(f"{here}: needs text in 'en' and 'id'")
        for lang in LANGUAGES:
            if lang not in entry and not entry.get("from_data"):
                raise QuizError(f"{here}: field '{lang}' is missing")
        if "feedback" in entry:
            _bilingual(here, entry, "feedback")
        keys.append(str(entry["key"]))
    if len(set(keys)) != len(keys):
        raise QuizError(f"{where}: field '{key}' has repeated keys")
    return [dict(entry, key=str(entry["key"])) for entry in entries]


def _resolve(where: str, raw: dict) -> Any:
    spec = raw.get("answer_from")
    if spec is None:
        if "answer" not in raw:
            raise QuizError(f"{where}: field 'answer' is missing (or give 'answer_from')")
        return raw["answer"]
    if not isinstance(spec, dict) or spec.get("query") not in QUERIES:
        raise QuizError(f"{where}: field 'answer_from.query' must be one of {', '.join(QUERIES)}")
    func, args = QUERIES[spec["query"]]
    if spec["query"] == "backing_side" and "backers" not in spec and "backer" in spec:
        spec = dict(spec, backers=str(spec["backer"]))  # one backer: the answer is its side
    missing = [a for a in args if a not in spec]
    if missing:
        raise QuizError(f"{where}: field 'answer_from.{missing[0]}' is missing")
    try:
        return func(*(spec[a] for a in args))
    except QuizError as exc:
        raise QuizError(f"{where}: answer_from: {exc}") from None
    except Exception as exc:
        raise QuizError(f"{where}: answer_from could not be computed from data/ ({type(exc).__name__}: {exc})") from None


def _check_sources(where: str, sources: list[str]) -> None:
    """Every source must be an article sentence id or a data row reference such as places:gharyan."""
    from .articles import UnknownSentenceError, sentence
    from .data import DataError, find_row

    for source in sources:
        try:
            sentence(source) if ":" not in source else find_row(source)
        except (UnknownSentenceError, DataError):
            raise QuizError(f"{where}: field 'sources' names {source!r}, which is neither an article sentence "
                            "id (like A.p03.s01) nor a data row (like places:gharyan)") from None


def _question(where_file: str, raw: Any, n: int) -> Question:
    if not isinstance(raw, dict):
        raise QuizError(f"{where_file} question {n}: must be a mapping")
    qid = raw.get("id")
    if not isinstance(qid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", qid):
        raise QuizError(f"{where_file} question {n}: field 'id' is missing or not a simple name like q1")
    where = f"{where_file} question {qid}"
    qtype = _require(where, raw, "type", str)
    if qtype not in TYPES:
        raise QuizError(f"{where}: field 'type' must be one of {', '.join(TYPES)}")
    q = Question(id=qid, type=qtype, text=_bilingual(where, raw, "text"),
                 objective=_bilingual(where, raw, "objective"),
                 sources=[str(s) for s in _require(where, raw, "sources", list)],
                 explanation=_bilingual(where, raw, "explanation"))
    if not q.sources:
        raise QuizError(f"{where}: field 'sources' is empty")
    _check_sources(where, q.sources)
    answer = _resolve(where, raw)
    if qtype in ("single", "multiple"):
        q.options = _entries(where, raw, "options")
        keys = [o["key"] for o in q.options]
        wanted = answer if qtype == "multiple" else [answer]
        if not isinstance(wanted, list) or not wanted or any(str(a) not in keys for a in wanted):
            raise QuizError(f"{where}: field 'answer' must name option key(s) among {', '.join(keys)}")
        q.answer = [str(a) for a in wanted] if qtype == "multiple" else str(answer)
    elif qtype == "truefalse":
        if not isinstance(answer, bool):
            raise QuizError(f"{where}: field 'answer' must be true or false")
        q.answer = answer
    elif qtype == "numeric":
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            raise QuizError(f"{where}: field 'answer' must be a number")
        q.answer = float(answer)
        q.tolerance = float(raw.get("tolerance", 0))
        q.unit = str(raw.get("unit", ""))
    elif qtype == "text":
        if not isinstance(answer, str) or not answer.strip():
            raise QuizError(f"{where}: field 'answer' must be text")
        q.answer = answer
        q.accept = [str(a) for a in raw.get("accept", [])]
        q.accept_place = bool(raw.get("accept_place", False))
    elif qtype == "ordering":
        q.items = _entries(where, raw, "items")
        keys = sorted(i["key"] for i in q.items)
        if not isinstance(answer, list) or sorted(map(str, answer)) != keys:
            raise QuizError(f"{where}: field 'answer' must list every item key once, in order")
        q.answer = [str(a) for a in answer]
    elif qtype == "matching":
        q.items = _entries(where, raw, "items")
        q.right = _entries(where, raw, "right")
        rights = {r["key"] for r in q.right}
        if not isinstance(answer, dict) or set(map(str, answer)) != {i["key"] for i in q.items} \
                or any(str(v) not in rights for v in answer.values()):
            raise QuizError(f"{where}: field 'answer' must map every item key to a key of 'right'")
        q.answer = {str(k): str(v) for k, v in answer.items()}
    return q


@functools.lru_cache(maxsize=None)
def _load_bank(lesson: str) -> tuple[dict[str, Any], tuple[Question, ...]]:
    path = bank_path(lesson)
    rel = f"lessons/{lesson}/quiz.yml"
    if not path.exists():
        raise QuizError(f"{rel} does not exist (no quiz for lesson {lesson!r})")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise QuizError(f"{rel}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise QuizError(f"{rel}: expected a mapping with 'title' and 'questions'")
    title = _bilingual(rel, raw, "title")
    questions = _require(rel, raw, "questions", list)
    parsed = tuple(_question(rel, q, n) for n, q in enumerate(questions, start=1))
    ids = [q.id for q in parsed]
    if len(set(ids)) != len(ids):
        raise QuizError(f"{rel}: question ids repeat")
    meta = {"title": title, "draw": raw.get("draw"), "lesson": lesson}
    return meta, parsed


# ---------------------------------------------------------------- checking
@dataclass
class Result:
    """The outcome of one answer: correct or not, a score from 0 to 1, and feedback."""

    question: str
    correct: bool
    score: float
    message: str
    explanation: str = ""
    quotes: list[str] = field(default_factory=list)
    understood: bool = True
    revealed: bool = True

    def text(self) -> str:
        if not self.revealed:
            return t("quiz.recorded")
        mark = "✔" if self.correct else ("◐" if self.score > 0 else "✘")
        lines = [f"{mark} {self.message}"]
        if self.explanation:
            lines.append(self.explanation)
        lines += [f"  {q}" for q in self.quotes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        return _feedback_html(self)


def _feedback_html(result: Result) -> str:
    if not result.revealed:
        return f'<div role="status"><b>{html.escape(t("quiz.recorded"))}</b></div>'
    mark = "✔" if result.correct else ("◐" if result.score > 0 else "✘")
    border = "#0072B2" if result.correct else "#D55E00"
    quotes = "".join(f"<blockquote>{html.escape(q).replace(chr(10), '<br>')}</blockquote>" for q in result.quotes)
    explanation = f"<p>{html.escape(result.explanation)}</p>" if result.explanation else ""
    return (f'<div role="status" style="border-left:4px solid {border};padding-left:8px">'
            f"<p><b>{mark} {html.escape(result.message)}</b></p>{explanation}{quotes}</div>")


def _parse(q: Question, answer: Any, order: list[str]) -> Any:
    """Turn what a student typed or picked into the question's answer form; None if impossible."""
    if answer is None or answer is Ellipsis:
        return None
    if q.type == "single":
        key = answer.strip().lower() if isinstance(answer, str) else None
        if key and len(key) == 1 and key in _LETTERS[: len(order)]:
            return order[_LETTERS.index(key)]  # letters are the positions shown to the student
        return key if key in order else None
    if q.type == "multiple":
        values = re.split(r"[,\s]+", answer.strip()) if isinstance(answer, str) else answer
        if not isinstance(values, (list, tuple, set)):
            return None
        keys = set()
        for value in values:
            key = _parse(Question(q.id, "single", {}, {}, [], {}), value, order) if value != "" else None
            if key is None:
                return None
            keys.add(key)
        return keys
    if q.type == "truefalse":
        if isinstance(answer, bool):
            return answer
        folded = _fold(answer) if isinstance(answer, str) else None
        return True if folded in _TRUE else False if folded in _FALSE else None
    if q.type == "numeric":
        if isinstance(answer, bool):
            return None
        if isinstance(answer, (int, float)):
            return float(answer) if math.isfinite(answer) else None
        if isinstance(answer, str):
            match = re.search(r"-?\d+(?:[.,]\d+)?", answer)
            return float(match.group().replace(",", ".")) if match else None
        return None
    if q.type == "text":
        return answer.strip() if isinstance(answer, str) and answer.strip() else None
    if q.type == "ordering":
        values = re.split(r"[,\s]+", answer.strip()) if isinstance(answer, str) else answer
        if not isinstance(values, (list, tuple)):
            return None
        keys = [_parse(Question(q.id, "single", {}, {}, [], {}), v, order) for v in values]
        return keys if None not in keys and sorted(keys) == sorted(order) else None
    if q.type == "matching":
        if isinstance(answer, str):
            pairs = [p.split("=", 1) for p in re.split(r"[,;]\s*", answer.strip()) if "=" in p]
            answer = {k.strip(): v.strip() for k, v in pairs}
        if not isinstance(answer, dict):
            return None
        lefts = {i["key"] for i in q.items}
        rights = {_fold(r["key"]): r["key"] for r in q.right}
        out = {}
        for k, v in answer.items():
            key = _parse(Question(q.id, "single", {}, {}, [], {}), k, order)
            if key not in lefts or not isinstance(v, str) or _fold(v) not in rights:
                return None
            out[key] = rights[_fold(v)]
        return out
    return None


def _score(q: Question, value: Any) -> float:
    if q.type in ("single", "truefalse"):
        return float(value == q.answer)
    if q.type == "multiple":
        right = set(q.answer)
        return max(0.0, (len(value & right) - len(value - right)) / len(right))
    if q.type == "numeric":
        return float(abs(value - q.answer) <= q.tolerance + 1e-9)
    if q.type == "text":
        accepted = {_fold(a) for a in [q.answer, *q.accept]}
        if _fold(value) in accepted:
            return 1.0
        if q.accept_place:
            from .data import DataError, find_place

            try:
                return float(find_place(value) == find_place(q.answer))
            except DataError:
                return 0.0
        return 0.0
    if q.type == "ordering":
        position = {k: i for i, k in enumerate(value)}
        pairs = [(a, b) for i, a in enumerate(q.answer) for b in q.answer[i + 1:]]
        return sum(position[a] < position[b] for a, b in pairs) / len(pairs) if pairs else 1.0
    if q.type == "matching":
        return sum(value.get(k) == v for k, v in q.answer.items()) / len(q.answer)
    return 0.0


def _quotes(q: Question, lang: str) -> list[str]:
    from .articles import UnknownSentenceError, quote

    out = []
    for source in q.sources:
        try:
            out.append(quote(source, lang=lang))
        except UnknownSentenceError:
            from .data import describe_sources, find_row

            row = find_row(source)
            out.append(t("quiz.data_source", lang=lang, file=row["_file"], key=source.partition(":")[2],
                         source=describe_sources(row["sources"], lang=lang)))
    return out


# ---------------------------------------------------------------- the quiz
class Quiz:
    """A lesson's quiz: questions in a fixed (seeded) order, checked in the kernel.

    Build one with :func:`show` (widgets) or :func:`load` (text only). ``quiz.answer("q3", "b")``
    checks an answer in any environment; ``quiz.reveal()`` shows the feedback of an exam.
    """

    def __init__(self, lesson: str, *, mode: str = "practice", seed: int | None = None, lang: str | None = None):
        if mode not in ("practice", "exam"):
            raise ValueError(t("quiz.bad_mode", value=repr(mode)))
        self.lesson, self.mode, self.seed = lesson, mode, seed
        self.lang = lang or get_language()
        meta, questions = _load_bank(lesson)
        self.title = meta["title"][self.lang]
        chosen = list(questions)
        if meta.get("draw") and seed is not None and int(meta["draw"]) < len(chosen):
            chosen = sorted(random.Random(f"{lesson}:{seed}").sample(chosen, int(meta["draw"])),
                            key=lambda q: questions.index(q))
        self.questions = {q.id: q for q in chosen}
        self._order = {q.id: self._shown_order(q) for q in chosen}
        self._answers: dict[str, Result] = {}
        self._widgets: dict[str, Any] = {}
        self._box = None

    def _shown_order(self, q: Question) -> list[str]:
        keys = [e["key"] for e in (q.options or q.items)]
        if self.seed is not None and q.type in ("single", "multiple", "ordering", "matching"):
            random.Random(f"{self.lesson}:{q.id}:{self.seed}").shuffle(keys)
        return keys

    def _entry(self, q: Question, key: str) -> dict[str, Any]:
        return next(e for e in (q.options or q.items) if e["key"] == key)

    # ------------------------------------------------ text form
    def text(self) -> str:
        """The quiz as readable text with lettered options and no answers."""
        lines = [f"{self.title}", t("quiz.text_help", lang=self.lang, lesson=self.lesson), ""]
        for n, q in enumerate(self.questions.values(), start=1):
            lines.append(f"{n}. [{q.id}] {q.text[self.lang]}")
            order = self._order[q.id]
            if q.type in ("single", "multiple", "ordering", "matching"):
                for letter, key in zip(_LETTERS, order):
                    lines.append(f"   {letter}) {q.label(self._entry(q, key), self.lang)}")
            if q.type == "matching":
                lines.append("   " + t("quiz.choices", lang=self.lang) + ": "
                             + ", ".join(f"{r['key']} = {q.label(r, self.lang)}" for r in q.right))
            lines.append("   " + t(f"quiz.how.{q.type}", lang=self.lang, unit=q.unit))
            lines.append("")
        return "\n".join(lines).rstrip()

    def __repr__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return "```text\n" + self.text() + "\n```"

    # ------------------------------------------------ checking
    def _result(self, q: Question, value: Any, raw: Any) -> Result:
        if value is None:
            message = t("quiz.not_answered" if raw is None or raw is Ellipsis or raw == "" else f"quiz.bad.{q.type}",
                        lang=self.lang, unit=q.unit)
            return Result(q.id, False, 0.0, message, understood=False)
        score = _score(q, value)
        correct = score >= 1.0
        if correct:
            message = t("quiz.correct", lang=self.lang)
        elif score > 0:
            message = t("quiz.partly", lang=self.lang, percent=round(score * 100))
        else:
            message = t("quiz.incorrect", lang=self.lang)
        if not correct and q.type == "single":
            feedback = self._entry(q, value).get("feedback")
            if feedback:
                message += " " + feedback[self.lang]
        return Result(q.id, correct, score, message, q.explanation[self.lang], _quotes(q, self.lang))

    def answer(self, question: str, value: Any) -> Result:
        """Check an answer to one question (letters for choices, e.g. ``"b"`` or ``"a,c"``).

        In exam mode the answer is recorded and its feedback waits for :meth:`reveal`.
        """
        q = self.questions.get(question) if isinstance(question, str) else None
        if q is None:
            ids = ", ".join(self.questions)
            return Result(str(question), False, 0.0, t("quiz.unknown_question", lang=self.lang, value=repr(question), ids=ids),
                          understood=False)
        try:
            return self._submit(q, _parse(q, value, self._order[q.id]), raw=value)
        except Exception:  # whatever was typed, the student gets a message, not a traceback
            return Result(q.id, False, 0.0, t(f"quiz.bad.{q.type}", lang=self.lang, unit=q.unit), understood=False)

    def _submit(self, q: Question, value: Any, *, raw: Any) -> Result:
        """Check an already-parsed value (option keys, not letters), record it, apply the mode."""
        result = self._result(q, value, raw)
        if result.understood:
            from .progress import record

            record(kind="quiz", item=f"{self.lesson}/{q.id}", lesson=self.lesson, answer=raw,
                   correct=result.correct, score=result.score)
            self._answers[q.id] = result
        if self.mode == "exam" and result.understood:
            result = Result(result.question, result.correct, result.score, result.message, result.explanation,
                            result.quotes, True, revealed=False)
        return result

    def reveal(self) -> dict[str, Result]:
        """Show the feedback of every answered question (for the teacher, in exam mode)."""
        for qid, result in self._answers.items():
            if qid in self._widgets:
                self._widgets[qid]["feedback"].value = _feedback_html(result)
        return dict(self._answers)

    def score(self) -> float:
        """Total score so far (sum of the last answer's score per question)."""
        return round(sum(r.score for r in self._answers.values()), 2)

    # ------------------------------------------------ widgets
    def widget(self):
        """Build (once) and return the ipywidgets box of the quiz."""
        if self._box is None:
            import ipywidgets as w

            children = [w.HTML(f"<h3>{html.escape(self.title)}</h3><p>{html.escape(t('quiz.intro', lang=self.lang))}</p>")]
            for n, q in enumerate(self.questions.values(), start=1):
                children.append(self._question_widget(n, q))
            self._box = w.VBox(children, layout=w.Layout(width="100%"))
        return self._box

    def _question_widget(self, n: int, q: Question):
        import ipywidgets as w

        order = self._order[q.id]
        labels = [q.label(self._entry(q, k), self.lang) for k in order] if (q.options or q.items) else []
        prompt = w.HTML(f"<p><b>{n}.</b> {html.escape(q.text[self.lang])}</p>")
        desc = t("quiz.answer_label", lang=self.lang, n=n)
        style = {"description_width": "initial"}
        if q.type == "single":
            inp = w.RadioButtons(options=[(lab, i) for i, lab in enumerate(labels)], value=None,
                                 description=desc, style=style, layout=w.Layout(width="auto"))
            get = lambda: None if inp.value is None else order[inp.value]  # noqa: E731
        elif q.type == "multiple":
            boxes = [w.Checkbox(value=False, description=lab, indent=False) for lab in labels]
            inp = w.VBox(boxes)
            get = lambda: {order[i] for i, b in enumerate(boxes) if b.value}  # noqa: E731
        elif q.type == "truefalse":
            inp = w.ToggleButtons(options=[(t("quiz.true", lang=self.lang), 1), (t("quiz.false", lang=self.lang), 0)],
                                  value=None, description=desc, style=style)
            get = lambda: None if inp.value is None else bool(inp.value)  # noqa: E731
        elif q.type == "numeric":
            inp = w.FloatText(value=0.0, description=f"{desc} ({q.unit})" if q.unit else desc, style=style)
            get = lambda: inp.value  # noqa: E731
        elif q.type == "text":
            inp = w.Text(value="", description=desc, style=style, placeholder=t("quiz.type_here", lang=self.lang))
            get = lambda: inp.value  # noqa: E731
        elif q.type == "ordering":
            drops = [w.Dropdown(options=[("—", None)] + [(lab, i) for i, lab in enumerate(labels)], value=None,
                                description=t("quiz.position", lang=self.lang, n=p + 1), style=style)
                     for p in range(len(order))]
            inp = w.VBox(drops)
            get = lambda: [None if d.value is None else order[d.value] for d in drops]  # noqa: E731
        else:  # matching
            rights = [("—", None)] + [(q.label(r, self.lang), r["key"]) for r in q.right]
            drops = [w.Dropdown(options=rights, value=None, description=lab, style=style) for lab in labels]
            inp = w.VBox(drops)
            get = lambda: {order[i]: d.value for i, d in enumerate(drops)}  # noqa: E731
        check = w.Button(description=t("quiz.check", lang=self.lang), button_style="",
                         tooltip=t("quiz.check_tip", lang=self.lang, n=n), icon="check")
        again = w.Button(description=t("quiz.try_again", lang=self.lang), tooltip=t("quiz.try_again", lang=self.lang),
                         icon="refresh", disabled=True)
        feedback = w.HTML("")

        def on_check(_button):
            try:
                result = checked()
            except Exception:  # never a traceback under a quiz: say the answer was not understood
                result = Result(q.id, False, 0.0, t(f"quiz.bad.{q.type}", lang=self.lang, unit=q.unit), understood=False)
            feedback.value = _feedback_html(result)
            again.disabled = not result.understood

        def checked() -> Result:
            value = get()
            if value is None or (isinstance(value, (set, list)) and (not value or None in value)) \
                    or (isinstance(value, dict) and None in value.values()):
                return Result(q.id, False, 0.0, t("quiz.not_answered", lang=self.lang), understood=False)
            if q.type == "ordering" and len(set(value)) != len(value):
                return Result(q.id, False, 0.0, t("quiz.ordering_repeat", lang=self.lang), understood=False)
            return self._submit(q, value, raw=value)

        def on_again(_button):
            feedback.value = ""
            again.disabled = True

        check.on_click(on_check)
        again.on_click(on_again)
        self._widgets[q.id] = {"input": inp, "check": check, "again": again, "feedback": feedback, "get": get}
        return w.VBox([prompt, inp, w.HBox([check, again]), feedback],
                      layout=w.Layout(border="1px solid #ccc", padding="6px", margin="4px 0"))

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget()._repr_mimebundle_(include=include, exclude=exclude)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = self.text()
        return bundle


def load(lesson: str, *, mode: str = "practice", seed: int | None = None, lang: str | None = None) -> Quiz:
    """Return a lesson's quiz without building widgets (for consoles, tests and teachers).

    Raises
    ------
    QuizError
        When the bank is missing or malformed (the message names file, question and field).
    """
    return Quiz(lesson, mode=mode, seed=seed, lang=lang)


def show(lesson: str, *, mode: str = "practice", seed: int | None = None, lang: str | None = None) -> Quiz:
    """Return a lesson's quiz, which Jupyter displays as widgets (or as text where widgets cannot run).

    Parameters
    ----------
    lesson : str
        The lesson folder, e.g. ``"00-start-here"``.
    mode : {"practice", "exam"}
        Practice gives feedback at once; exam records answers and waits for ``quiz.reveal()``.
    seed : int, optional
        Shuffle options (and draw questions, if the bank says ``draw``) reproducibly.
    lang : {"id", "en"}, optional
        Default: the kit's current language.
    """
    quiz = Quiz(lesson, mode=mode, seed=seed, lang=lang)
    quiz.widget()
    return quiz


def schema() -> dict[str, Any]:
    """The JSON Schema of a question bank (``lessons/quiz.schema.json``)."""
    return json.loads((lessons_dir() / "quiz.schema.json").read_text(encoding="utf-8"))
