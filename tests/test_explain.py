"""A student's own Python error explained in the notebook's language (helpers.explain)."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.explain import EXPLAINED, explain, explain_errors, handler

TABLE = pd.DataFrame({"place": ["Sirte"], "controller": ["LNA"], "date": ["2020-01-06"]})


def _raised(code: str, namespace: dict | None = None) -> BaseException:
    try:
        exec(code, {"table": TABLE, "pd": pd, **(namespace or {})})
    except Exception as exc:  # noqa: BLE001 - the exception is the test's input
        return exc
    raise AssertionError(f"{code} did not raise")


@pytest.mark.parametrize(
    "lang,words",
    [
        ("en", ["no column 'plce'", "Did you mean 'place'", "controller"]),
        ("id", ["Tidak ada kolom 'plce'", "Maksudmu mungkin: 'place'", "controller"]),
    ],
)
def test_key_error_on_a_column_names_the_columns_and_close_names(lang, words):
    text = explain(_raised("table['plce']"), lang=lang)
    for word in words:
        assert word in text


def test_key_error_on_a_list_of_columns():
    text = explain(_raised("table[['place', 'contrler']]"), lang="en")
    assert "contrler" in text and "'controller'" in text


def test_key_error_outside_pandas_is_left_alone():
    assert explain(_raised("{}['x']"), lang="en") is None


@pytest.mark.parametrize(
    "lang,words",
    [
        ("en", ["does not know the name 'wednesdy'", "wednesday", "Run All Above"]),
        ("id", ["tidak mengenal nama 'wednesdy'", "wednesday", "Run All Above"]),
    ],
)
def test_name_error_suggests_close_names(lang, words):
    exc = _raised("wednesdy")
    text = explain(exc, namespace={"wednesday": 1, "table": TABLE}, lang=lang)
    for word in words:
        assert word in text


@pytest.mark.parametrize(
    "lang,words",
    [
        ("en", ["no column 'Place'", "Did you mean 'place'", "controller", "Brackets work"]),
        ("id", ["Tidak ada kolom 'Place'", "Maksudmu mungkin: 'place'", "controller", "Kurung siku"]),
    ],
)
def test_a_misspelt_column_read_with_a_dot_is_explained(lang, words):
    text = explain(_raised("table.Place"), lang=lang)
    for word in words:
        assert word in text


def test_other_attribute_errors_are_left_alone():
    assert explain(_raised("'text'.nothing"), lang="en") is None


@pytest.mark.parametrize(
    "lang,words", [("en", ["'Tripoli'", 'in quotes: "Tripoli"']), ("id", ["'Tripoli'", 'tanda kutip: "Tripoli"'])]
)
def test_text_without_quotes_is_explained(lang, words):
    text = explain(_raised("capital = Tripoli"), namespace={"table": TABLE}, lang=lang)
    for word in words:
        assert word in text


@pytest.mark.parametrize(
    "code,key",
    [
        ("capital = 'Tripoli", "quote"),
        ("print(table['place']", "bracket"),
        ("capital = \u201cTripoli\u201d", "curly"),
        ("if 1 == 1\n    pass", "colon"),
        ("x = = 2", "other"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_syntax_errors_are_explained_in_the_students_language(code, key, lang):
    try:
        compile(code, "<cell>", "exec")
    except SyntaxError as exc:
        text = explain(exc, lang=lang)
    assert text.splitlines()[1] == helpers.t(f"explain.syntax.{key}", lang=lang)
    assert text.splitlines()[0].startswith(helpers.t("explain.syntax.where", lang=lang, line=1, text="x")[:12])


def test_code_in_a_message_is_shown_as_code_not_backticks():
    from helpers.explain import _html

    shown = _html("use `table.columns` here", "trace", "en")
    assert "<code>table.columns</code>" in shown and "`" not in shown


def test_pandas_value_error_explains_and_or():
    text = explain(_raised("table[(table.place == 'Sirte') and (table.controller == 'LNA')]"), lang="en")
    assert "pandas refused this" in text and "&" in text
    assert "Syarat pada kolom" in explain(_raised("table[(table.place == 'x') or (table.place == 'y')]"), lang="id")


def test_other_value_errors_are_left_alone():
    assert explain(_raised("int('x')"), lang="en") is None
    assert explain(ZeroDivisionError("x"), lang="en") is None


def test_an_exception_whose_str_fails_is_survived():
    class Bad(KeyError):
        def __str__(self):
            raise ValueError("no str")

    try:
        raise Bad("x")
    except Bad as exc:
        assert explain(exc, lang="en") is None or isinstance(explain(exc, lang="en"), str)


@pytest.fixture
def shell():
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns.update({"table": TABLE, "wednesday": 3})
    shell.set_custom_exc(EXPLAINED, handler)
    yield shell
    explain_errors(True)
    shell.set_custom_exc((), None)


def test_the_handler_shows_the_explanation_and_keeps_the_traceback(shell, capsys):
    from IPython.utils.capture import capture_output

    helpers.set_language("id")
    try:
        with capture_output() as captured:
            result = shell.run_cell("table['plce']")
    finally:
        helpers.set_language("en")
    assert not result.success  # still an error: "Run all" stops here
    html = captured.outputs[0].data["text/html"]
    assert "Tidak ada kolom" in html and "<details>" in html and "Traceback" in html
    assert "&#x27;plce&#x27;" in html or "&#39;plce&#39;" in html  # escaped


def test_the_handler_can_be_turned_off(shell):
    from IPython.utils.capture import capture_output

    explain_errors(False)
    with capture_output() as captured:
        shell.run_cell("wednesdy")
    assert not captured.outputs
    assert helpers.explain_errors is explain_errors


def test_a_syntax_error_in_a_cell_is_explained_above_pythons_message(shell):
    from IPython.utils.capture import capture_output

    explain_errors(True)
    helpers.set_language("id")
    try:
        with capture_output() as captured:
            result = shell.run_cell("capital = 'Tripoli")
    finally:
        helpers.set_language("en")
    assert not result.success
    html = captured.outputs[0].data["text/html"]
    assert "tanda kutip" in html and "<details>" in html


def test_explain_errors_installs_the_handler_in_a_running_ipython(shell):
    shell.set_custom_exc((), None)
    assert explain_errors(True) is True
    assert shell.custom_exceptions == EXPLAINED
    explain_errors(False)
    assert shell.custom_exceptions == ()


def test_importing_helpers_leaves_the_shells_handler_alone(shell):
    """``import helpers`` has no side effect on IPython: only ``explain_errors()`` installs the handler."""
    import importlib
    import sys

    def teachers_own(*args, **kwargs):
        return None

    shell.set_custom_exc((ZeroDivisionError,), teachers_own)
    saved = {name: module for name, module in sys.modules.items() if name == "helpers" or name.startswith("helpers.")}
    try:
        for name in saved:
            del sys.modules[name]
        importlib.import_module("helpers")
        assert shell.custom_exceptions == (ZeroDivisionError,)
    finally:
        sys.modules.update(saved)
    shell.set_custom_exc((), None)


def test_every_lesson_asks_for_the_explanations_in_its_first_cell():
    from pathlib import Path

    sources = sorted((Path(__file__).resolve().parent.parent / "notebooks" / "src").glob("*/[0-9][0-9]-*.md"))
    assert len(sources) >= 16
    for source in sources:
        first = source.read_text(encoding="utf-8").split("```{code-cell}", 1)[1].split("```", 1)[0]
        assert "helpers.explain_errors()" in first, source.name
