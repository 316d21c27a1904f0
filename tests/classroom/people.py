"""What the rehearsal's people do in a lesson: answer quiz questions as a student would, in the browser.

A question box is found by its prompt; every question type has a way of being answered with the
mouse and keyboard (:func:`give`). What is right comes from the teacher's question bank (this
repository), read in the test process: the student edition only holds sealed keys. What is wrong
is a plausible mistake of the same form (:func:`wrong_answer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import quiz
from helpers.quiz_kinds import KINDS
from helpers.quiz_question import Question
from tests.browser.lab_pages import WORDS, cells, option

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: The class of each language: a beginner, a strong student, an exam-taker (one JupyterLab each).
CLASS = {
    "id": {"beginner": "Ayu", "strong": "Budi", "exam": "Citra"},
    "en": {"beginner": "Amy", "strong": "Ben", "exam": "Cara"},
}

#: Lesson 00 is restarted by the exam-taker between saving drafts and "Submit all".
EXAM_WORDS = {
    "en": {
        "save": "Save", "submit": "Submit all", "saved": "Answer saved", "true": "True", "false": "False",
        "submitted": "your teacher will score them.", "again": "This exam was submitted before and is locked",
    },
    "id": {
        "save": "Simpan", "submit": "Kirim semua", "saved": "Jawaban tersimpan", "true": "Benar", "false": "Salah",
        "submitted": "gurumu yang akan menilainya.", "again": "Ujian ini sudah dikirim sebelumnya dan dikunci",
    },
}  # fmt: skip
NOT_ANSWERED = {"en": "Not answered yet", "id": "Belum dijawab"}
EXERCISE_CELL = re.compile(r'helpers\.check\("(\d\d\.\d)", (\w+)\)')


@dataclass
class Answer:
    """An answer as a student gives it: labels to pick or text to type (``None``: leave it empty)."""

    value: Any
    typed: str = ""  # for numeric and text questions: exactly what is typed


def questions(lesson: str, lang: str) -> list[Question]:
    """The lesson's questions from the teacher's bank, in the bank's order."""
    return list(quiz.load(lesson, lang=lang).questions.values())


def right_answer(q: Question, lang: str, *, decimal_comma: bool = False) -> Answer:
    """The right answer, as labels or text (a number with a decimal comma when asked and it has decimals)."""
    label = lambda key: q.label(q.entry(key), lang)  # noqa: E731
    if q.type == "single":
        return Answer(label(q.answer))
    if q.type == "multiple":
        return Answer({label(k) for k in q.answer})
    if q.type == "truefalse":
        return Answer(bool(q.answer))
    if q.type == "numeric":
        typed = f"{q.answer:g}"
        return Answer(q.answer, typed.replace(".", ",") if decimal_comma else typed)
    if q.type == "text":
        return Answer(q.answer, str(q.answer))
    if q.type == "ordering":
        return Answer([label(k) for k in q.answer])
    if q.type == "matching":
        rights = {r["key"]: q.label(r, lang) for r in q.right}
        return Answer({label(k): rights[v] for k, v in q.answer.items()})
    raise AssertionError(f"no driver for question type {q.type}")


def wrong_answer(q: Question, lang: str) -> Answer:
    """A plausible wrong answer of the same form (an option next to the right one, a number off by a lot)."""
    label = lambda key: q.label(q.entry(key), lang)  # noqa: E731
    keys = [e["key"] for e in q.entries]
    if q.type == "single":
        return Answer(label(next(k for k in keys if k != q.answer)))
    if q.type == "multiple":
        return Answer({label(next(k for k in keys if k not in q.answer))})
    if q.type == "truefalse":
        return Answer(not q.answer)
    if q.type == "numeric":
        wrong = q.answer * 2 + 100 + 10 * q.tolerance
        return Answer(wrong, f"{wrong:g}")
    if q.type == "text":
        return Answer("Paris", "Paris")
    if q.type == "ordering":
        return Answer([label(k) for k in reversed(q.answer)])
    if q.type == "matching":
        rights = [r["key"] for r in q.right]
        shifted = {k: rights[(rights.index(v) + 1) % len(rights)] for k, v in q.answer.items()}
        names = {r["key"]: q.label(r, lang) for r in q.right}
        return Answer({label(k): names[v] for k, v in shifted.items()})
    raise AssertionError(f"no driver for question type {q.type}")


