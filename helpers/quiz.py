"""Bilingual quizzes: question banks, checking in the kernel, widgets, and a text fallback.

Each lesson has one bank, ``lessons/NN-slug/quiz.yml``, validated on load against the schema in
``lessons/quiz.schema.json`` (documented there). A malformed bank fails with one message naming
the file, the question and the field (:mod:`helpers.quiz_bank`).

Question types: ``single``, ``multiple`` (partial credit), ``truefalse``, ``numeric`` (tolerance
and unit), ``text`` (accepted variants; case, accents, spaces, hyphens and dots ignored, as
:func:`helpers.text.fold_key` does; place names in any known spelling with ``accept_place:
true``), ``ordering`` and ``matching``. Each is one class in :mod:`helpers.quiz_kinds`.

Where an answer is a fact in ``data/``, the bank states a query (``answer_from``) and the answer
is computed from the data, so quizzes and maps never disagree.

Quizzes teach before they tell (practice mode): after a first wrong answer the student reads a
nudge (the question's ``nudge`` in the bank, or a generic one naming the cited sentences and
tables) and never the answer; the explanation appears after a right answer or after a second
wrong try, and the progress record says which (``explained``: ``after_correct``,
``after_second_try`` or ``no``). Every attempt is recorded with its number. Options are shuffled
per student (seeded by the name from :func:`helpers.progress.student`), the same on every rerun.

In exam mode nothing says right or wrong (not :class:`Result`, not the progress file, not the
widgets) until the student presses "Submit all" (:meth:`Quiz.submit`): then the answers are
scored, recorded and locked, and the explanations appear. Until then each answer is kept as a
draft (:mod:`helpers.progress._drafts`, no verdict), so a kernel restart loses none: the quiz
shown again fills its inputs from the drafts.

Answers are checked here, in the kernel. Widgets only ever receive the question, the options in
shown order, and, after the student has answered, the feedback: no correct answer is in the
widget state, HTML or JavaScript before an attempt (:mod:`helpers.quiz_widgets`).

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
from .quiz_kinds import KINDS, TYPES
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
            where = {"file": row["_file"], "key": source.partition(":")[2]}
            out.append(t("quiz.data_source", lang=lang, source=describe_sources(row["sources"], lang=lang), **where))
    return out


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
            chosen = sorted(
                random.Random(f"{lesson}:{seed}").sample(chosen, int(meta["draw"])), key=lambda q: questions.index(q)
            )
        self.questions = {q.id: q for q in chosen}
        self.order = {q.id: self.shown_order(q) for q in chosen}
        self._answers: dict[str, Result] = {}
        self._wrong: dict[str, int] = {}  # wrong (understood) tries per question, practice mode
        self._tries: dict[str, int] = {}  # understood tries per question
        self._pending: dict[str, list[tuple[Any, Any]]] = {}  # exam: every (value, raw) until submitted
        self._submitted = False
        self.widgets: dict[str, dict[str, Any]] = {}
        self._box = None
        if mode == "exam":  # answers given before a kernel restart, kept as drafts until "Submit all"
            from .progress import drafts

            self._pending = {
                qid: tries
                for qid, tries in drafts(lesson).items()
                if qid in self.questions and all(self._fits(self.questions[qid], value) for value, _ in tries)
            }

    def shown_order(self, q: Question) -> list[str]:
        """A question's option keys in the order this student sees them (shuffled by the seed)."""
        keys = [e["key"] for e in q.entries]
        if self.seed is not None and KINDS[q.type].lettered:
            random.Random(f"{self.lesson}:{q.id}:{self.seed}").shuffle(keys)
        return keys

    # ------------------------------------------------ text form
    def text(self) -> str:
        """The quiz as readable text with lettered options and no answers."""
        lines = [f"{self.title}", t("quiz.text_help", lang=self.lang, lesson=self.lesson), ""]
        for n, q in enumerate(self.questions.values(), start=1):
            lines.append(f"{n}. [{q.id}] {q.text[self.lang]}")
            lines += KINDS[q.type].lines(q, self.order[q.id], self.lang)
            lines.append("")
        return "\n".join(lines).rstrip()

    def __repr__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return code_block(self.text())

    # ------------------------------------------------ checking
    def _result(self, q: Question, value: Any, raw: Any) -> Result:
        if value is None:
            return self.not_understood(
                q, "quiz.not_answered" if raw is None or raw is Ellipsis or raw == "" else f"quiz.bad.{q.type}"
            )
        kind = KINDS[q.type]
        score = kind.score(q, value)
        correct = score >= 1.0
        if correct:
            message = t("quiz.correct", lang=self.lang)
        elif score > 0:
            message = t("quiz.partly", lang=self.lang, percent=round(score * 100))
        else:
            message = t("quiz.incorrect", lang=self.lang)
        feedback = "" if correct else kind.feedback(q, value, self.lang)
        if feedback:
            message += " " + feedback
        return Result(
            q.id,
            correct,
            score,
            message,
            q.explanation[self.lang],
            _quotes(q, self.lang),
            explained="after_correct" if correct else "after_second_try",
        )

    def nudge(self, q: Question) -> str:
        """What to look at after a wrong answer: the bank's ``nudge``, or the cited sentences and tables."""
        own = (q.nudge or {}).get(self.lang)
        if own:
            return own
        sentences = [s for s in q.sources if ":" not in s]
        tables = sorted({s.partition(":")[0] for s in q.sources if ":" in s})
        if sentences and tables:
            return t("quiz.nudge.both", lang=self.lang, sentences=", ".join(sentences), tables=", ".join(tables))
        if tables:
            return t("quiz.nudge.tables", lang=self.lang, tables=", ".join(tables))
        if sentences:
            return t("quiz.nudge.sentences", lang=self.lang, sentences=", ".join(sentences))
        return t("quiz.nudge.generic", lang=self.lang)

    def _teach(self, q: Question, result: Result) -> Result:
        """Practice mode: a first wrong try gets a nudge, not the explanation nor the answer."""
        if result.correct or self._wrong.get(q.id, 0) >= 1:
            return result
        base = (
            t("quiz.partly", lang=self.lang, percent=round((result.score or 0) * 100))
            if result.score
            else t("quiz.incorrect", lang=self.lang)
        )
        message = f"{base} {self.nudge(q)} {t('quiz.try_once_more', lang=self.lang)}"
        return Result(q.id, False, result.score, message, explained="no")  # no quotes: rows could hold the answer

    def answer(self, question: str, value: Any) -> Result:
        """Check an answer to one question (letters for choices, e.g. ``"b"`` or ``"a,c"``).

        In exam mode the answer is recorded and its feedback waits for :meth:`reveal`.
        """
        q = self.questions.get(question) if isinstance(question, str) else None
        if q is not None and self._submitted:
            return Result(q.id, None, None, t("quiz.locked", lang=self.lang), understood=False)
        if q is None:
            ids = ", ".join(self.questions)
            return Result(
                shorten(question, limit=40),
                False,
                0.0,
                t("quiz.unknown_question", lang=self.lang, value=shorten(question, limit=40), ids=ids),
                understood=False,
            )
        try:
            return self.answer_parsed(q, KINDS[q.type].parse(q, value, self.order[q.id]), raw=value)
        except Exception:  # whatever was typed, the student gets a message, not a traceback
            return self.not_understood(q, f"quiz.bad.{q.type}")

    def _fits(self, q: Question, value: Any) -> bool:
        """Whether a draft still fits its question (a bank changed since is a draft dropped, not an error)."""
        try:
            KINDS[q.type].score(q, value)
            KINDS[q.type].feedback(q, value, self.lang)
            return value is not None
        except Exception:
            return False

    def draft(self, question: str) -> Any:
        """The last answer to an exam question that waits for "Submit all" (None if there is none)."""
        tries = self._pending.get(question)
        return tries[-1][0] if tries else None

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
        if value is None:
            return self._result(q, value, raw)
        if self.mode == "exam":  # nothing is scored or shown until "Submit all"; a draft survives a restart
            from .progress import save_draft

            self._pending.setdefault(q.id, []).append((value, raw))
            save_draft(self.lesson, q.id, value, raw)
            return self.draft_result(q)
        result = self._teach(q, self._result(q, value, raw))
        if result.understood:
            self._record(q, raw, result)
            if not result.correct:
                self._wrong[q.id] = self._wrong.get(q.id, 0) + 1
            self._answers[q.id] = result
        return result

    def _record(self, q: Question, raw: Any, result: Result) -> None:
        from .progress import record

        self._tries[q.id] = self._tries.get(q.id, 0) + 1
        record(
            kind="quiz",
            item=f"{self.lesson}/{q.id}",
            lesson=self.lesson,
            answer=raw,
            correct=bool(result.correct),
            score=result.score or 0.0,
            attempt=self._tries[q.id],
            explained=result.explained,
        )

    def submit(self) -> dict[str, Result]:
        """Exam mode: score, record and lock every answer, and show the explanations ("Submit all").

        In practice mode this returns the last result of each answered question.
        """
        if self.mode == "exam" and not self._submitted:
            self._submitted = True
            for qid, tries in self._pending.items():
                q = self.questions[qid]
                for value, raw in tries:  # every attempt goes on record, in order; the last one counts
                    result = self._result(q, value, raw)
                    result.explained = "after_submit"
                    self._record(q, raw, result)
                self._answers[qid] = result
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

    def reveal(self) -> dict[str, Result]:
        """The same as :meth:`submit` (kept for notebooks written before "Submit all")."""
        return self.submit()

    def score(self) -> float:
        """Total score so far (sum of the last answer's score per question)."""
        return round(sum(r.score for r in self._answers.values()), 2)

    # ------------------------------------------------ widgets
    def widget(self):
        """Build (once) and return the ipywidgets box of the quiz."""
        if self._box is None:
            from .quiz_widgets import (
                build,  # ipywidgets is imported only when a quiz is shown
            )

            self._box = build(self)
        return self._box

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
