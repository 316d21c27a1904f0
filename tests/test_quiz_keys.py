"""The quiz keeps its keys from JupyterLab's shortcuts and names its parts (issue 25).

JupyterLab's command-mode shortcuts fired on a quiz's radio buttons, check boxes, drop-downs and
buttons (``d d`` deleted the quiz cell). Lumino skips every shortcut for a key pressed on an element
with ``data-lm-suppress-shortcuts``; ipywidgets cannot set an attribute, so the quiz carries a small
script (helpers/static/quiz/keys.js) in a hidden Output widget, whose outputs JupyterLab trusts.
The browser test (tests/browser/test_quiz_keyboard.py) presses the keys; these check the parts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import ipywidgets as w
import pytest

from helpers import quiz

LAB_STATIC = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"  # JupyterLab of this environment


def _script(box: w.VBox) -> str:
    (keys,) = [c for c in box.children if isinstance(c, w.Output)]
    assert keys.layout.display == "none"  # it shows nothing
    (output,) = keys.outputs
    return output["data"]["text/html"]


@pytest.mark.parametrize("mode", ["practice", "exam"])
def test_every_quiz_carries_the_script_once(mode):
    loaded = quiz.show("00-start-here", mode=mode)
    box = loaded.widget()
    script = _script(box)
    assert script.startswith("<script>") and script.rstrip().endswith("</script>")
    assert script.count("<script") == 1 and "/*" not in script  # comments stay in the file
    assert "data-lm-suppress-shortcuts" in script
    assert "kit-quiz" in box._dom_classes and isinstance(box.children[0], w.HTML)  # the intro stays first
    for qid in loaded.questions:
        assert "kit-again" in loaded.widgets[qid]["again"]._dom_classes  # after it, focus goes back to the answer


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_quiz_says_its_language(lang):
    """keys.js turns kit-lang-id into lang="id": JupyterLab's page is lang="en" in either edition."""
    assert f"kit-lang-{lang}" in quiz.show("00-start-here", lang=lang).widget()._dom_classes


def test_the_prompt_names_the_question_group():
    loaded = quiz.show("00-start-here")
    questions = [c for c in loaded.widget().children if "kit-question" in c._dom_classes]
    assert len(questions) == len(loaded.questions)
    for question in questions:
        assert "kit-prompt" in question.children[0]._dom_classes  # keys.js labels the group by it


def test_the_installed_jupyterlab_honours_the_attribute_the_script_sets():
    """If JupyterLab or lumino renamed the attribute, the quiz would lose its keys again: fail here."""
    bundles = sorted(LAB_STATIC.glob("jlab_core*.js"))
    if not bundles:
        pytest.skip("JupyterLab's static files are not in .venv")
    core = bundles[0].read_text(encoding="utf-8")
    assert re.search(r'hasAttribute\("data-lm-suppress-shortcuts"\)', core), "lumino no longer skips that attribute"
    # the script marks the element in the capture phase, before JupyterLab's listener, which bubbles
    assert any("bubblingKeydown:!0" in p.read_text(encoding="utf-8") for p in LAB_STATIC.glob("*.js"))


#: The grey of an unchosen ipywidgets button (JupyterLab's --jp-layout-color2 in the light theme).
BUTTON_GREY = "#eeeeee"


def test_focus_and_the_chosen_true_or_false_stand_out_by_3_to_1():
    """WCAG 1.4.11: the focus ring against the page, the chosen button against the unchosen one."""
    from helpers.quiz_widgets import _LAYOUT_CSS
    from helpers.style import INK
    from tests.colour_checks import contrast_ratio

    assert f"outline:3px solid {INK['focus']} !important" in _LAYOUT_CSS
    assert f".mod-active{{background:{INK['selected']} !important;color:{INK['paper']}" in _LAYOUT_CSS
    assert contrast_ratio(INK["focus"], INK["paper"]) >= 3 and contrast_ratio(INK["focus"], BUTTON_GREY) >= 3
    assert contrast_ratio(INK["selected"], BUTTON_GREY) >= 3
    assert contrast_ratio(INK["paper"], INK["selected"]) >= 4.5  # its word stays readable


@pytest.mark.parametrize(("lang", "words"), [("en", "Submitted: 1 answer(s)"), ("id", "Terkirim: 1 jawaban")])
def test_submit_all_says_what_was_submitted_on_a_line_that_can_take_the_focus(lang, words, tmp_path, monkeypatch):
    """keys.js focuses the line after "Submit all", which disables every control (the button too)."""
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    exam = quiz.show("00-start-here", mode="exam", lang=lang)
    exam.answer("q1", "b")
    parts = exam.widgets["_submit"]
    assert "kit-submit" in parts["submit"]._dom_classes and "kit-outcome" in parts["outcome"]._dom_classes
    parts["submit"].click()
    assert parts["outcome"].value.startswith('<p role="status" tabindex="-1">') and words in parts["outcome"].value
    assert parts["submit"].disabled
