"""The registry of coding exercises: one id, one reference solution, hints, and how to compare.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.exercises``.

Examples
--------
>>> from helpers.exercises import get
>>> get("00.1").expects
'number'
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..i18n import t
from ..paths import lessons_dir
from ..schema import first_problem, load_schema
from ..sealed import SealError

__all__ = [
    "Exercise",
    "ExerciseError",
    "exercise",
    "get",
    "all_exercises",
    "hints_path",
    "load_hints",
    "EXPECTS",
]

#: The kinds of answer an exercise can expect.
EXPECTS = ("dataframe", "series", "number", "text", "list", "figure", "map")


class ExerciseError(ValueError):
    """An exercise file is missing or malformed; the message names the file, exercise and field."""


@dataclass
class Exercise:
    """One exercise: its id, what it expects, the reference solution and the comparison options."""

    id: str
    lesson: str
    expects: str
    reference: Callable[[], Any]
    hints: list[dict[str, str]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    columns: list[str] | None = None
    key: list[str] | None = None
    ordered: bool = False
    tolerance: float = 1e-6
    solution: str = ""
    variable: str = "answer"
    untouched: str | None = None

    def expected(self) -> Any:
        return self.reference()


_REGISTRY: dict[str, Exercise] = {}


def exercise(
    exercise_id: str,
    *,
    lesson: str,
    expects: str,
    sentences: list[str] | None = None,
    columns: list[str] | None = None,
    key: list[str] | None = None,
    ordered: bool = False,
    tolerance: float = 1e-6,
    variable: str = "answer",
    untouched: str | None = None,
):
    """Register a reference function as the solution of exercise ``exercise_id``.

    Its hints come from ``lessons/<lesson>/exercises.yml``.

    Parameters
    ----------
    expects : one of EXPECTS
        The kind of answer the student must give.
    sentences : list of str, optional
        The article sentences the exercise is about.
    columns : list of str, optional
        For DataFrames: the columns that must be there and are compared (others are ignored).
    key : list of str, optional
        For DataFrames: the columns that identify a row, used to say which rows are missing or extra.
    ordered : bool
        Whether row or list order matters.
    tolerance : float
        For numbers: how far from the expected value still counts as right.
    variable : str
        The name the exercise cell gives its answer (``between = ...``), used in the model solution.
    untouched : {"empty"}, optional
        What the untouched cell gives besides ``...``: "empty" for an empty table (not recorded).
    """
    if expects not in EXPECTS:
        raise ValueError(f"exercise {exercise_id}: expects must be one of {', '.join(EXPECTS)}")

    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        if exercise_id in _REGISTRY:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        _REGISTRY[exercise_id] = Exercise(
            exercise_id,
            lesson,
            expects,
            func,
            [],
            list(sentences or []),
            columns,
            key,
            ordered,
            tolerance,
            _pasteable(_solution(func), exercise_id, variable),
            variable,
            untouched,
        )
        return func

    return register


def _solution(func: Callable[[], Any]) -> str:
    """A reference function's body after its ``def`` line and docstring: the model solution."""
    source = textwrap.dedent(inspect.getsource(func))
    node = ast.parse(source).body[0]
    start = node.body[0].end_lineno if ast.get_docstring(node, clean=False) is not None else node.lineno
    return textwrap.dedent("\n".join(source.splitlines()[start:])).strip()


def _pasteable(code: str, exercise_id: str, variable: str) -> str:
    """The solution as a cell to paste: its last ``return X`` becomes ``variable = X``, then the check."""
    try:
        last = ast.parse(code).body[-1]
    except (SyntaxError, IndexError):
        return code
    if not isinstance(last, ast.Return) or last.value is None:
        return code
    lines = code.splitlines()
    lines[last.lineno - 1] = f"{variable} = " + lines[last.lineno - 1][last.col_offset + len("return") :].lstrip()
    return "\n".join([*lines, f'helpers.check("{exercise_id}", {variable})'])


def hints_path(lesson: str) -> Path:
    """Return the path of a lesson's exercise file, ``lessons/<lesson>/exercises.yml``.

    Examples
    --------
    >>> hints_path("03-mapping-control").name
    'exercises.yml'
    """
    return lessons_dir() / lesson / "exercises.yml"


def load_hints(lesson: str) -> dict[str, list[dict[str, str]]]:
    """Read and validate a lesson's exercise file; return ``{exercise id: hints}``.

    Raises
    ------
    ExerciseError
        When the file is missing or malformed (the message names file, exercise and field).

    Examples
    --------
    >>> load_hints("00-start-here")["00.1"][1]["en"]
    'len(table) counts the rows of a table.'
    """
    rel = f"lessons/{lesson}/exercises.yml"
    path = hints_path(lesson)
    if not path.is_file():
        raise ExerciseError(t("exercises.missing", file=rel))
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ExerciseError(t("exercises.yaml", file=rel, error=str(exc))) from None
    problem = first_problem(raw, load_schema(lessons_dir() / "exercises.schema.json"))
    if problem is not None:
        in_one = len(problem.path) >= 2 and problem.path[0] == "exercises"
        where = f"{rel} " + t("exercises.where", id=problem.path[1]) if in_one else rel
        raise ExerciseError(f"{where}: {problem.message(skip=2 if in_one else 0)}")
    return {
        str(eid): [{"en": h["en"], "id": h["id"]} for h in entry["hints"]] for eid, entry in raw["exercises"].items()
    }


def _load_solutions(path: Path) -> None:
    """Run a lesson's ``solutions.py`` as the module ``lessons.<slug>.solutions`` (its exercises register)."""
    name = f"lessons.{path.parent.name}.solutions"
    if name in sys.modules:  # loaded once per process, as an import would be
        return
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # inspect finds the model solutions' source through it
    try:
        spec.loader.exec_module(module)
    except SealError as exc:  # a student edition's file whose seal is damaged
        del sys.modules[name]
        raise ExerciseError(str(exc)) from None


def _load_all() -> None:
    """Load every lesson's solutions (once), then give each exercise its hints from its lesson's file."""
    modules = [str(path) for path in sorted(lessons_dir().glob("*/solutions.py"))]
    if _loaded == modules:
        return
    for path in modules:
        _load_solutions(Path(path))
    for lesson in sorted({ex.lesson for ex in _REGISTRY.values()}):
        hints = load_hints(lesson)
        mine = {ex.id: ex for ex in _REGISTRY.values() if ex.lesson == lesson}
        rel = f"lessons/{lesson}/exercises.yml"
        without_hints, without_reference = sorted(mine.keys() - hints.keys()), sorted(hints.keys() - mine.keys())
        if without_hints:
            where = f"{rel} " + t("exercises.where", id=without_hints[0])
            raise ExerciseError(f"{where}: " + t("schema.required", field="hints"))
        if without_reference:
            where = f"{rel} " + t("exercises.where", id=without_reference[0])
            raise ExerciseError(f"{where}: " + t("exercises.no_reference", lesson=lesson))
        for eid, ex in mine.items():
            ex.hints = hints[eid]
    _loaded[:] = modules


_loaded: list[str] = []


def get(exercise_id: str) -> Exercise:
    """Return a registered exercise (KeyError if there is none; ExerciseError if its file is malformed)."""
    _load_all()
    return _REGISTRY[exercise_id]


def all_exercises() -> list[Exercise]:
    """Every registered exercise, in id order."""
    _load_all()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]
