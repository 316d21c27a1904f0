"""What a check records: nothing for an untouched cell or a rerun; model solutions that paste and run.

Run All before answering, and "Restart Kernel and Run All" after, must leave the tries the teacher
sees (first try, final result) as the student made them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import exercises, progress
from helpers.check import check, solution

ROOT = Path(__file__).resolve().parent.parent
IDS = [ex.id for ex in exercises.all_exercises()]


def _tries(item: str) -> list[bool]:
    frame = progress.attempts()
    return list(frame.loc[(frame["kind"] == "exercise") & (frame["item"] == item), "correct"])


def _cells(exercise_id: str) -> dict[str, str]:
    """The text of the exercise's cell in each edition's MyST source."""
    found = {}
    for path in sorted((ROOT / "notebooks" / "src").glob("*/[0-9][0-9]-*.md")):
        for cell in path.read_text(encoding="utf-8").split("```{code-cell}")[1:]:
            code = cell.split("```", 1)[0]
            if re.search(rf'helpers\.check\("{re.escape(exercise_id)}", (?!\.\.\.)', code):
                found[f"{path.parent.name}/{path.name}"] = code
    return found


@pytest.mark.parametrize("exercise_id", IDS)
def test_run_all_on_an_untouched_cell_records_nothing(exercise_id):
    """Each exercise cell as written in the notebooks, run untouched (its ``...`` kept), records nothing."""
    cells = _cells(exercise_id)
    assert len(cells) == 2, f"{exercise_id}: one exercise cell per edition"
    for lang, code in cells.items():
        helpers.set_language("id" if lang.startswith("id") else "en")
        lines = [line for line in code.splitlines() if not line.startswith((":id:", ":tags:"))]
        namespace = {"helpers": helpers, "pd": pd}
        setup = {  # what earlier cells of the lesson define
            "03.3": "import math\nplaces = helpers.data.load_places().set_index('place')\n",
            "03.4": "control = helpers.data.load_control()\n",
        }.get(exercise_id, "")
        body = "\n".join(lines[:-1])
        exec(setup + body, namespace)
        answer = eval(lines[-1].split(", ", 1)[1].rsplit(")", 1)[0], namespace)
        feedback = check(exercise_id, answer)
        assert not feedback.correct and feedback.waiting, (lang, feedback.message)
        assert ("Menunggu jawabanmu" if lang.startswith("id") else "Waiting for your answer") in feedback.message
        assert "✘" not in repr(feedback) and "✘" not in feedback._repr_html_()
    assert not progress.progress_file().exists() or _tries(exercise_id) == []


def test_rerunning_the_same_answer_records_nothing_and_a_new_answer_is_recorded():
    check("00.1", 4)  # wrong
    check("00.1", 4)  # Run All again
    assert _tries("00.1") == [False]
    check("00.1", 5)  # right
    for _ in range(3):  # "Restart Kernel and Run All", three times
        check("00.1", 5)
    assert _tries("00.1") == [False, True]
    check("00.1", 4)  # back to a wrong answer: that is a new try
    assert _tries("00.1") == [False, True, False]


def test_a_table_rerun_is_the_same_answer_and_a_changed_table_is_not():
    frame = exercises.get("00.5").expected()
    check("00.5", frame.head(1))
    check("00.5", frame.head(1).copy())
    check("00.5", frame)
    check("00.5", frame.copy())
    assert _tries("00.5") == [False, True]
    fingerprints = [json_line.get("fingerprint") for json_line in _lines()]
    assert len(set(fingerprints)) == 2 and all(fingerprints)


def _lines() -> list[dict]:
    import json

    return [json.loads(line) for line in progress.progress_file().read_text(encoding="utf-8").splitlines()]


def test_first_try_score_is_unaffected_by_reruns():
    check("00.2", "Benghazi")
    check("00.2", "Tripoli")
    for _ in range(2):  # Restart and Run All twice: every cell runs again with its last answer
        check("00.2", "Tripoli")
        check("00.4", ...)
    table = progress.report(lang="en").questions
    row = table[table["question"] == "00.2"].iloc[0]
    assert (row["first try score"], row["final score"], row["tries"]) == (0.0, 1.0, 2)


def test_an_answer_without_a_stable_text_is_recorded_each_time():
    class Odd:
        def __repr__(self):
            raise RuntimeError("no")

    check("00.1", Odd())
    check("00.1", Odd())
    assert _tries("00.1") == [False, False]


def test_a_set_answer_is_the_same_answer_whatever_its_order():
    check("00.7", {"denied", "acknowledged", "reported_un", "reported_media"})
    check("00.7", {"reported_media", "reported_un", "acknowledged", "denied"})
    assert len(_tries("00.7")) == 1


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_model_solution_pastes_into_its_cell_and_checks_right(exercise_id):
    """The shown solution is code for the exercise cell: run as is, its answer checks right."""
    shown = solution(exercise_id)
    assert "return" not in shown.code.split()
    assert shown.code.splitlines()[-1] == f'helpers.check("{exercise_id}", {exercises.get(exercise_id).variable})'
    namespace = {"helpers": helpers, "pd": pd}
    exec(compile(shown.code, f"<solution {exercise_id}>", "exec"), namespace)
    assert check(exercise_id, namespace[exercises.get(exercise_id).variable]).correct
    assert progress.attempts()["kind"].tolist()[0] == "solution"  # the look is still recorded


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_solutions_variable_is_the_one_the_exercise_cell_checks(exercise_id):
    variable = exercises.get(exercise_id).variable
    for where, code in _cells(exercise_id).items():
        assert re.search(rf'helpers\.check\("{re.escape(exercise_id)}", {variable}\b', code), where
        assert re.search(rf"^{variable} = \.\.\.", code, re.M) or exercises.get(exercise_id).untouched, where
