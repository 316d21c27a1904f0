"""The class rehearsal (issue 22): what each person of a class does in a lesson, and what must hold.

- :func:`beginner`: Run All before answering; every quiz question left empty, then wrong, then
  right (a number with a decimal comma); the first core exercise with a beginner's errors, one
  real wrong answer, then ``helpers.solution`` and the code it shows pasted; a number with a
  decimal comma where one is asked; the other core exercises right; Restart and Run All in lessons
  00 and 03; hand in.
- :func:`strong`: Run All, every question and core exercise right at the first try, hand in.
- :func:`exam_taker`: the quiz in exam mode (as the guides tell a teacher to set it), one answer
  changed before "Submit all", lesson 00 restarted between saving and submitting; nothing says
  right or wrong, the answers are recorded once, unscored; the quiz cell run again shows the exam
  locked and records nothing; hand in. The teacher's summary scores the exam (:func:`teacher`).
- :func:`teacher`: the class summary of the handed-in files, in the class's language.

Each asserts what the person sees (no traceback, every message in the lesson's language, nothing
that gives an answer before it is tried, a pointer and never the answer after a wrong try) and
what is recorded (nothing for untouched cells or runs again; first and last tries as made).
Screenshots of each step go to ``tests/classroom/artifacts/<lang>-<person>/``.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from helpers import exercises
from helpers.i18n import catalogue
from tests.browser.lab_pages import (
    TOWNS,
    attempts,
    cells,
    leaflet_frames,
    open_and_run,
    open_lesson,
    restart_and_run_all,
    restart_kernel,
    run_cell,
)
from tests.browser.test_accessibility import LAB_VIEWPORT, check_lesson_outputs
from tests.test_no_giveaways import GIVEN, forms

from .people import (
    EXAM_WORDS,
    NOT_ANSWERED,
    WORDS,
    box_of,
    exercise_cells,
    give,
    gives_away,
    questions,
    right_answer,
    snap,
    wrong_answer,
)

ROOT = Path(__file__).resolve().parents[2]
#: What each lesson shows besides its quiz and exercises: town markers per map, a chart's alt text.
SHOWS = {
    "00-start-here": {"map_towns": TOWNS, "chart_alt": {"en": "Stacked bars", "id": "Batang bertumpuk"}},
    "03-mapping-control": {"map_towns": TOWNS, "chart_alt": {"en": "Stacked bars", "id": "Batang bertumpuk"}},
    "04-foreign-backing": {"map_towns": None, "chart_alt": {"en": "Bar chart", "id": "Grafik batang"}},
}
#: Lessons the beginner restarts and runs again (issue 22 saw 00.2 recorded five times after restarts).
RESTARTED = {"00-start-here", "03-mapping-control"}

#: A beginner's errors at an exercise (the answer's name filled in), and what the kit must say:
#: an open quote, a word without its quotes, a misspelt column read with a dot (the form lesson 00
#: teaches) and with brackets, an empty text. None of them is recorded.
BEGINNER = [
    ('{var} = "Tripoli', {"en": "every text needs a quote at both ends", "id": "tanda kutip di kedua ujungnya"}),
    ("{var} = Tripoli", {"en": 'put it in quotes: "Tripoli"', "id": 'di antara tanda kutip: "Tripoli"'}),
    ("{var} = helpers.data.load_places().Plcae", {"en": "no column 'Plcae'", "id": "Tidak ada kolom 'Plcae'"}),
    ('{var} = helpers.data.load_places()["Plcae"]', {"en": "'Plcae'", "id": "'Plcae'"}),
    ('{var} = ""', {"en": "Nothing was recorded", "id": "Belum ada yang dicatat"}),
]
#: A real wrong answer (recorded as a wrong try), whatever the exercise asks.
WRONG_TRY = '{var} = "Paris"'
CORRECT = {"en": "Correct! Well done.", "id": "Benar! Bagus sekali."}
DECIMAL_COMMA = {"en": "Write decimals with a dot", "id": "Tulis desimal dengan titik"}


# ------------------------------------------------------------------ what is recorded and shown
def recorded(student, lesson: str, kinds=("quiz", "exercise")) -> list[dict]:
    """The attempts ``student``'s kernels wrote for ``lesson``."""
    return [r for r in attempts(student.progress) if r.get("lesson") == lesson and r.get("kind") in kinds]


