"""Bilingual quizzes: a lesson's questions checked in the kernel, as widgets or as text.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.quiz``.

Examples
--------
>>> quiz = load("00-start-here")
>>> print(quiz.answer("q1", "b").text())  # doctest: +ELLIPSIS
✔ Correct...
"""

from __future__ import annotations

import random
from functools import partial
from typing import Any

from .i18n import get_language, t
from .quiz_bank import QUERIES, QuizError, bank_path, load_bank
from .quiz_kinds import KINDS, TYPES, Unclear
from .quiz_question import Question, Result
from .text import code_block, markdown_in, plain, shorten

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


def _fits(q: Question, value: Any) -> bool:
    """Whether a draft read back still fits its question, keyless (a bank changed since: dropped)."""
    if not KINDS[q.type].lettered:
        return type(value) is {"truefalse": bool, "numeric": float}.get(q.type, str)
    keys = {e["key"] for e in [*q.entries, *q.right]}
    shown = [*value, *value.values()] if isinstance(value, dict) else [value] if isinstance(value, str) else value
    return isinstance(shown, (set, list)) and bool(shown) and all(k in keys for k in shown)


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
    checks an answer in any environment (an exam only saves it); ``quiz.submit()`` submits an exam.
    ``order`` holds each question's option keys in the order shown; ``widgets`` the parts of each
    question's widgets (:mod:`helpers.quiz_widgets` fills it, so a submit locks them).
    """

    def __init__(self, lesson: str, *, mode: str = "practice", seed: int | str | None = None, lang: str | None = None):
        if plain(mode) not in ("practice", "exam"):
            raise ValueError(t("quiz.bad_mode", value=shorten(mode, limit=40)))
        if seed is None:
            from .progress import student

            seed = student() or None  # each student sees their own order, the same on every rerun
        if plain(lesson) is None:  # a list, a table: no lesson (and nothing the banks' cache could hash)
            raise QuizError(t("quiz.bank.missing", file="lessons/…/quiz.yml", lesson=shorten(lesson, limit=60)))
        seed = seed if seed is None else plain(seed) if isinstance(seed, str) else shorten(seed, limit=200)  # 7: "7"
        lesson, mode = self.lesson, self.mode = plain(lesson), plain(mode)  # plain text, safe to hash and show
        self.seed, self.lang = seed, get_language(lang)
        self._said = partial(Result, lang=self.lang)  # a result says its language (its HTML: lang)
        meta, questions = load_bank(lesson, keys=mode != "exam")  # an exam holds no key
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
        self.submitted = self.submitted_here = False  # an exam submitted (in any kernel), and by this quiz
        self.widgets: dict[str, dict[str, Any]] = {}
        self._box = None
        if mode == "exam":  # answers given before a kernel restart, kept as drafts until "Submit all"
            from .progress import drafts, submitted

            self.submitted = submitted(lesson)  # before, in any kernel (this cell run again): locked
            self._pending = {
                qid: tries[-1][0]
                for qid, tries in drafts(lesson).items()
                if qid in self.questions and _fits(self.questions[qid], tries[-1][0])
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
        return markdown_in(self.lang, code_block(self.text()))

    # ------------------------------------------------ checking
    def _result(self, q: Question, value: Any) -> Result:
        """Score an answer; in practice a wrong one gets a nudge first, then nothing that tells the answer."""
        kind, lang = KINDS[q.type], self.lang
        if self.mode == "exam" or q.answer is None:  # an exam holds no key: no verdict
            return self.draft_result(q)
        score = kind.score(q, value)
        correct = score >= 1.0
        verdict = t("quiz.correct" if correct else "quiz.incorrect", lang=lang)
        verdict = t("quiz.partly", lang=lang, percent=round(score * 100)) if 0 < score < 1 else verdict
        feedback = "" if correct else kind.feedback(q, value, lang)
        if correct:  # right: everything, with the sources
            said = f"{verdict} {feedback}".strip()
            return self._said(q.id, correct, score, said, q.explanation[lang], _quotes(q, lang))
        if not self._tries.get(q.id):  # a first wrong try: where to look, nothing more
            said = f"{verdict} {self.nudge(q)} {t('quiz.try_once_more', lang=lang)}"
            return self._said(q.id, False, score, said, explained="no")
        # later wrong tries: the option's feedback and the explanation only where they do not tell the
        # answer (no quotes: the sources hold it), so a question is not solved by elimination
        feedback = "" if kind.told(q, feedback, lang) else feedback
        explanation = "" if kind.lettered or kind.told(q, q.explanation[lang], lang) else q.explanation[lang]
        rest = "" if explanation else f"{self.nudge(q)} {t('quiz.explained_when_right', lang=lang)}"
        message, explained = " ".join(p for p in (verdict, feedback, rest) if p), "after_second_try" * bool(explanation)
        return self._said(q.id, False, score, message, explanation, explained=explained or "no")

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
        q = self.questions.get(plain(question))
        if q is None:
            named, ids = shorten(question, limit=40), ", ".join(self.questions)
            said = t("quiz.unknown_question", lang=self.lang, value=named, ids=ids)
            return self._said(named, False, 0.0, said, understood=False)
        if self.submitted:
            return self.draft_result(q, "quiz.locked")
        try:
            return self.answer_parsed(q, KINDS[q.type].parse(q, value, self.order[q.id]), raw=value)
        except Unclear as unclear:  # e.g. 1.234: a decimal, or a thousand?
            return self.not_understood(q, str(unclear))
        except Exception:  # whatever was typed, the student gets a message, not a traceback
            return self.not_understood(q, f"quiz.bad.{q.type}")

    def draft(self, question: str) -> Any:
        """The last answer to an exam question that waits for "Submit all" (None if there is none)."""
        return self._pending.get(question)

    def draft_result(self, q: Question, key: str = "quiz.recorded") -> Result:
        """What an exam answer shows: that it was saved (or, ``quiz.locked``, submitted), never a verdict."""
        return self._said(q.id, None, None, t(key, lang=self.lang), revealed=False, explained="no")

    def not_understood(self, q: Question, key: str) -> Result:
        """A result for an answer that could not be understood (nothing is recorded)."""
        return self._said(q.id, False, 0.0, t(key, lang=self.lang, unit=q.unit_in(self.lang)), understood=False)

    def answer_parsed(self, q: Question, value: Any, *, raw: Any) -> Result:
        """Check an answer already read as option keys (what the widgets give), record it, apply the mode."""
        if self.mode == "exam" and not self.submitted:  # another kernel of the student may have submitted
            from .progress import save_draft, submitted

            self.submitted = submitted(self.lesson)
        if self.submitted:
            return self.draft_result(q, "quiz.locked")
        if value is None or _blank(value):  # untouched (nothing chosen, an empty box) or not understood: no attempt
            return self.not_understood(q, "quiz.not_answered" if _blank(raw) else f"quiz.bad.{q.type}")
        if self.mode == "exam":  # a draft: not scored, shown or recorded until "Submit all"; survives a restart
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
        exam = self.mode == "exam"
        record(
            kind="quiz",
            item=f"{self.lesson}/{q.id}",
            lesson=self.lesson,
            answer=_as_ids(value),
            correct=None if exam else bool(result.correct),
            score=None if exam else result.score or 0.0,
            attempt=self._tries[q.id],
            explained="no" if exam else result.explained,
            mode=self.mode,
        )

    def submit(self) -> dict[str, Result]:
        """Exam mode ("Submit all"): record every saved answer once, unscored, lock the exam, and return
        each one's result (no verdict; ``{}`` if submitted before). Practice: each question's last result."""
        if self.mode == "exam" and not self.submitted:
            from .progress import submit_exam

            done = {qid: self.draft_result(self.questions[qid], "quiz.locked") for qid in self._pending}

            def write() -> None:  # under the drafts' lock, only if no kernel submitted this exam before
                for qid, value in self._pending.items():
                    self._record(self.questions[qid], value, done[qid])

            self.submitted_here = submit_exam(self.lesson, write)
            self._answers, self.submitted = (done if self.submitted_here else {}), True
            self._pending.clear()
            self.lock_widgets()
        return dict(self._answers)

    def lock_widgets(self) -> None:
        """A submitted exam's widgets: every input and button disabled, each feedback saying so."""
        for qid, parts in self.widgets.items():
            if qid in self.questions:
                parts["feedback"].value = self.draft_result(self.questions[qid], "quiz.locked")._repr_html_()
            for name in ("input", "check", "again", "submit"):
                for part in [parts.get(name), *getattr(parts.get(name), "children", ())]:
                    if hasattr(part, "disabled"):
                        part.disabled = True

    def score(self) -> float | None:
        """Total score so far (sum of the last answer's score per question); None in an exam (not scored here)."""
        return None if self.mode == "exam" else round(sum(r.score or 0.0 for r in self._answers.values()), 2)

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
        Practice gives feedback at once; exam holds no key, keeps answers as drafts and records
        them unscored, once, at "Submit all" (:meth:`Quiz.submit`); the teacher's summary scores them.
    seed : int, optional
        Shuffle options (and draw questions, if the bank says ``draw``) reproducibly.
    lang : {"id", "en"}, optional
        Default: the kit's current language.
    """
    quiz = Quiz(lesson, mode=mode, seed=seed, lang=lang)
    quiz.widget()
    return quiz
