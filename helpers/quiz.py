"""Bilingual quizzes: a lesson's questions checked in the kernel, as widgets or as text.

The banks (``lessons/NN-slug/quiz.yml``, validated, answers computed from ``data/``) are read by
:mod:`helpers.quiz_bank`; each question type (single, multiple, truefalse, numeric, text,
ordering, matching) is one class in :mod:`helpers.quiz_kinds`. Options are shuffled per student
(seeded by the name from :func:`helpers.progress.student`), the same on every rerun; answers are
read, scored and recorded by the options' keys in the bank, never by their shown positions.

Practice mode teaches before it tells: a first wrong answer gets a nudge (the bank's ``nudge``, or
the cited sentences and tables). A later wrong answer gets the nudge again and the chosen option's
feedback where it names no right answer (:meth:`helpers.quiz_kinds.Kind.told`: the right options'
text or its start, a word key, a text answer, a number near the answer); never the quoted sources,
and the explanation only for true/false, numbers and words where it names no answer. A choice,
order or pairing question's explanation justifies its right answer, so it comes with that answer:
a three-option question is not solved by reading what a second wrong click shows. Each attempt is recorded
with its number, ``explained`` (``after_correct``, ``after_second_try``, ``after_submit`` or ``no``)
and ``mode`` (``practice`` or ``exam``). An empty box or nothing chosen is "not answered yet", and
a refused input (``1.234``: a thousand or a decimal?) is no attempt either.

In exam mode nothing says right or wrong (not :class:`Result`, not the progress file, not the
widgets) until the student presses "Submit all" (:meth:`Quiz.submit`): only then is each
question's last answer scored, recorded (once, ``mode: exam``) and locked, and the explanations
appear. Until then each answer is a draft (:mod:`helpers.progress._drafts`, no verdict, never an
attempt), so a changed mind is no wrong try and a kernel restart loses nothing.

Widgets only ever receive the question, the options in shown order, and, after the student has
answered, the feedback: no correct answer is in the widget state, HTML or JavaScript before an
attempt (:mod:`helpers.quiz_widgets`).

Examples
--------
>>> quiz = load("00-start-here")
>>> print(quiz.answer("q1", "b").text())  # doctest: +ELLIPSIS
✔ Correct...
"""

from __future__ import annotations

import random
from typing import Any

from .i18n import get_language, t
from .quiz_bank import QUERIES, QuizError, bank_path, load_bank
from .quiz_kinds import KINDS, TYPES, Unclear
from .quiz_question import Question, Result
from .text import code_block, shorten

__all__ = ["QuizError", "Question", "Result", "Quiz", "load", "show", "bank_path", "QUERIES", "TYPES"]


def _quotes(q: Question, lang: str) -> list[str]:
    from .articles import UnknownSentenceError, quote

    out = []
    for source in q.sources:
        try:
            out.append(quote(source, lang=lang))
        except UnknownSentenceError:
            from .data import describe_sources, find_row

            row = find_row(source)
            cited = describe_sources(row.get("sources", row.get("source")), lang=lang)  # a source row: itself
            out.append(t("quiz.data_source", lang=lang, source=cited, file=row["_file"], key=source.partition(":")[2]))
    return out


def _blank(raw: Any) -> bool:
    """Whether an answer is untouched: nothing, blank text, nothing chosen (not an attempt)."""
    if isinstance(raw, str):
        return not raw.strip()
    raw = list(raw.values()) if isinstance(raw, dict) else raw
    return (
        raw is None
        or raw is Ellipsis
        or (isinstance(raw, (list, tuple, set)) and (not raw or any(v is None for v in raw)))
    )


def _as_ids(value: Any) -> Any:
    """An answer as recorded: option keys (the bank's ids), ``a,c`` for several, ``a=GNA`` for pairs."""
    if isinstance(value, dict):
        return ",".join(f"{k}={v}" for k, v in sorted(value.items()))
    if isinstance(value, (set, list)):
        return ",".join(sorted(value) if isinstance(value, set) else value)
    return str(value).lower() if isinstance(value, bool) else value