def box_of(page, q: Question, lang: str):
    """The question's box on the page (found by its prompt's text)."""
    box = page.locator(".kit-question").filter(has_text=q.text[lang]).first
    box.scroll_into_view_if_needed()
    return box


def give(page, q: Question, lang: str, answer: Answer, *, button: str) -> str:
    """Put ``answer`` into the question's inputs, press ``button`` (Check or Save), return the feedback."""
    box = box_of(page, q, lang)
    if answer.value is None and q.type not in ("numeric", "text"):
        pass  # nothing chosen: Check pressed before answering
    elif q.type == "single":
        option(box, answer.value).check()
    elif q.type == "multiple":
        for i in range(box.get_by_role("checkbox").count()):
            one = box.get_by_role("checkbox").nth(i)
            name = one.evaluate("e => e.closest('label') ? e.closest('label').innerText.trim() : ''")
            if (name in answer.value) != one.is_checked():
                one.click()
    elif q.type == "truefalse":
        option(box, EXAM_WORDS[lang]["true" if answer.value else "false"], role="button").click()
    elif q.type in ("numeric", "text"):
        box.locator("input[type=text]").fill(answer.typed)
    elif q.type == "ordering":
        for position, labelled in enumerate(answer.value):
            box.locator("select").nth(position).select_option(label=labelled)
    elif q.type == "matching":
        for item, choice in answer.value.items():
            box.locator(".widget-dropdown").filter(has_text=item).locator("select").select_option(label=choice)
    feedback = box.locator(".widget-html").last
    before = feedback.inner_text()
    page.wait_for_timeout(150)  # the input's value reaches the kernel before the click does
    box.get_by_role("button", name=button).first.click()
    for _ in range(100):  # the kernel answers the click by filling the feedback
        now = feedback.inner_text()
        if now.strip() and now != before:
            return now
        page.wait_for_timeout(100)
    return feedback.inner_text()


def gives_away(q: Question, lang: str, shown: str) -> bool:
    """Whether ``shown`` names the answer (the kit's own test of a wrong try's feedback).

    For choices: whether it names every right option and leaves out a wrong one (a nudge that
    points at every option's sentence tells nothing); an option is named by its text or by the
    sentence id it opens with.
    """
    if q.type not in ("single", "multiple"):
        return KINDS[q.type].told(q, shown, lang)

    def named(entry) -> bool:
        label = q.label(entry, lang)
        cited = re.match(r"[AB]\.p\d\d\.s\d\d", label)
        return label in shown or bool(cited and cited.group(0) in shown)

    said = {e["key"] for e in q.options if named(e)}
    right = set(q.answer if isinstance(q.answer, list) else [q.answer])
    return right <= said and said != {e["key"] for e in q.options}


def exercise_cells(page, *, core_only: bool = True) -> list[tuple[int, str, str]]:
    """The checked exercises of the open notebook: (cell index, exercise id, answer's variable)."""
    found = []
    for i, c in enumerate(cells(page)):
        match = EXERCISE_CELL.search(c["source"]) if c["type"] == "code" else None
        if match and not (core_only and "extension" in c["tags"]):
            found.append((i, *match.groups()))
    return found


def snap(page, person: str, lang: str, lesson: str, step: str, element=None) -> None:
    """A screenshot of one step (of ``element``, or of the window), kept as a test artefact."""
    folder = ARTIFACTS / f"{lang}-{person}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{lesson}-{len(list(folder.glob(lesson + '-*'))):02d}-{step}.png"
    try:
        (element or page).screenshot(path=str(target))
    except Exception:  # a screenshot is evidence, not a check: an element that scrolled away is skipped
        pass


__all__ = [
    "ARTIFACTS",
    "CLASS",
    "EXAM_WORDS",
    "NOT_ANSWERED",
    "WORDS",
    "Answer",
    "box_of",
    "exercise_cells",
    "give",
    "gives_away",
    "questions",
    "right_answer",
    "snap",
    "wrong_answer",
]
