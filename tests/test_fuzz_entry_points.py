"""Hostile values into every public entry point a student or teacher calls: a message, never a raw exception.

The entry points are listed once, in :data:`ENTRY_POINTS`, each with how to call it and which of
the kit's own errors it may raise (its documented contract). They are every public function that
takes a value (a function without parameters takes no hostile value) of

- ``helpers`` itself (``helpers.__all__``);
- the modules the lessons, guides and the added-article lesson template call
  (``grep -o 'helpers\\.[a-z_.]*' notebooks/src lessons/*/guide.*.md kit_teacher/article/templates``):
  ``articles``, ``charts``, ``data``, ``maps``, ``mentions``, ``progress``, ``project``, ``quiz``
  (with the methods of the quiz a student calls: ``answer`` and ``submit``), and ``style``, whose
  labels the charts and maps use;
- the teacher's ``kit_teacher.summary`` and ``kit_teacher.link`` (functions and command lines).

Left out, and why: functions without parameters (the ``data.load_*`` tables, ``validate_all``,
``attempts``, ``student``, ``asset_dir``...), ``charts.new_figure`` (a building block that passes
its keywords to matplotlib), ``quiz.bank_path`` (a bank's file path, for the kit's own tools), and
the progress file's machinery that the kit calls for itself and the teacher's tools read
(``attempt_from``, ``parse_lines``, ``plain_labels``, ``spreadsheet_plain``/``spreadsheet_safe``,
``drafts``, ``save_draft``, ``submit_exam``, ``submitted``), whose callers above are fuzzed.

Issue 27 counted 63 entry points. This rule gives 63 on the code the issue fuzzed, and 64 now:
``helpers.get_language`` takes a value since the fix of its root causes (``get_language(lang)``
checks the ``lang=`` option of every helper, so a table or an object given as a language is
refused by the kit's error rather than asked its truth), so it is listed too
(:func:`test_the_list_names_64_entry_points`).

The contract checked for each call: it returns (and what it returns shows: ``repr``, and the HTML
or Markdown Jupyter asks for), or it raises one of the errors listed beside it, whose message is
the kit's own: an error class of ``helpers``/``kit_teacher`` with a non-empty message, or a
built-in error (``ValueError``, ``OSError``...) whose message is a catalogue string
(``helpers/strings``, ``kit_teacher/strings``) in the language in force. Anything else (a
``TypeError``, ``KeyError``, ``AttributeError``, an ``OSError`` from the file system, a pandas
message) fails the test. Example counts: ``tests/fuzzing.py`` (``make test`` runs a share of each).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import articles, charts, data, exercises, i18n, maps, mentions, progress, project, quiz, style
from helpers.paths import lesson_slugs
from kit_teacher import link, summary
from tests.fuzzing import examples

IDS = [ex.id for ex in exercises.all_exercises()]
LESSONS = lesson_slugs()


# ---------------------------------------------------------------- hostile values
class Raises:
    """An object whose every dunder a helper might call raises (and which is unhashable)."""

    def _boom(self, *args, **kwargs):
        raise RuntimeError("boom")

    __eq__ = __ne__ = __lt__ = __gt__ = __repr__ = __str__ = __format__ = __len__ = __iter__ = __bool__ = _boom
    __float__ = __int__ = __index__ = __getitem__ = __contains__ = _boom
    __hash__ = None


class BadEq:
    """Hashable by identity no more: ``==`` and ``hash()`` raise, ``repr`` works."""

    def __eq__(self, other):
        raise RuntimeError("no eq")

    def __hash__(self):
        raise RuntimeError("no hash")

    def __repr__(self):
        return "BadEq()"


class BadText:
    """``repr()`` and ``str()`` raise; everything else is an ordinary object."""

    def __repr__(self):
        raise RuntimeError("no repr")

    __str__ = __repr__


class Name(str):
    """A plain subclass of ``str`` (what a library may hand over as a name)."""


class ShiftyName(str):
    """A ``str`` subclass whose comparisons, hash and text raise."""

    def _boom(self, *args, **kwargs):
        raise RuntimeError("shifty")

    __eq__ = __ne__ = __hash__ = __str__ = __repr__ = __format__ = _boom


TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30)
LONG = st.sampled_from(["x" * 300, "Ayu Lestari " * 30, "é" * 200, "a/" * 200, "../" * 90 + "x"])
FRAMES = st.sampled_from(
    [
        pd.DataFrame(),
        pd.DataFrame({"a": []}),
        pd.DataFrame([[1, 2]], columns=["name_en", "name_en"]),
        pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "b"), ("a", "c")])),
        pd.DataFrame({0: [1], 1: [2]}),
        pd.DataFrame({"name_en": ["x"], "verdict": [None]}),
        pd.DataFrame({"verdict": [float("nan"), "true"], "place": [None, "tripoli"]}),
    ]
)
SERIES = st.sampled_from(
    [
        pd.Series([], dtype=object),
        pd.Series([1, 2]),
        pd.Series(["GNA", "LNA"], index=["x", "x"]),
        pd.Series([1.0, float("nan")], index=pd.MultiIndex.from_tuples([("GNA", "a"), ("LNA", "b")])),
        pd.Series(["en", "id"]),
    ]
)
HOSTILE = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(),
    st.just(None).map(lambda _: 10**5000),  # built, not held: its repr would fail in a report
    st.floats(allow_nan=True, allow_infinity=True),
    st.just(complex(1, 2)),
    st.just(np.float64("nan")),
    st.just(np.int64(3)),
    st.just(pd.NA),
    st.just(pd.NaT),
    TEXT,
    LONG,
    st.just("\x00"),
    st.just(" "),
    st.binary(max_size=10),
    st.just(bytearray(b"en")),
    st.builds(Name, st.sampled_from(["en", "A", "03.1", "tripoli", "2020-06-10", "00-start-here"])),
    st.builds(ShiftyName, st.just("en")),
    st.lists(st.integers() | TEXT, max_size=3),
    st.just([["nested"]]),
    st.dictionaries(TEXT, st.integers(), max_size=2),
    st.just({1, 2}),
    st.builds(Raises),
    st.builds(BadEq),
    st.builds(BadText),
    st.just(lambda: 1 / 0),
    st.just(object()),
    FRAMES,
    SERIES,
    st.just(pd.Index(["A"])),
    st.just(np.array([["A", "B"]])),
)


def arg(*valid: Any) -> st.SearchStrategy:
    """A parameter: one of the ``valid`` values (so a call gets past its first check), or a hostile one."""
    return st.one_of(st.sampled_from(valid), HOSTILE) if valid else HOSTILE


LANG = arg(None, "en", "id")
DATE = arg("2020-06-10", "2019-04-04", "2011-02-17", "2021-12-31")
ARTICLE = arg("A", "B", " b ")
SENTENCE = arg("A.p16.s01", "B.p04.s02", "A.p28.s01")
PLACE = arg("Tripoli", "Misurata", "gharyan")
REPO = arg("https://github.com/libya-kit/libya-kit.git", "git@github.com:teacher/libya-kit.git")
HUB = arg("https://hub.example.school")
NOTEBOOK = arg("00-start-here", "03-mapping-control", "03-memetakan-kendali")
BOOL = arg(True, False)


# ---------------------------------------------------------------- the entry points
@dataclass(frozen=True)
class Entry:
    """One entry point: its name, a call taking the drawn values, their strategies, its documented errors."""

    name: str
    call: Callable[..., Any]
    args: tuple[st.SearchStrategy, ...]
    raises: tuple[type[BaseException], ...] = ()
    full: int = 400  # examples in the full tier


LANG_ERROR = (i18n.UnsupportedLanguageError,)
DATA = (data.DataError, *LANG_ERROR)
ARTICLE_ERRORS = (articles.UnknownArticleError, articles.UnknownSentenceError, data.DataError, *LANG_ERROR)
LINK = (link.LinkError,)
SLOW = 60  # for a call that draws a map or a chart


def _quiz_answer(lesson, mode, question, value):
    return quiz.load(lesson, mode=mode).answer(question, value)


def _quiz_submit(lesson, question, value):
    exam = quiz.load(lesson, mode="exam")
    exam.answer(question, value)
    return exam.submit()


def _cli(main: Callable[[list[str]], int], argv: list[str]) -> Any:
    try:
        return main(argv)
    except SystemExit as done:  # argparse's own answer to a malformed command line: usage and exit 2
        return done.code


ENTRY_POINTS: list[Entry] = [
    # helpers (helpers.__all__)
    Entry("helpers.check", helpers.check, (arg(*IDS), arg(5, "Tripoli", ["a"]))),
    Entry("helpers.hint", helpers.hint, (arg(*IDS),)),
    Entry("helpers.solution", helpers.solution, (arg(*IDS),)),
    Entry("helpers.explain_errors", helpers.explain_errors, (BOOL,)),
    Entry("helpers.set_language", helpers.set_language, (LANG,), LANG_ERROR),
    Entry("helpers.get_language", helpers.get_language, (LANG,), LANG_ERROR),
    Entry(
        "helpers.t",
        lambda key, lang, value: helpers.t(key, lang=lang, value=value, name=value),
        (arg("lang.name", "check.unknown_exercise", "lang.switched"), LANG, HOSTILE),
        (i18n.MissingStringError, *LANG_ERROR),
    ),
    Entry(
        "helpers.by_lang",
        lambda record, field, lang: helpers.by_lang(record, field, lang=lang),
        (arg({"name_en": "war", "name_id": "perang"}, pd.DataFrame({"name_en": ["x"]})), arg("name"), LANG),
        (i18n.MissingStringError, *LANG_ERROR),
    ),
    Entry("helpers.hand_in", lambda folder: helpers.hand_in(folder=folder), (arg(None, "hand-in"),), full=100),
    # data
    Entry(
        "data.sources",
        lambda value, lang: data.sources(value, lang=lang),
        (arg(None, "afp-2020-01-06-sirte;B.p04.s02"), LANG),
        DATA,
    ),
    Entry(
        "data.localize",
        lambda frame, lang: data.localize(frame, lang=lang),
        (arg(pd.DataFrame({"name_en": ["a"], "name_id": ["b"]})), LANG),
        DATA,
    ),
    Entry("data.distance_km", data.distance_km, (PLACE, PLACE), DATA),
    Entry("data.control_on", data.control_on, (DATE,), DATA),
    Entry("data.overview", lambda lang: data.overview(lang=lang), (LANG,), DATA, full=100),
    Entry("data.find_place", data.find_place, (PLACE,), DATA),
    Entry("data.nearest_snapshot", data.nearest_snapshot, (DATE,), DATA),
    Entry("data.changed_hands", data.changed_hands, (DATE, DATE), DATA),
    Entry(
        "data.describe_sources",
        lambda value, lang, titles: data.describe_sources(value, lang=lang, titles=titles),
        (arg("afp-2020-01-06-sirte;B.p04.s02"), LANG, BOOL),
        DATA,
    ),
    Entry("data.to_timestamp", data.to_timestamp, (DATE,), DATA),
    Entry("data.find_row", data.find_row, (arg("control:tarhuna@2020-06-06", "places:gharyan", "nope:x"),), DATA),
    Entry("data.split_list", data.split_list, (arg("tripoli;gharyan", ""),), DATA),
    # articles
    Entry("articles.raw", articles.raw, (ARTICLE,), ARTICLE_ERRORS),
    Entry("articles.clean", articles.clean, (arg("Baca Juga:  x", "a\u00a0b"),), (ValueError,)),
    Entry("articles.sentences", articles.sentences, (arg(None, "A", "B"),), ARTICLE_ERRORS),
    Entry("articles.sentence", articles.sentence, (SENTENCE,), ARTICLE_ERRORS),
    Entry("articles.quote", lambda sid, lang: articles.quote(sid, lang=lang), (SENTENCE, LANG), ARTICLE_ERRORS),
    Entry(
        "articles.show",
        lambda article, lang, parallel, boiler: articles.show(
            article, lang=lang, parallel=parallel, boilerplate=boiler
        ),
        (ARTICLE, LANG, BOOL, BOOL),
        ARTICLE_ERRORS,
        full=SLOW,
    ),
    Entry("articles.boilerplate", articles.boilerplate, (arg(None, "A", "B"),), ARTICLE_ERRORS),
    Entry(
        "articles.search",
        lambda term, article: articles.search(term, article=article),
        (arg("gharyan", "Haftar"), arg(None, "A")),
        (ValueError, *ARTICLE_ERRORS),
    ),
    # charts
    Entry("charts.backing_matrix", lambda lang: charts.backing_matrix(lang=lang), (LANG,), DATA, full=SLOW),
    Entry("charts.backing_by_side", lambda lang: charts.backing_by_side(lang=lang), (LANG,), DATA, full=SLOW),
    Entry("charts.control_over_time", lambda lang: charts.control_over_time(lang=lang), (LANG,), DATA, full=SLOW),
    Entry(
        "charts.timeline",
        lambda start, end, lang: charts.timeline(start, end, lang=lang),
        (arg(None, "2019-01-01"), arg(None, "2020-12-31"), LANG),
        DATA,
        full=SLOW,
    ),
    # maps
    Entry(
        "maps.control_map",
        lambda date, lang, tiles: maps.control_map(date, lang=lang, tiles=tiles),
        (DATE, LANG, BOOL),
        DATA,
        full=SLOW,
    ),
    Entry("maps.control_over_time", lambda lang: maps.control_over_time(lang=lang), (LANG,), DATA, full=20),
    Entry("maps.compare", lambda a, b, lang: maps.compare(a, b, lang=lang), (DATE, DATE, LANG), DATA, full=SLOW),
    Entry(
        "maps.article_places",
        lambda article, lang: maps.article_places(article, lang=lang),
        (ARTICLE, LANG),
        ARTICLE_ERRORS,
        full=SLOW,
    ),
    Entry("maps.backers_map", lambda lang: maps.backers_map(lang=lang), (LANG,), DATA, full=SLOW),
    Entry(
        "maps.control_map_static",
        lambda date, lang: maps.control_map_static(date, lang=lang),
        (DATE, LANG),
        DATA,
        full=SLOW,
    ),
    Entry("maps.as_table", maps.as_table, (HOSTILE,), (TypeError,)),
    Entry(
        "maps.set_asset_base",
        maps.set_asset_base,
        (arg(None, "inline", "https://school.example/static/"),),
        (ValueError,),
    ),
    Entry("maps.html_size", maps.html_size, (HOSTILE,), (TypeError,)),
    # mentions (the lesson of an added article)
    Entry("mentions.names", lambda article, lang: mentions.names(article, lang=lang), (ARTICLE, LANG), ARTICLE_ERRORS),
    Entry("mentions.quoted", mentions.quoted, (ARTICLE,), ARTICLE_ERRORS),
    Entry(
        "mentions.backers", lambda article, lang: mentions.backers(article, lang=lang), (ARTICLE, LANG), ARTICLE_ERRORS
    ),
    # progress
    Entry("progress.set_student", progress.set_student, (arg("Ayu Lestari", ""),)),
    Entry(
        "progress.record",
        lambda item, lesson, answer, correct, score: progress.record(
            kind="exercise", item=item, lesson=lesson, answer=answer, correct=correct, score=score
        ),
        (arg("00.1"), arg("00-start-here"), HOSTILE, arg(True, None), arg(1.0, None)),
        full=100,
    ),
    Entry("progress.report", lambda lang: progress.report(lang=lang), (LANG,), LANG_ERROR, full=SLOW),
    Entry(
        "progress.export",
        lambda path, student: progress.export(path, student=student),
        (arg("me.csv"), arg(None, "Ayu", 12345)),
        (ValueError, OSError),
        full=100,
    ),
    # project, quiz, style
    Entry(
        "project.check_brief",
        lambda text, lang: project.check_brief(text, lang=lang),
        (arg("A.p16.s01 places:gharyan"), LANG),
        LANG_ERROR,
    ),
    Entry(
        "quiz.load",
        lambda lesson, mode, seed, lang: quiz.load(lesson, mode=mode, seed=seed, lang=lang),
        (arg(*LESSONS), arg("practice", "exam"), arg(None, 1, "Ayu"), LANG),
        (quiz.QuizError, ValueError, *LANG_ERROR),
    ),
    Entry(
        "quiz.show",
        lambda lesson, mode, lang: quiz.show(lesson, mode=mode, lang=lang),
        (arg(*LESSONS), arg("practice", "exam"), LANG),
        (quiz.QuizError, ValueError, *LANG_ERROR),
        full=100,
    ),
    Entry(
        "Quiz.answer",
        _quiz_answer,
        (
            st.sampled_from(LESSONS),
            st.sampled_from(["practice", "exam"]),
            arg("q1", "q2", "q3"),
            arg("a", "b", "a,c", "2019"),
        ),
    ),
    Entry("Quiz.submit", _quiz_submit, (st.sampled_from(LESSONS), arg("q1", "q2"), arg("a", "b")), full=100),
    Entry(
        "style.side_label",
        lambda side, lang: style.side_label(side, lang=lang),
        (arg("GNA", "LNA"), LANG),
        (i18n.MissingStringError, *LANG_ERROR),
    ),
    Entry(
        "style.status_label",
        lambda status, lang: style.status_label(status, lang=lang),
        (arg("confirmed"), LANG),
        (i18n.MissingStringError, *LANG_ERROR),
    ),
    Entry(
        "style.support_label",
        lambda kind, lang: style.support_label(kind, lang=lang),
        (arg("training"), LANG),
        (i18n.MissingStringError, *LANG_ERROR),
    ),
    # the teacher's tools
    Entry(
        "kit_teacher.summary.summarize",
        lambda folder, out, lang: summary.summarize(folder, out=out, lang=lang),
        (arg("class"), arg(None, "out.png"), LANG),
        LANG_ERROR,
        full=100,
    ),
    Entry(
        "kit_teacher.summary.main",
        lambda argv: _cli(summary.main, argv),
        (st.lists(TEXT | LONG | st.sampled_from(["class", "--lang", "id", "--out"]), max_size=4),),
        full=100,
    ),
    Entry(
        "kit_teacher.link.hub_link",
        lambda hub, repo, lang, notebook, folder, teacher: link.hub_link(
            hub, repo=repo, lang=lang, notebook=notebook, folder=folder, teacher=teacher
        ),
        (HUB, REPO, arg("en", "id"), NOTEBOOK, arg(None, "kit"), BOOL),
        LINK,
    ),
    Entry(
        "kit_teacher.link.binder_link",
        lambda repo, branch, lang, notebook, student_repo: link.binder_link(
            repo=repo, branch=branch, lang=lang, notebook=notebook, student_repo=student_repo
        ),
        (REPO, arg(None, "main"), arg("en", "id"), NOTEBOOK, arg(None, "https://github.com/o/s")),
        LINK,
    ),
    Entry("kit_teacher.link.clone_address", link.clone_address, (REPO,), LINK),
    Entry("kit_teacher.link.folder_name", link.folder_name, (REPO,), LINK),
    Entry(
        "kit_teacher.link.main",
        lambda argv: _cli(link.main, argv),
        (
            st.lists(
                TEXT
                | LONG
                | st.sampled_from(["--hub", "https://hub.example.school", "--binder", "--repo", "--lang", "id"]),
                max_size=5,
            ),
        ),
    ),
]


# ---------------------------------------------------------------- the contract
def _fragments() -> list[str]:
    """The longest literal piece of every catalogue string in the language in force (where a message comes from)."""
    lang = i18n.get_language()
    pieces = []
    for entry in i18n.catalogue().values():
        literal = [text for text, *_ in string.Formatter().parse(entry[lang]) if text]
        pieces.append(max(literal, key=len, default="").strip())
    return [p for p in pieces if len(p) >= 8]


def _kit_message(exc: BaseException) -> bool:
    """Whether ``exc`` speaks as the kit does: its own error class with a message, or a catalogue string."""
    message = str(exc)
    if not message.strip():
        return False
    if type(exc).__module__.split(".")[0] in ("helpers", "kit_teacher"):
        return True
    return any(fragment in message for fragment in _fragments())


def _shown(result: Any) -> None:
    """What Jupyter does with a result: its text, and its HTML or Markdown where it has them."""
    if isinstance(result, (pd.DataFrame, pd.Series, plt.Figure)) or type(result).__module__.startswith("folium"):
        return  # pandas', matplotlib's and folium's own displays
    assert isinstance(repr(result), str)
    for method in ("_repr_html_", "_repr_markdown_"):
        if hasattr(result, method):
            assert isinstance(getattr(result, method)(), (str, type(None)))


def call(entry: Entry, values: tuple[Any, ...]) -> Any:
    """Call ``entry`` with ``values`` and check the contract; a raw exception fails with its name and message."""
    try:
        result = entry.call(*values)
        _shown(result)
    except entry.raises as exc:
        if not _kit_message(exc):
            pytest.fail(f"{entry.name}: {type(exc).__name__} without the kit's message: {exc!s:.300}")
        return exc
    except Exception as exc:
        pytest.fail(f"{entry.name} raised a raw {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        plt.close("all")
        maps.set_asset_base(None)
    return result


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A folder of its own for the files an entry point writes (hand-in, exports, summaries)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KIT_HAND_IN_DIR", str(tmp_path / "hand-in"))
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "ayu.csv").write_text(
        "student,kind,item,lesson,answer,correct,score,time,mode\nAyu,exercise,00.1,00-start-here,5,True,1.0,,\n"
    )
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=5, correct=True, score=1.0)
    progress.set_student("Ayu")
    return tmp_path


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=[e.name for e in ENTRY_POINTS])
def test_entry_point_answers_hostile_values_with_the_kits_message(entry, workspace):
    @settings(
        max_examples=examples(entry.full),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )
    @given(values=st.tuples(*entry.args), lang=st.sampled_from(["en", "id"]))
    def run(values, lang):
        helpers.set_language(lang)
        call(entry, values)

    run()


def test_the_list_names_64_entry_points():
    """Issue 27's 63, and ``get_language`` (see the module docstring); a new public function joins the list."""
    names = [entry.name for entry in ENTRY_POINTS]
    assert len(names) == len(set(names)) == 64, len(names)