def by_item(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row["item"], []).append(row)
    return out


def outputs_text(page, *, upto: int | None = None) -> str:
    """What the outputs of the open notebook say (of cells before ``upto``), folded tracebacks left out."""
    return page.evaluate(
        """(upto) => { const ws = window.jupyterapp.shell.currentWidget.content.widgets;
        return ws.slice(0, upto === null ? ws.length : upto).map(c => {
          const a = c.node.querySelector('.jp-OutputArea'); if (!a) return '';
          const copy = a.cloneNode(true); copy.querySelectorAll('details').forEach(d => d.remove());
          return copy.innerText; }).join('\\n'); }""",
        upto,
    )


def _foreign_phrases() -> dict[str, list[str]]:
    """Per language, the kit's messages of the *other* language (their fixed opening words)."""
    phrases: dict[str, list[str]] = {"en": [], "id": []}
    for texts in catalogue().values():
        en, id_ = (texts.get("en") or ""), (texts.get("id") or "")
        for lang, other, mine in (("en", id_, en), ("id", en, id_)):
            opening = re.split(r"[{\n]", other, maxsplit=1)[0].strip()
            if len(opening) >= 18 and opening not in mine:
                phrases[lang].append(opening)
    return phrases


FOREIGN = _foreign_phrases()


def in_its_language(shown: str, lang: str) -> list[str]:
    """The kit's messages of the other language found in ``shown`` (should be none)."""
    return [p for p in FOREIGN[lang] if p in shown]


def no_trouble(page, lang: str, where: str) -> str:
    """After a run: no error output, dialog or traceback, every message in ``lang``; what is shown."""
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, (where, errors.first.inner_text()[:500])
    assert page.locator(".jp-Dialog").count() == 0, where
    shown = outputs_text(page)
    assert "Traceback" not in shown, f"{where}: a traceback shows"
    assert not in_its_language(shown, lang), (where, in_its_language(shown, lang))
    return shown


def nothing_gives_an_exercise_away(page, lesson: str, where: str) -> None:
    """No output above a core exercise shows its answer (the executed notebook's own test, in the browser)."""
    for index, exercise_id, _ in exercise_cells(page):
        if exercise_id in GIVEN:
            continue
        above = outputs_text(page, upto=index)
        for pattern in forms(exercises.get(exercise_id).expected()):
            assert not pattern.search(above), f"{where}: {exercise_id}'s answer shows above it: {pattern.pattern}"


def close_kernels(page) -> None:
    """Shut the lesson's kernel down, as closing the tab with "shut down kernel" does (memory stays flat)."""
    try:
        page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
        page.locator(".jp-Dialog .jp-mod-accept").click(timeout=3_000)
    except Exception:
        pass


def hand_in(page, student, lang: str, lesson: str, person: str) -> Path:
    """Run the hand-in cell: the file it names exists; keep it for the teacher."""
    index = next(i for i, c in enumerate(cells(page)) if c["source"].strip() == "helpers.hand_in()")
    shown = run_cell(page, index)
    snap(page, person, lang, lesson, "hand-in", page.locator(".jp-Cell").nth(index))
    written = [Path(p) for p in re.findall(r"(/\S+?\.csv)", shown)]
    assert written and all(p.is_file() for p in written), shown[:600]
    assert student.name.lower() in written[0].name.lower(), (student.name, written[0])
    student.hand_ins.append(written[0])
    return written[0]


def shows_its_parts(page, lang: str, lesson: str) -> None:
    """The lesson's maps draw every town on the offline border layer; its charts carry alt text."""
    expect = SHOWS.get(lesson, {})
    if expect.get("map_towns") is not None:
        towns, frames = [], []
        for _ in range(100):  # up to 10 s for the map iframes to load Leaflet and draw
            frames = leaflet_frames(page)
            towns = [f.evaluate("document.querySelectorAll('.kit-town').length") for f in frames]
            if expect["map_towns"] in towns:
                break
            page.wait_for_timeout(100)
        assert frames, "no map iframe with Leaflet loaded"
        borders = [f.evaluate("document.querySelectorAll('path[stroke=\"#555\"]').length") for f in frames]
        assert expect["map_towns"] in towns, towns
        assert all(b >= 7 for b in borders), borders  # the Natural Earth base layer: 7 countries
    if expect.get("chart_alt"):
        images = page.locator("img[alt]")
        alts = [images.nth(i).get_attribute("alt") for i in range(images.count())]
        assert any(a and a.startswith(expect["chart_alt"][lang]) for a in alts), alts


