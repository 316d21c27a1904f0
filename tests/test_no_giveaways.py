"""Nothing a student sees before an exercise gives its answer away (issue 22).

For every exercise whose expected answer is a number or a short text (the reference solution's
value, ``helpers.exercises.get(id).expected()``), no markdown cell and no output above its
``helpers.check`` cell, in either executed edition, contains that value in any of the forms a
reader would recognise (a number to one decimal, with a point or a decimal comma, the whole
value, "about N km"; a date as ``YYYY-MM-DD`` or "8 January" / "8 Januari"), and the first hint is
a pointer, not the answer. Values shorter than three characters (``5``, ``13``) are left out:
they occur everywhere and say nothing.

``GIVEN`` lists the exercises whose value the task gives on purpose, with the reason.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import exercises

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = {lang: sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]-*.ipynb")) for lang in ("en", "id")}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(),
}
#: exercises whose value the task states on purpose
GIVEN = {"00.2": "it practises the syntax of a name for a text; the text, Tripoli, is given"}


def forms(value) -> list[re.Pattern]:
    """Patterns a value is recognised by in prose or an output (empty: not a scalar, or too short).

    Examples
    --------
    >>> [p.pattern for p in forms(79.726)][:2]
    ['(?<![\\\\d.,])79\\\\.7(?!\\\\d)', '(?<![\\\\d.,])79,7(?!\\\\d)']
    >>> forms(13), forms(["a"])
    ([], [])
    """
    texts: list[str] = []
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return []
    if isinstance(value, float) and math.isfinite(value):
        one = f"{value:.1f}"
        texts = [one, one.replace(".", ","), repr(value)]
        patterns = [re.compile(rf"(?<![\d.,]){re.escape(t)}(?!\d)") for t in texts]
        for whole in {round(value), int(round(value, -1))}:
            patterns.append(re.compile(rf"(?<![\d.,]){whole}\s*km\b"))
        return patterns
    text = str(value)
    if len(text) < 3:
        return []
    patterns = [re.compile(rf"(?<![\w.-]){re.escape(text)}(?![\w-])")]
    date = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text)
    if date:
        day, month = int(date.group(3)), int(date.group(2))
        for names in MONTHS.values():
            patterns.append(re.compile(rf"(?<!\d){day} {names[month - 1]}\b"))
        patterns.append(re.compile(rf"(?<!\d){day}/{month}/{date.group(1)}"))
    return patterns


def _shown(cell: dict) -> str:
    """What a student reads of a cell: a markdown cell's text, a code cell's outputs."""
    if cell["cell_type"] == "markdown":
        return "".join(cell["source"])
    parts = []
    for output in cell.get("outputs", []):
        parts.append("".join(output.get("text", "")))
        for kind in ("text/plain", "text/markdown", "text/html"):
            parts.append("".join(output.get("data", {}).get(kind, "")))
    return "\n".join(parts)


CASES = [ex.id for ex in exercises.all_exercises() if ex.id not in GIVEN]


@pytest.mark.parametrize("exercise_id", CASES)
def test_nothing_above_the_check_cell_shows_the_answer(exercise_id):
    ex = exercises.get(exercise_id)
    expected = ex.expected()
    if isinstance(expected, pd.Timestamp):
        expected = expected.date().isoformat()
    patterns = forms(expected)
    if not patterns:
        pytest.skip(f"{exercise_id}: the answer is a {type(expected).__name__}, not a short value")
    found_cell = False
    for paths in NOTEBOOKS.values():
        for path in paths:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            at = next(
                (n for n, c in enumerate(cells) if f'helpers.check("{exercise_id}"' in "".join(c["source"])), None
            )
            if at is None:
                continue
            found_cell = True
            for cell in cells[:at]:
                shown = _shown(cell)
                for pattern in patterns:
                    hit = pattern.search(shown)
                    assert not hit, (
                        f"{path.relative_to(ROOT)}: cell {cell.get('id')} above the check of {exercise_id} "
                        f"shows its answer: ...{shown[max(0, hit.start() - 60) : hit.end() + 20]}..."
                    )
    assert found_cell, f"no notebook checks {exercise_id}"


@pytest.mark.parametrize("exercise_id", CASES)
def test_the_first_hint_is_a_pointer_not_the_answer(exercise_id):
    ex = exercises.get(exercise_id)
    patterns = forms(ex.expected())
    for lang, text in ex.hints[0].items():
        for pattern in patterns:
            assert not pattern.search(text), f"{exercise_id}: hint 1 ({lang}) gives the answer: {text}"