def test_every_public_function_of_the_lessons_modules_is_listed_or_left_out_on_purpose():
    """A function added to a listed module's ``__all__`` must join :data:`ENTRY_POINTS` (or the docstring's list)."""
    import inspect

    listed = {entry.name for entry in ENTRY_POINTS}
    left_out = {"charts.new_figure", "quiz.bank_path"} | {
        f"progress.{name}"
        for name in (
            "attempt_from",
            "parse_lines",
            "plain_labels",
            "spreadsheet_plain",
            "spreadsheet_safe",
            "drafts",
            "save_draft",
            "submit_exam",
            "submitted",
            "hand_in",  # as helpers.hand_in
        )
    }
    missing = []
    for module in (articles, charts, data, maps, mentions, progress, project, quiz, style):
        short = module.__name__.split(".")[-1]
        for name in module.__all__:
            value = getattr(module, name)
            if not inspect.isfunction(value) or not inspect.signature(value).parameters:
                continue
            if f"{short}.{name}" not in listed | left_out:
                missing.append(f"{short}.{name}")
    assert not missing, missing


def test_the_contract_catches_a_raw_exception():
    """The check itself can fail: a raw KeyError, or a ValueError without the kit's words, is reported."""
    with pytest.raises(pytest.fail.Exception, match="raw KeyError"):
        call(Entry("boom", lambda: {}["x"], ()), ())
    with pytest.raises(pytest.fail.Exception, match="without the kit's message"):
        call(Entry("boom", lambda: int("x"), (), (ValueError,)), ())
    assert isinstance(call(Entry("ok", lambda: data.find_place(""), (), DATA), ()), data.DataError)
