"""The quiz as ipywidgets: one input per question type, a Check and a Try again button, feedback.

Widgets only ever hold the question, the options in shown order, and, after the student has
answered, the feedback: the answer is checked in the kernel (:meth:`helpers.quiz.Quiz.answer_parsed`),
so no correct answer is in the widget state, HTML or JavaScript before an attempt. What the
widgets need of a quiz is the small :class:`Answering` protocol; :class:`helpers.quiz.Quiz` has it.

Each question type has an input class in :data:`INPUTS` with a ``widget`` and a ``value()`` that
reads the student's choice as option keys (not positions); ``None`` or a gap means "not answered".
This module imports ipywidgets; :mod:`helpers.quiz` imports it only when a widget is built.

Examples
--------
>>> from helpers import quiz
>>> box = build(quiz.load("00-start-here"))
>>> type(box).__name__, len(box.children)
('VBox', 8)
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from string import Template
from typing import Any, Protocol

import ipywidgets as w

from .i18n import t
from .quiz_kinds import KINDS, Unclear
from .quiz_question import Question, Result
from .style import INK

__all__ = ["Answering", "INPUTS", "QuestionBox", "build"]

_STYLE = {"description_width": "initial"}
_UNSET = ("—", None)
_AUTO = {"width": "auto"}
#: The quiz's styles (radio options that wrap, a visible focus, the chosen True/False) and its script
#: for the keyboard and screen readers in JupyterLab; the files say why each is needed.
_CSS, _JS = (
    re.sub(r"/\*.*?\*/\s*", "", (Path(__file__).parent / "static/quiz" / f).read_text("utf-8"), flags=re.S)
    for f in ("quiz.css", "keys.js")
)
_LAYOUT_CSS = f"<style>{Template(_CSS).substitute(INK)}</style>"
#: An Output widget's outputs are trusted in JupyterLab, so the script in it runs; hidden, it shows nothing.
_KEYS = {"output_type": "display_data", "metadata": {}, "data": {"text/html": f"<script>{_JS}</script>"}}


class _Input:
    """An answer input of one question: ``widget`` to show, ``value()`` to read (option keys)."""

    def __init__(self, q: Question, order: list[str], labels: list[str], description: str, lang: str):
        self.order = order
        self.widget = self._make(q, labels, description, lang)

    def _make(self, q: Question, labels: list[str], description: str, lang: str) -> w.Widget:
        raise NotImplementedError

    def value(self) -> Any:
        return self.widget.value

    def set(self, value: Any) -> None:
        """Show an answer again (a draft of an exam, read back after a kernel restart)."""
        self.widget.value = value


class _Radio(_Input):  # single
    def _make(self, q, labels, description, lang):
        said = {"description": description, "style": _STYLE, "tooltip": q.text[lang]}
        return w.RadioButtons(options=[(lab, i) for i, lab in enumerate(labels)], value=None, **said, layout=_AUTO)

    def value(self):
        return None if self.widget.value is None else self.order[self.widget.value]

    def set(self, value):
        self.widget.value = self.order.index(value)


class _Checkboxes(_Input):  # multiple
    def _make(self, q, labels, description, lang):
        return w.VBox([w.Checkbox(value=False, description=lab, indent=False, tooltip=lab) for lab in labels])

    def value(self):
        return {self.order[i] for i, box in enumerate(self.widget.children) if box.value}

    def set(self, value):
        for key, box in zip(self.order, self.widget.children):
            box.value = key in value


class _TrueFalse(_Radio):  # two toggle buttons, read as the radio buttons are
    def _make(self, q, labels, description, lang):
        self.order, choices = [False, True], [(t("quiz.true", lang=lang), 1), (t("quiz.false", lang=lang), 0)]
        return w.ToggleButtons(options=choices, value=None, description=description, style=_STYLE, tooltip=q.text[lang])


class _Words(_Input):  # text
    def _make(self, q, labels, description, lang):
        self.q, unit = q, q.unit_in(lang)
        said = {"description": f"{description} ({unit})" if unit else description, "tooltip": q.text[lang]}
        return w.Text(value="", **said, style=_STYLE, placeholder=t("quiz.type_here", lang=lang))


class _Number(_Words):  # numeric: a text box, empty at first (a browser's number box drops 79,7's comma)
    def value(self):  # None when empty; Unclear for 1.234 or for text that is no number
        typed = self.widget.value.strip()
        number = KINDS["numeric"].parse(self.q, typed, []) if typed else None
        if typed and number is None:
            raise Unclear("quiz.bad.numeric")
        return number

    def set(self, value):
        try:
            KINDS["numeric"].parse(self.q, f"{value:g}", [])
            self.widget.value = f"{value:g}"
        except Unclear:  # 1.234 is shown as 1.2340, which cannot be read as a thousand
            self.widget.value = f"{value:g}0"


class _Positions(_Input):  # ordering: one drop-down per position
    def _make(self, q, labels, description, lang):
        choices, names = [_UNSET] + [(lab, i) for i, lab in enumerate(labels)], range(1, len(labels) + 1)
        said = [{"description": t("quiz.position", lang=lang, n=n), "tooltip": q.text[lang]} for n in names]
        return w.VBox([w.Dropdown(options=choices, value=None, style=_STYLE, **one) for one in said])

    def value(self):
        return [None if d.value is None else self.order[d.value] for d in self.widget.children]

    def set(self, value):
        for key, dropdown in zip(value, self.widget.children):
            dropdown.value = self.order.index(key)


class _Pairs(_Input):  # matching: one drop-down of the right-hand choices per item
    def _make(self, q, labels, description, lang):
        choices = [_UNSET] + [(q.label(r, lang), r["key"]) for r in q.right]
        return w.VBox(
            [w.Dropdown(options=choices, value=None, description=lab, style=_STYLE, tooltip=lab) for lab in labels]
        )

    def value(self):
        return {self.order[i]: d.value for i, d in enumerate(self.widget.children)}

    def set(self, value):
        for key, dropdown in zip(self.order, self.widget.children):
            dropdown.value = value.get(key)


#: The input class of each question type.
INPUTS: dict[str, type[_Input]] = {
    "single": _Radio,
    "multiple": _Checkboxes,
    "truefalse": _TrueFalse,
    "numeric": _Number,
    "text": _Words,
    "ordering": _Positions,
    "matching": _Pairs,
}


class Answering(Protocol):
    """What the widgets use of a quiz: its questions and shown order, and its checking (in the kernel)."""

    lang: str
    title: str
    mode: str
    questions: dict[str, Question]
    order: dict[str, list[str]]
    widgets: dict[str, dict[str, Any]]
    submitted: bool
    submitted_here: bool

    def draft(self, question: str) -> Any: ...
    def draft_result(self, q: Question) -> Result: ...
    def not_understood(self, q: Question, key: str) -> Result: ...
    def answer_parsed(self, q: Question, value: Any, *, raw: Any) -> Result: ...
    def submit(self) -> dict[str, Result]: ...
    def lock_widgets(self) -> None: ...


class QuestionBox:
    """One question's widgets: prompt, input, Check and Try again, and the feedback area."""

    def __init__(self, quiz: Answering, n: int, q: Question):
        self.quiz, self.q, lang = quiz, q, quiz.lang
        order = quiz.order[q.id]
        labels = [q.label(q.entry(k), lang) for k in order] if q.entries else []
        self.input = INPUTS[q.type](q, order, labels, t("quiz.answer_label", lang=lang, n=n), lang)
        exam = quiz.mode == "exam"  # in an exam the button saves a draft: it checks nothing
        self.check = w.Button(
            description=t("quiz.save" if exam else "quiz.check", lang=lang),
            tooltip=t("quiz.save_tip" if exam else "quiz.check_tip", lang=lang, n=n),
            icon="save" if exam else "check",
        )
        again = t("quiz.try_again", lang=lang)
        self.again = w.Button(description=again, tooltip=again, icon="refresh", disabled=True)
        self.again.add_class("kit-again")  # after it, keys.js puts focus back on the answer
        self.feedback = w.HTML("")
        self.check.on_click(self.on_check)
        self.again.on_click(self.on_again)
        prompt = w.HTML(f"<p><b>{n}.</b> {html.escape(q.text[lang])}</p>", _dom_classes=("kit-prompt",))
        self.widget = w.VBox(
            [prompt, self.input.widget, w.HBox([self.check, self.again]), self.feedback],
            layout=w.Layout(border=f"1px solid {INK['frame']}", padding="6px", margin="4px 0"),
        )
        # named for assistive technology and for the keyboard test: one box per question, by type
        self.widget.add_class("kit-question")
        self.widget.add_class(f"kit-q-{q.type}")
        if quiz.draft(q.id) is not None:  # an exam draft from before a kernel restart: show it again
            try:
                self.input.set(quiz.draft(q.id))
                self.feedback.value = quiz.draft_result(q)._repr_html_()
            except Exception:
                pass  # a draft that no longer fits the question (the bank changed): the input stays empty

    def parts(self) -> dict[str, Any]:
        """The named parts (``input``, ``check``, ``again``, ``feedback``, ``get``), for reveal and tests."""
        return {
            "input": self.input.widget,
            "check": self.check,
            "again": self.again,
            "feedback": self.feedback,
            "get": self.input.value,
        }

    def checked(self) -> Result:
        value = self.input.value()  # an untouched input is "not answered yet" (answer_parsed says so)
        if self.q.type == "ordering" and None not in value and len(set(value)) != len(value):
            return self.quiz.not_understood(self.q, "quiz.ordering_repeat")
        return self.quiz.answer_parsed(self.q, value, raw=value)

    def on_check(self, _button: w.Button) -> None:
        try:
            result = self.checked()
        except Unclear as unclear:  # 1.234: a decimal, or a thousand?
            result = self.quiz.not_understood(self.q, str(unclear))
        except Exception:  # never a traceback under a quiz: say the answer was not understood
            result = self.quiz.not_understood(self.q, f"quiz.bad.{self.q.type}")
        self.feedback.value = result._repr_html_()
        self.again.disabled = not result.understood

    def on_again(self, _button: w.Button) -> None:
        self.feedback.value = ""
        self.again.disabled = True


