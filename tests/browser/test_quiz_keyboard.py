"""Every quiz can be answered with the keyboard alone, in JupyterLab, and its keys stay in the quiz (issue 25).

The page is entered once, by a click on the quiz's title; from then on only keys are pressed: Tab
to move, Space, arrows, End or typing to choose, Enter to press Check and Try again. No focus is
set by script. On every kind of control (radio, check box, True/False button, text box, drop-down,
button) the test also presses JupyterLab's command-mode shortcuts ``a``, ``b``, ``d d``, ``m``,
``y``, arrows and Shift+Enter, which added, changed or deleted cells before (``d d`` deleted the
quiz), and at the end the notebook's cells must be as they were, in number and in source.

Every control that has the focus must show it: its outline (computed style) at 3:1 or more against
the background around it (WCAG 1.4.11). The chosen True/False differs from the other by 3:1 and
says it is pressed. One question of each type: lesson 00 (single, truefalse, multiple, text,
numeric), 01 (ordering) and 02 (matching). In an exam, "Submit all" disables every control, the
pressed button too: the focus goes to the line that says what was submitted.
"""

from __future__ import annotations

import re

import pytest

from tests.colour_checks import contrast_ratio

from .lab_pages import cells, open_and_run, run_cell

#: Lesson -> the question types answered there (each the first of its type, in the order of the page).
TYPES = {
    "00-start-here": ["single", "truefalse", "multiple", "text", "numeric"],
    "01-reading-the-news": ["ordering"],
    "02-who-is-who": ["matching"],
}
#: JupyterLab's command-mode shortcuts: insert above and below, delete, to Markdown, to code.
SHORTCUTS = ["a", "b", "d", "d", "m", "y"]

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  let back = 'rgba(0, 0, 0, 0)';
  for (let p = e.parentElement; p; p = p.parentElement) {
    const b = getComputedStyle(p).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(b) && b !== 'transparent') { back = b; break; }
  }
  return {tag: e.tagName.toLowerCase(), type: e.type || '', text: (e.innerText || e.value || '').trim(),
          outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
          outlineOffset: parseFloat(s.outlineOffset), background: back, own: s.backgroundColor,
          checked: !!e.checked, pressed: e.getAttribute('aria-pressed'),
          question: e.closest('.kit-question') ? [...document.querySelectorAll('.kit-question')].indexOf(e.closest('.kit-question')) : -1};
}"""


def _hex(css: str) -> str:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def focused(page) -> dict:
    """What has the focus, read (never set) by script."""
    now = page.evaluate(FOCUSED)
    assert now is not None, "focus dropped to the page"
    return now


def assert_focus_seen(page, where: str) -> dict:
    now = focused(page)
    assert now["outlineStyle"] not in ("none", "hidden") and now["outlineWidth"] >= 2, f"{where}: faint focus {now}"
    ratio = contrast_ratio(_hex(now["outlineColor"]), _hex(now["background"]))
    assert ratio >= 3, f"{where}: focus outline {now['outlineColor']} on {now['background']} is {ratio:.2f}:1"
    if now["outlineOffset"] < 1:  # a ring on the control itself must also stand out from the control
        own = contrast_ratio(_hex(now["outlineColor"]), _hex(now["own"]))
        assert own >= 3, f"{where}: focus outline {now['outlineColor']} on the control is {own:.2f}:1"
    return now


def tab_into(page, box, where: str, limit: int = 40) -> dict:
    """Press Tab until the focus is inside ``box`` (a question), as a keyboard user would."""
    for _ in range(limit):
        if box.evaluate("b => b.contains(document.activeElement)"):
            return assert_focus_seen(page, where)
        page.keyboard.press("Tab")
    raise AssertionError(f"{where}: {limit} Tabs never reached the question")


def press_shortcuts(page, box, where: str) -> None:
    """JupyterLab's shortcuts on the focused control: nothing happens, focus stays in the question."""
    before = focused(page)
    for key in SHORTCUTS:
        page.keyboard.press(key)
    if before["tag"] != "select" and before["type"] != "text":  # typing into these is their own business
        assert focused(page) == before, f"{where}: a shortcut changed the control {before} -> {focused(page)}"
    assert box.evaluate("b => b.contains(document.activeElement)"), f"{where}: a shortcut moved focus away"


def tab_to_button(page, box, name: str, where: str) -> None:
    for _ in range(30):
        now = focused(page)
        if now["tag"] == "button" and now["text"] == name:
            assert_focus_seen(page, f"{where}, {name}")
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{where}: Tab never reached {name}")


def check_then_try_again(page, box, where: str) -> None:
    """Enter on Check gives feedback and keeps focus there; Enter on Try again brings it back to the answer."""
    tab_to_button(page, box, "Check", where)
    press_shortcuts(page, box, f"{where}, Check")
    page.keyboard.press("Enter")
    alert = box.locator('[role="alert"]')
    alert.wait_for(timeout=10_000)
    assert alert.inner_text().strip(), f"{where}: Check gave no feedback"
    assert focused(page)["text"] == "Check", f"{where}: focus left Check"
    again = box.get_by_role("button", name="Try again")
    again.wait_for(timeout=5_000)
    page.wait_for_function("b => !b.disabled", arg=again.element_handle(), timeout=10_000)
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Try again", f"{where}: Tab after Check did not reach Try again"
    page.keyboard.press("Enter")
    page.wait_for_function("b => b.disabled", arg=again.element_handle(), timeout=10_000)
    now = focused(page)
    assert now["tag"] in ("input", "select", "button") and now["text"] not in ("Try again", "Check"), now
    assert box.evaluate("b => b.contains(document.activeElement)"), f"{where}: after Try again focus left the question"
    assert_focus_seen(page, f"{where}, after Try again")