# ------------------------------------------------------------------ the people
def beginner(page, student, lang: str, lesson: str) -> None:
    page.set_viewport_size(LAB_VIEWPORT)
    person, where = "beginner", f"{lang}/{lesson} ({student.name})"
    open_and_run(page, student, lang, lesson)  # Run All before answering anything
    page.set_viewport_size({"width": 1280, "height": 900})
    snap(page, person, lang, lesson, "run-all")
    page.set_viewport_size(LAB_VIEWPORT)
    no_trouble(page, lang, where)
    assert recorded(student, lesson) == [], f"{where}: Run All on an untouched lesson recorded attempts"
    assert student.saved_name() == student.name, f"{where}: Run All forgot the student's saved name"
    nothing_gives_an_exercise_away(page, lesson, where)
    check_lesson_outputs(page, where)  # axe, before any click changes what is shown
    shows_its_parts(page, lang, lesson)

    asked = questions(lesson, lang)
    for q in asked:  # empty, wrong, then right
        said = give(page, q, lang, _empty(q), button=WORDS[lang]["check"])
        assert NOT_ANSWERED[lang] in said, (where, q.id, said)
        wrong = give(page, q, lang, wrong_answer(q, lang), button=WORDS[lang]["check"])
        snap(page, person, lang, lesson, f"{q.id}-wrong", box_of(page, q, lang))
        assert WORDS[lang]["wrong"] in wrong, (where, q.id, wrong)
        assert not gives_away(q, lang, wrong), f"{where}: a first wrong try at {q.id} is told the answer: {wrong}"
        right = give(page, q, lang, right_answer(q, lang, decimal_comma=True), button=WORDS[lang]["check"])
        snap(page, person, lang, lesson, f"{q.id}-right", box_of(page, q, lang))
        assert WORDS[lang]["right"] in right, (where, q.id, right)
    tries = by_item(recorded(student, lesson, kinds=("quiz",)))
    for q in asked:
        marks = [(r["correct"], r["attempt"], r["mode"]) for r in tries.get(f"{lesson}/{q.id}", [])]
        assert marks == [(False, 1, "practice"), (True, 2, "practice")], (where, q.id, marks)

    if lesson in RESTARTED:  # Kernel > Restart Kernel and Run All: nothing recorded again
        before = recorded(student, lesson)
        restart_and_run_all(page)
        assert recorded(student, lesson) == before, f"{where}: Restart Kernel and Run All recorded attempts again"
        no_trouble(page, lang, where)

    found = exercise_cells(page)
    for n, (index, exercise_id, var) in enumerate(found):
        before = recorded(student, lesson)
        if n == 0:
            _first_exercise(page, student, lang, lesson, index, exercise_id, var)
            continue
        if isinstance(exercises.get(exercise_id).expected(), float):  # 79,7: a decimal comma
            shown = run_cell(page, index, f'{var} = 79,7\nhelpers.check("{exercise_id}", {var})')
            assert DECIMAL_COMMA[lang] in shown and "Traceback" not in shown, (where, exercise_id, shown[:400])
            assert recorded(student, lesson) == before, f"{where}: a decimal comma was recorded as a try"
        shown = run_cell(page, index, exercises.get(exercise_id).solution)
        assert CORRECT[lang] in shown, (where, exercise_id, shown[:600])
        new = recorded(student, lesson)[len(before) :]
        assert [(r["item"], r["correct"]) for r in new] == [(exercise_id, True)], (where, new)
        shown = run_cell(page, index)  # the same answer run again: not a new try
        assert recorded(student, lesson)[len(before) :] == new, f"{where}: the same answer run again was recorded"
    hand_in(page, student, lang, lesson, person)
    close_kernels(page)