def build(quiz: Answering) -> w.VBox:
    """The whole quiz as a box of widgets: title, introduction, then one box per question."""
    intro = t("quiz.intro_exam" if quiz.mode == "exam" else "quiz.intro", lang=quiz.lang)
    intro = w.HTML(f"{_LAYOUT_CSS}<h3>{html.escape(quiz.title)}</h3><p>{html.escape(intro)}</p>")
    boxes = [QuestionBox(quiz, n, q) for n, q in enumerate(quiz.questions.values(), start=1)]
    for box in boxes:
        quiz.widgets[box.q.id] = box.parts()
    tail = [submit_all(quiz)] if quiz.mode == "exam" else []
    keys = w.Output(outputs=(_KEYS,), layout=w.Layout(display="none"))
    said = {"layout": w.Layout(width="100%"), "_dom_classes": ("kit-quiz", f"kit-lang-{quiz.lang}")}  # keys.js: lang
    return w.VBox([intro, keys, *(box.widget for box in boxes), *tail], **said)


def submit_all(quiz: Answering) -> w.VBox:
    """Exam mode: the "Submit all" button (records the answers once, unscored), or locked if submitted before."""
    said = {"description": t("quiz.submit_all", lang=quiz.lang), "tooltip": t("quiz.submit_tip", lang=quiz.lang)}
    button = w.Button(**said, icon="paper-plane", button_style="primary", _dom_classes=("kit-submit",))
    outcome = w.HTML("", _dom_classes=("kit-outcome",))  # keys.js moves the focus to its line

    def say(key: str, **values: Any) -> None:
        outcome.value = f'<p role="status" tabindex="-1">{html.escape(t(key, lang=quiz.lang, **values))}</p>'

    def on_submit(_button: w.Button) -> None:
        results = quiz.submit()
        button.disabled = True
        say("quiz.submitted", n=len(results)) if quiz.submitted_here else say("quiz.already_submitted")

    button.on_click(on_submit)
    quiz.widgets["_submit"] = {"submit": button, "outcome": outcome}
    if quiz.submitted:  # submitted before, in this kernel or another: locked, and nothing more is recorded
        quiz.lock_widgets()
        say("quiz.already_submitted")
    return w.VBox([button, outcome])