def answer_single(page, box, where):
    first = tab_into(page, box, where)
    assert first["type"] == "radio", first
    press_shortcuts(page, box, where)
    page.keyboard.press("ArrowDown")  # the next option of this question, chosen
    second = focused(page)
    assert second["type"] == "radio" and second["checked"] and second["question"] == first["question"], second
    assert second["text"] != first["text"], f"{where}: ArrowDown did not move to the next option"  # their values
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    press_shortcuts(page, box, where)
    page.keyboard.press("Shift+Enter")  # runs no cell and leaves nothing
    assert assert_focus_seen(page, where) == second, f"{where}: Shift+Enter moved the focus"
    check_then_try_again(page, box, where)


def answer_truefalse(page, box, where):
    first = tab_into(page, box, where)
    assert first["tag"] == "button" and first["pressed"] == "false", first
    press_shortcuts(page, box, where)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.activeElement.getAttribute('aria-pressed') === 'true'", timeout=10_000)
    chosen = assert_focus_seen(page, where)
    other = box.locator(".widget-toggle-button[aria-pressed=false]").first
    grey = other.evaluate("b => getComputedStyle(b).backgroundColor")
    ratio = contrast_ratio(_hex(chosen["own"]), _hex(grey))
    assert ratio >= 3, f"{where}: the chosen button {chosen['own']} against the other {grey} is {ratio:.2f}:1"
    check_then_try_again(page, box, where)


def answer_multiple(page, box, where):
    first = tab_into(page, box, where)
    assert first["type"] == "checkbox", first
    press_shortcuts(page, box, where)
    for key in ("ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight"):
        page.keyboard.press(key)
        assert focused(page) == first, f"{where}: {key} left the check box"
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    page.keyboard.press("Tab")
    assert focused(page)["type"] == "checkbox"
    assert_focus_seen(page, where)
    page.keyboard.press("Space")
    check_then_try_again(page, box, where)


def answer_typed(words):
    def answer(page, box, where):
        first = tab_into(page, box, where)
        assert first["tag"] == "input" and first["type"] == "text", first
        press_shortcuts(page, box, where)  # typed into the box, which is what a text box is for
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Control+a")
        page.keyboard.type(words)
        assert focused(page)["text"] == words
        check_then_try_again(page, box, where)

    return answer


def answer_dropdowns(page, box, where):
    first = tab_into(page, box, where)
    assert first["tag"] == "select", first
    count = box.locator("select").count()
    for n in range(1, count + 1):
        press_shortcuts(page, box, where)  # typing a letter on a drop-down picks an option by its first letter
        page.keyboard.press("Home")
        for _ in range(n):  # a different option in each: the first, the second...
            page.keyboard.press("ArrowDown")
        now = assert_focus_seen(page, where)
        assert now["tag"] == "select" and now["question"] == first["question"], f"{where}: an arrow left the drop-down"
        if n < count:
            page.keyboard.press("Tab")
    chosen = box.locator("select").evaluate_all("ss => ss.map(s => s.selectedIndex)")
    assert chosen == list(range(1, count + 1)), f"{where}: the arrows chose {chosen}"
    check_then_try_again(page, box, where)


ANSWER = {
    "single": answer_single,
    "truefalse": answer_truefalse,
    "multiple": answer_multiple,
    "text": answer_typed("Sirte"),
    "numeric": answer_typed("80"),
    "ordering": answer_dropdowns,
    "matching": answer_dropdowns,
}


@pytest.mark.parametrize("notebook", list(TYPES))
def test_each_question_type_answers_from_the_keyboard_and_keeps_its_keys(page, lab, notebook):
    open_and_run(page, lab, "en", notebook, workspace=f"keys-{notebook}")
    before = cells(page)
    title = page.locator(".kit-quiz h3").first
    title.scroll_into_view_if_needed()
    title.click()  # the one way in that is not a key
    shown = page.evaluate("() => [...document.querySelectorAll('.kit-question')].map(b => b.className)")
    for kind in sorted(TYPES[notebook], key=lambda k: next(i for i, c in enumerate(shown) if f"kit-q-{k}" in c)):
        box = page.locator(f".kit-question.kit-q-{kind}").first
        assert box.count() == 1, f"no {kind} question in {notebook}"
        where = f"{notebook} {kind}"
        box.scroll_into_view_if_needed()
        ANSWER[kind](page, box, where)
    after = cells(page)
    assert len(after) == len(before), f"{notebook}: {len(before)} cells became {len(after)}"
    assert after == before, f"{notebook}: a cell's type or source changed under the quiz's keys"


def test_after_submit_all_the_focus_is_on_what_was_submitted(page, lab):
    open_and_run(page, lab, "en", "00-start-here", workspace="keys-exam")
    index = next(i for i, c in enumerate(cells(page)) if 'quiz.show("00-start-here")' in c["source"])
    run_cell(page, index, 'helpers.quiz.show("00-start-here", mode="exam")')
    title = page.locator(".kit-quiz h3").first
    title.scroll_into_view_if_needed()
    title.click()
    for _ in range(60):
        if focused(page)["text"] == "Submit all":
            break
        page.keyboard.press("Tab")
    assert_focus_seen(page, "Submit all")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.kit-outcome p')", timeout=15_000)
    now = assert_focus_seen(page, "after Submit all")
    assert now["text"].startswith("Submitted: 0 answer(s)"), now
    assert page.locator(".kit-question button:not([disabled])").count() == 0, "a control of the exam is still enabled"