# ---------------------------------------------------------------- the quiz
class Quiz:
    """A lesson's quiz: questions in a fixed (seeded) order, checked in the kernel.

    Build one with :func:`show` (widgets) or :func:`load` (text only). ``quiz.answer("q3", "b")``
    checks an answer in any environment; ``quiz.submit()`` scores an exam and shows its feedback.
    ``order`` holds each question's option keys in the order shown; ``widgets`` the parts of each
    question's widgets (:mod:`helpers.quiz_widgets` fills it, so a submit locks them).
    """

    def __init__(self, lesson: str, *, mode: str = "practice", seed: int | str | None = None, lang: str | None = None):
        if mode not in ("practice", "exam"):
            raise ValueError(t("quiz.bad_mode", value=shorten(mode, limit=40)))
        if seed is None:
            from .progress import student

            seed = student() or None  # each student sees their own order, the same on every rerun
        self.lesson, self.mode, self.seed = lesson, mode, seed
        self.lang = lang or get_language()
        meta, questions = load_bank(lesson)
        self.title = meta["title"][self.lang]
        chosen = list(questions)
        if meta.get("draw") and seed is not None and int(meta["draw"]) < len(chosen):
            picked = random.Random(f"{lesson}:{seed}").sample(chosen, int(meta["draw"]))
            chosen = [q for q in chosen if any(q is p for p in picked)]  # in the bank's order
        self.questions = {q.id: q for q in chosen}
        self.order = {q.id: [e["key"] for e in q.entries] for q in chosen}  # option keys in the order shown
        for q in chosen:  # each student's own order (seeded by their name), the same on every rerun
            if seed is not None and KINDS[q.type].lettered:
                random.Random(f"{lesson}:{q.id}:{seed}").shuffle(self.order[q.id])
        self._answers: dict[str, Result] = {}
        self._tries: dict[str, int] = {}  # recorded tries per question
        self._pending: dict[str, Any] = {}  # exam: each question's last answer (as keys) until submitted
        self._submitted = False
        self.widgets: dict[str, dict[str, Any]] = {}
        self._box = None
        if mode == "exam":  # answers given before a kernel restart, kept as drafts until "Submit all"
            from .progress import drafts

            self._pending = {
                qid: tries[-1][0]
                for qid, tries in drafts(lesson).items()
                if qid in self.questions and self._fits(self.questions[qid], tries[-1][0])
            }

    # ------------------------------------------------ text form
    def text(self) -> str:
        """The quiz as readable text with lettered options and no answers."""
        lines = [f"{self.title}", t("quiz.text_help", lang=self.lang, lesson=self.lesson), ""]
        for n, q in enumerate(self.questions.values(), start=1):
            lines += [f"{n}. [{q.id}] {q.text[self.lang]}", *KINDS[q.type].lines(q, self.order[q.id], self.lang), ""]
        return "\n".join(lines).rstrip()

    def __repr__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return code_block(self.text())

    # ------------------------------------------------ checking
    def _result(self, q: Question, value: Any) -> Result:
        """Score an answer; in practice a wrong one gets a nudge first, then nothing that tells the answer."""
        kind, lang = KINDS[q.type], self.lang
        score = kind.score(q, value)
        correct = score >= 1.0
        verdict = t("quiz.correct" if correct else "quiz.incorrect", lang=lang)
        verdict = t("quiz.partly", lang=lang, percent=round(score * 100)) if 0 < score < 1 else verdict
        feedback = "" if correct else kind.feedback(q, value, lang)
        if correct or self.mode == "exam":  # right, or an exam submitted: everything, with the sources
            why = "after_submit" if self.mode == "exam" else "after_correct"
            said = f"{verdict} {feedback}".strip()
            return Result(q.id, correct, score, said, q.explanation[lang], _quotes(q, lang), explained=why)
        if not self._tries.get(q.id):  # a first wrong try: where to look, nothing more
            said = f"{verdict} {self.nudge(q)} {t('quiz.try_once_more', lang=lang)}"
            return Result(q.id, False, score, said, explained="no")
        # later wrong tries: the option's feedback and the explanation only where they do not tell the
        # answer (no quotes: the sources hold it), so a question is not solved by elimination
        feedback = "" if kind.told(q, feedback, lang) else feedback
        explanation = "" if kind.lettered or kind.told(q, q.explanation[lang], lang) else q.explanation[lang]
        rest = "" if explanation else f"{self.nudge(q)} {t('quiz.explained_when_right', lang=lang)}"
        message = " ".join(part for part in (verdict, feedback, rest) if part)
        return Result(q.id, False, score, message, explanation, explained="after_second_try" if explanation else "no")

    def nudge(self, q: Question) -> str:
        """What to look at after a wrong answer: the bank's ``nudge``, or the cited sentences and tables."""
        if (q.nudge or {}).get(self.lang):
            return q.nudge[self.lang]
        sentences = ", ".join(s for s in q.sources if ":" not in s)
        tables = ", ".join(sorted({s.partition(":")[0] for s in q.sources if ":" in s}))
        key = "both" if sentences and tables else "tables" if tables else "sentences" if sentences else "generic"
        return t(f"quiz.nudge.{key}", lang=self.lang, sentences=sentences, tables=tables)

    def answer(self, question: str, value: Any) -> Result:
        """Check an answer to one question (letters for choices, e.g. ``"b"`` or ``"a,c"``).

        In exam mode the answer is kept as a draft until :meth:`submit`.
        """
        q = self.questions.get(question) if isinstance(question, str) else None
        if q is None:
            named, ids = shorten(question, limit=40), ", ".join(self.questions)
            said = t("quiz.unknown_question", lang=self.lang, value=named, ids=ids)
            return Result(named, False, 0.0, said, understood=False)
        if self._submitted:
            return Result(q.id, None, None, t("quiz.locked", lang=self.lang), understood=False)
        try:
            return self.answer_parsed(q, KINDS[q.type].parse(q, value, self.order[q.id]), raw=value)
        except Unclear as unclear:  # e.g. 1.234: a decimal, or a thousand?
            return self.not_understood(q, str(unclear))
        except Exception:  # whatever was typed, the student gets a message, not a traceback
            return self.not_understood(q, f"quiz.bad.{q.type}")

    def _fits(self, q: Question, value: Any) -> bool:
        """Whether a draft still fits its question (a bank changed since is a draft dropped, not an error)."""
        try:  # a stale option key fails in feedback (no such option), a value of another shape in score
            return (
                value is not None and KINDS[q.type].score(q, value) >= 0 and KINDS[q.type].feedback(q, value, "en") != 0
            )
        except Exception:
            return False

    def draft(self, question: str) -> Any:
        """The last answer to an exam question that waits for "Submit all" (None if there is none)."""
        return self._pending.get(question)

    def draft_result(self, q: Question) -> Result:
        """What an exam answer shows before "Submit all": that it was recorded, nothing more."""
        return Result(q.id, None, None, t("quiz.recorded", lang=self.lang), revealed=False, explained="no")

    def not_understood(self, q: Question, key: str) -> Result:
        """A result for an answer that could not be understood (nothing is recorded)."""
        return Result(q.id, False, 0.0, t(key, lang=self.lang, unit=q.unit_in(self.lang)), understood=False)

    def answer_parsed(self, q: Question, value: Any, *, raw: Any) -> Result:
        """Check an answer already read as option keys (what the widgets give), record it, apply the mode."""
        if self._submitted:
            return Result(q.id, None, None, t("quiz.locked", lang=self.lang), understood=False)
        if value is None or _blank(value):  # untouched (nothing chosen, an empty box) or not understood: no attempt
            return self.not_understood(q, "quiz.not_answered" if _blank(raw) else f"quiz.bad.{q.type}")
        if self.mode == "exam":  # a draft: not scored, shown or recorded until "Submit all"; survives a restart
            from .progress import save_draft

            self._pending[q.id] = value
            save_draft(self.lesson, q.id, value, raw)
            return self.draft_result(q)
        self._answers[q.id] = self._result(q, value)
        self._record(q, value, self._answers[q.id])
        return self._answers[q.id]

    def _record(self, q: Question, value: Any, result: Result) -> None:
        """Record an answer by its option keys (the bank's ids: the same whatever a student's shuffle)."""
        from .progress import record

        self._tries[q.id] = self._tries.get(q.id, 0) + 1
        record(
            kind="quiz",
            item=f"{self.lesson}/{q.id}",
            lesson=self.lesson,
            answer=_as_ids(value),
            correct=bool(result.correct),
            score=result.score or 0.0,
            attempt=self._tries[q.id],
            explained=result.explained,
            mode=self.mode,
        )

    def submit(self) -> dict[str, Result]:
        """Exam mode: score, record and lock every answer, and show the explanations ("Submit all").

        In practice mode this returns the last result of each answered question.
        """
        if self.mode == "exam" and not self._submitted:
            self._submitted = True
            for qid, value in self._pending.items():  # only the submitted answers go on record
                self._answers[qid] = self._result(self.questions[qid], value)
                self._record(self.questions[qid], value, self._answers[qid])
            self._pending.clear()
            from .progress import clear_drafts

            clear_drafts(self.lesson)
            for qid, parts in self.widgets.items():
                if qid in self._answers:
                    parts["feedback"].value = self._answers[qid]._repr_html_()
                for name in ("input", "check", "again"):
                    for part in [parts.get(name), *getattr(parts.get(name), "children", ())]:
                        if hasattr(part, "disabled"):
                            part.disabled = True
        return dict(self._answers)

    def score(self) -> float:
        """Total score so far (sum of the last answer's score per question)."""
        return round(sum(r.score for r in self._answers.values()), 2)

    # ------------------------------------------------ widgets
    def widget(self):
        """Build (once) and return the ipywidgets box of the quiz."""
        if self._box is None:
            from .quiz_widgets import build  # ipywidgets is imported only when a quiz is shown

            self._box = build(self)
        return self._box

    def _repr_mimebundle_(self, include=None, exclude=None):
        # the widget-view format, as ipywidgets 7 (Colab's, no widget _repr_mimebundle_) and 8 both show it
        box, view = self.widget(), "application/vnd.jupyter.widget-view+json"
        data = {"text/plain": self.text()}
        if box.comm is not None:  # a closed box has no view left
            data[view] = {"version_major": 2, "version_minor": 0, "model_id": box.model_id}
        return data


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
        Practice gives feedback at once; exam keeps answers as drafts and records and marks
        them when the student presses "Submit all" (:meth:`Quiz.submit`).
    seed : int, optional
        Shuffle options (and draw questions, if the bank says ``draw``) reproducibly.
    lang : {"id", "en"}, optional
        Default: the kit's current language.
    """
    quiz = Quiz(lesson, mode=mode, seed=seed, lang=lang)
    quiz.widget()
    return quiz