def _first_exercise(page, student, lang, lesson, index, exercise_id, var) -> None:
    """A beginner's errors (explained, not recorded), a wrong try, the model solution looked at and pasted."""
    where = f"{lang}/{lesson} {exercise_id} ({student.name})"
    before = recorded(student, lesson)
    for wrong, said in BEGINNER:
        shown = run_cell(page, index, wrong.format(var=var) + f'\nhelpers.check("{exercise_id}", {var})')
        snap(page, "beginner", lang, lesson, f"{exercise_id}-error", page.locator(".jp-Cell").nth(index))
        assert said[lang] in shown, (where, wrong, shown[:600])
        assert "Traceback" not in shown and not in_its_language(shown, lang), (where, wrong, shown[:600])
    assert recorded(student, lesson) == before, f"{where}: an error was recorded as a try"
    shown = run_cell(page, index, WRONG_TRY.format(var=var) + f'\nhelpers.check("{exercise_id}", {var})')
    for pattern in forms(exercises.get(exercise_id).expected()):  # a pointer, never the answer
        assert not pattern.search(shown), f"{where}: a wrong try is shown the answer: {shown[:400]}"
    shown = run_cell(page, index, f'helpers.solution("{exercise_id}")')
    snap(page, "beginner", lang, lesson, f"{exercise_id}-solution", page.locator(".jp-Cell").nth(index))
    code = page.locator(".jp-Cell").nth(index).locator(".jp-OutputArea pre, .jp-OutputArea code").last.inner_text()
    assert "helpers.check" in code and "return" not in code.split("\n")[-1], (where, code)
    shown = run_cell(page, index, code)  # pasted as shown
    assert CORRECT[lang] in shown, (where, "the pasted solution", shown[:600])
    new = recorded(student, lesson, kinds=("quiz", "exercise", "solution"))
    new = [(r["kind"], r["correct"]) for r in new if r["item"] == exercise_id]
    assert new == [("exercise", False), ("solution", False), ("exercise", True)], (where, new)


def _empty(q):
    """Nothing chosen, or an empty box: Check pressed before answering."""
    from .people import Answer

    return Answer(None, "")


def strong(page, student, lang: str, lesson: str) -> None:
    person, where = "strong", f"{lang}/{lesson} ({student.name})"
    open_and_run(page, student, lang, lesson)
    no_trouble(page, lang, where)
    asked = questions(lesson, lang)
    for q in asked:
        said = give(page, q, lang, right_answer(q, lang, decimal_comma=lang == "id"), button=WORDS[lang]["check"])
        assert WORDS[lang]["right"] in said, (where, q.id, said)
    if asked:
        quiz = page.locator(".jp-OutputArea-output").filter(has=page.locator(".kit-question")).first
        snap(page, person, lang, lesson, "quiz", quiz)
    for index, exercise_id, _ in exercise_cells(page):
        shown = run_cell(page, index, exercises.get(exercise_id).solution)
        assert CORRECT[lang] in shown, (where, exercise_id, shown[:600])
    tries = by_item(recorded(student, lesson))
    expected = {f"{lesson}/{q.id}" for q in asked} | {e for _, e, _ in exercise_cells(page)}
    assert set(tries) == expected, (where, sorted(tries), sorted(expected))
    for item, rows in tries.items():
        assert [r["correct"] for r in rows] == [True], (where, item, rows)
    hand_in(page, student, lang, lesson, person)
    close_kernels(page)


def exam_wrong(lesson: str, lang: str):
    """The question the exam-taker leaves wrong at "Submit all" (the last, if there are two or more)."""
    asked = questions(lesson, lang)
    return asked[-1] if len(asked) > 1 else None


