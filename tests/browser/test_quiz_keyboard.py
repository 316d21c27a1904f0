"""Every quiz can be answered with the keyboard alone: reach an input, choose, press Check, hear feedback.

No mouse call is made after the notebook has run: focus moves with Tab, choices are made with
Space, arrow keys or typing, and Check is pressed with Enter. One question of each type, in the
lessons that hold it (00: single, multiple, truefalse, numeric, text; 05: ordering; 02: matching).
"""

from __future__ import annotations

import pytest

from .lab_pages import open_and_run

#: Lesson -> the question types answered there.
TYPES = {
    "00-start-here": ["single", "multiple", "truefalse", "numeric", "text"],
    "05-timeline": ["ordering"],
    "02-who-is-who": ["matching"],
}
#: Keys that choose an answer once the first input of a question has the focus.
CHOOSE = {
    "single": ["Space"],
    "multiple": ["Space"],
    "truefalse": ["Space"],
    "numeric": ["Control+a", "8", "0"],
    "text": ["T", "r", "i", "p", "o", "l", "i"],
    "ordering": ["End"],
    "matching": ["End"],
}


def _answer_with_keys(page, box, kind: str, check_label: str) -> str:
    box.scroll_into_view_if_needed()
    # the first focusable control of the question: reached from the box by Tab, like a keyboard user
    box.evaluate("b => { b.tabIndex = -1; b.focus(); }")
    page.keyboard.press("Tab")
    for key in CHOOSE[kind]:
        page.keyboard.press(key)
    check = box.get_by_role("button", name=check_label)
    for _ in range(30):
        if check.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert check.evaluate("el => el === document.activeElement"), f"{kind}: Tab never reached Check"
    page.keyboard.press("Enter")
    alert = box.locator('[role="alert"]')
    alert.wait_for(timeout=10_000)
    return alert.inner_text()


@pytest.mark.parametrize("notebook", list(TYPES))
def test_each_question_type_answers_from_the_keyboard(page, lab, notebook):
    open_and_run(page, lab, "en", notebook, workspace=f"keys-{notebook}")
    page.keyboard.press("Escape")
    for kind in TYPES[notebook]:
        box = page.locator(f".kit-question.kit-q-{kind}").first
        assert box.count() == 1, f"no {kind} question in {notebook}"
        said = _answer_with_keys(page, box, kind, "Check")
        assert said.strip(), f"{kind}: Check gave no feedback"
