"""The registry of coding exercises: one id, one reference solution, hints, and how to compare.

Each lesson's exercises live in ``helpers/exercises/lessonNN.py`` and register themselves with
the :func:`exercise` decorator; every such module is imported when the registry is first used.
The reference function computes the expected result from ``data/`` (so exercises, maps and
quizzes agree), and its source code, shown in the teacher's answer key, is the model solution.

Adding an exercise takes one function in ``helpers/exercises/lessonNN.py`` (new modules named
``lesson*`` are found automatically)::

    from . import exercise

    @exercise("03.2", lesson="03-mapping-control", expects="dataframe",
              columns=["place", "controller"], key=["place"],
              hints=[{"en": "Use helpers.data.control_on(...).", "id": "Pakai helpers.data.control_on(...)."}])
    def gna_places_in_june_2020():
        from helpers import data

        table = data.control_on("2020-06-10")
        return table[table["controller"] == "GNA"]

The body of the function (without its docstring) is the model solution printed in the teacher's
answer key. For ``expects="figure"`` (or ``"map"``) the reference returns the model Figure (or
``folium.Map``) and the student's is compared by structure: the number of plot areas, and in each
the number of lines, bars and groups of points, plus a title and axis labels where the model has
them (for maps: the number of markers). A reference may instead return a function
``answer -> list of problem messages`` for a check of its own.

Examples
--------
>>> from helpers.exercises import get
>>> get("00.1").expects
'number'
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Exercise", "exercise", "get", "all_exercises", "EXPECTS"]

#: The kinds of answer an exercise can expect.
EXPECTS = ("dataframe", "series", "number", "text", "list", "figure", "map")


@dataclass
class Exercise:
    """One exercise: its id, what it expects, the reference solution and the comparison options."""

    id: str
    lesson: str
    expects: str
    reference: Callable[[], Any]
    hints: list[dict[str, str]]
    sentences: list[str] = field(default_factory=list)
    columns: list[str] | None = None
    key: list[str] | None = None
    ordered: bool = False
    tolerance: float = 1e-6
    solution: str = ""

    def expected(self) -> Any:
        return self.reference()


_REGISTRY: dict[str, Exercise] = {}


def exercise(exercise_id: str, *, lesson: str, expects: str, hints: list[dict[str, str]],
             sentences: list[str] | None = None, columns: list[str] | None = None, key: list[str] | None = None,
             ordered: bool = False, tolerance: float = 1e-6):
    """Register a reference function as the solution of exercise ``exercise_id``.

    Parameters
    ----------
    expects : one of EXPECTS
        The kind of answer the student must give.
    hints : list of {"en": ..., "id": ...}
        Shown one at a time by ``helpers.hint(exercise_id)``.
    columns : list of str, optional
        For DataFrames: the columns that must be there and are compared (others are ignored).
    key : list of str, optional
        For DataFrames: the columns that identify a row, used to say which rows are missing or extra.
    ordered : bool
        Whether row or list order matters.
    tolerance : float
        For numbers: how far from the expected value still counts as right.
    """
    if expects not in EXPECTS:
        raise ValueError(f"exercise {exercise_id}: expects must be one of {', '.join(EXPECTS)}")
    for n, hint in enumerate(hints, start=1):
        if set(hint) != {"en", "id"}:
            raise ValueError(f"exercise {exercise_id}: hint {n} needs exactly 'en' and 'id'")

    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        lines = textwrap.dedent(inspect.getsource(func)).splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("def "))
        body = "\n".join(lines[start + 1:])
        if exercise_id in _REGISTRY:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        _REGISTRY[exercise_id] = Exercise(exercise_id, lesson, expects, func, list(hints), list(sentences or []),
                                          columns, key, ordered, tolerance, _solution(body))
        return func

    return register


def _solution(body: str) -> str:
    lines = textwrap.dedent(body).strip("\n").splitlines()
    doc = 0
    if lines and lines[0].lstrip().startswith(('"""', "'''")):
        quote = lines[0].lstrip()[:3]
        doc = next(i for i, line in enumerate(lines) if (line.count(quote) >= 2 if i == 0 else quote in line)) + 1
    return "\n".join(lines[doc:]).strip()


def _load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("lesson"):
            importlib.import_module(f"{__name__}.{info.name}")


def get(exercise_id: str) -> Exercise:
    """Return a registered exercise (KeyError if there is none)."""
    _load_all()
    return _REGISTRY[exercise_id]


def all_exercises() -> list[Exercise]:
    """Every registered exercise, in id order."""
    _load_all()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]