def exam_taker(page, student, lang: str, lesson: str) -> None:
    """The quiz set to exam mode by the teacher; one answer changed; Submit all; recorded once, unscored."""
    person, where, words = "exam", f"{lang}/{lesson} ({student.name})", EXAM_WORDS[lang]
    open_lesson(page, student, lang, lesson, workspace=f"{lang}-{lesson}-exam")
    found = cells(page)
    first = next(i for i, c in enumerate(found) if c["type"] == "code")
    quiz_cell = next(i for i, c in enumerate(found) if "helpers.quiz.show(" in c["source"])
    exam_source = found[quiz_cell]["source"].replace(f'"{lesson}")', f'"{lesson}", mode="exam")')
    run_cell(page, first)
    run_cell(page, quiz_cell, exam_source)
    shown = no_trouble(page, lang, where)
    assert words["submit"] in shown or page.get_by_role("button", name=words["submit"]).count() == 1
    assert page.get_by_role("button", name=WORDS[lang]["check"], exact=True).count() == 0, "a Check button in the exam"
    asked = questions(lesson, lang)
    changed, wrong_kept = asked[0], exam_wrong(lesson, lang)
    for q in asked:
        first_answer = wrong_answer(q, lang) if q in (changed, wrong_kept) else right_answer(q, lang)
        said = give(page, q, lang, first_answer, button=words["save"])
        assert words["saved"] in said and WORDS[lang]["right"] not in said and WORDS[lang]["wrong"] not in said, (
            where,
            q.id,
            said,
        )
    said = give(page, changed, lang, right_answer(changed, lang, decimal_comma=True), button=words["save"])
    assert words["saved"] in said, (where, said)
    snap(page, person, lang, lesson, "drafts", page.locator(".jp-Cell").nth(quiz_cell))
    assert recorded(student, lesson) == [], f"{where}: an exam answer was recorded before Submit all"
    if lesson == "00-start-here":  # the kernel restarts before the student submits: the drafts come back
        restart_kernel(page)
        run_cell(page, first)
        run_cell(page, quiz_cell)
        assert box_of(page, changed, lang).locator(".widget-html").last.inner_text().startswith(words["saved"])
    page.get_by_role("button", name=words["submit"]).click()
    cell = page.locator(".jp-Cell").nth(quiz_cell)
    cell.get_by_text(words["submitted"]).first.wait_for(timeout=15_000)  # "Submitted: n answer(s); your teacher ..."
    snap(page, person, lang, lesson, "submitted", cell)
    said = cell.locator(".jp-Cell-outputArea").inner_text()
    for verdict in (WORDS[lang]["right"], WORDS[lang]["wrong"], "✔", "✘"):  # no verdict, no score, no explanation
        assert verdict not in said, (where, verdict, said[-600:])
    assert not re.search(r"\d+/\d+", said), (where, "a score shows", said[-600:])
    rows = by_item(recorded(student, lesson))
    for q in asked:  # the raw answer, once, unscored: the teacher's summary scores it
        marks = [(r["correct"], r.get("score"), r["mode"]) for r in rows.get(f"{lesson}/{q.id}", [])]
        assert marks == [(None, None, "exam")], (where, q.id, marks)
    before = recorded(student, lesson)
    run_cell(page, quiz_cell)  # the cell run again: the exam stays submitted and locked
    cell.get_by_text(words["again"]).first.wait_for(timeout=15_000)
    assert page.get_by_role("button", name=words["submit"]).is_disabled(), f"{where}: the exam reopened"
    assert recorded(student, lesson) == before, f"{where}: a second submission was recorded"
    hand_in(page, student, lang, lesson, person)
    close_kernels(page)


def teacher(lang: str, students: dict, tmp_path: Path) -> tuple[list[dict], dict[str, dict]]:
    """Collect the class's hand-in files, run the class summary in the class's language, read it."""
    folder = tmp_path / "collected"
    folder.mkdir()
    for student in students.values():
        if student.hand_ins:  # one file per student and day, with everything so far: the last one
            (folder / f"{student.name}.csv").write_bytes(student.hand_ins[-1].read_bytes())
    handed = {s.name for s in students.values() if s.hand_ins}
    assert handed, "nobody of this class handed anything in (run the students' tests first)"
    done = subprocess.run(
        [sys.executable, "-m", "kit_teacher.summary", str(folder), "--lang", lang, "--out", str(tmp_path / "s.png")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    said = done.stdout + done.stderr
    assert "Traceback" not in said and not in_its_language(said, lang), said[-2000:]
    table = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    rows = csv.DictReader((tmp_path / "s-students.csv").open(encoding="utf-8"))
    per_student = {row[next(iter(row))]: row for row in rows}
    assert handed <= set(per_student), (handed, list(per_student))
    return table, per_student
