"""Explain a student's own Python error in the notebook's language, with the traceback one click away.

In Jupyter, ``helpers.explain_errors()`` (in the first cell of every lesson) installs an IPython
exception handler; ``import helpers`` alone changes nothing, and outside IPython nothing happens. For a ``KeyError`` on a column name, a ``NameError`` (a misspelt or not-yet-defined
variable) and a ``ValueError`` raised inside pandas, the student first reads what most likely
went wrong (the columns that exist, the names that are close) and then, folded away in a
``<details>`` element, the original traceback. Every other error is shown as usual.
``helpers.explain_errors(False)`` turns the handler off, ``helpers.explain_errors()`` on again.

:func:`explain` is the pure part (an exception in, a message or None out) and is what the tests
call; :func:`handler` is what IPython calls.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"place": ["Sirte"], "controller": ["LNA"]})
>>> try:
...     table["plce"]
... except KeyError as exc:
...     print(explain(exc, lang="en").splitlines()[0])
There is no column 'plce' in this table. Did you mean 'place'?
"""

from __future__ import annotations

import builtins
import difflib
import html
import re
import sys
import traceback
from types import TracebackType
from typing import Any

from .i18n import get_language, t
from .text import shorten

__all__ = ["EXPLAINED", "explain", "explain_errors", "handler", "install_if_ipython"]

#: The exception types the handler looks at (others are shown as usual).
EXPLAINED = (KeyError, NameError, ValueError, AttributeError)
_QUOTED = re.compile(r"'([^']*)'")
_CODE = re.compile(r"`([^`]+)`")
_state = {"on": True}


def _frames(tb: TracebackType | None) -> list[Any]:
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames


def _table_in(tb: TracebackType | None) -> Any:
    """The last pandas DataFrame (or Series) the failing code was indexing, if any."""
    import pandas as pd

    found = None
    for frame in _frames(tb):
        owner = frame.f_locals.get("self")
        if isinstance(owner, (pd.DataFrame, pd.Series)):
            found = owner
    return found


def _from_pandas(tb: TracebackType | None) -> bool:
    return any(str(frame.f_globals.get("__name__", "")).startswith("pandas") for frame in _frames(tb))


def _names(items: Any, limit: int = 25) -> str:
    shown = [shorten(str(i), limit=40) for i in list(items)[:limit]]
    return ", ".join(shown) + (", …" if len(list(items)) > limit else "")


def _close(word: str, candidates: list[str]) -> list[str]:
    folded = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(word.lower(), list(folded), n=3, cutoff=0.6)
    return [folded[c] for c in close]


def _key_error(exc: KeyError, tb: TracebackType | None, lang: str) -> str | None:
    import pandas as pd

    table = _table_in(tb)
    if table is None:
        return None
    key = exc.args[0] if exc.args else ""
    wanted = _QUOTED.findall(key) if isinstance(key, str) and ("not in index" in key or "None of" in key) else [key]
    wanted = [str(w) for w in wanted] or [str(key)]
    if isinstance(table, pd.DataFrame):
        return _no_column(wanted[0], table, lang)
    labels = [str(i) for i in table.index[:200]]
    lines = [t("explain.no_label", lang=lang, key=shorten(wanted[0], limit=60))]
    close = _close(wanted[0], labels)
    if close:
        lines[0] += " " + t("explain.did_you_mean", lang=lang, names=", ".join(repr(c) for c in close))
    lines.append(t("explain.labels_are", lang=lang, labels=_names(labels)))
    return "\n".join(lines)


def _no_column(key: str, table: Any, lang: str, tip: str = "explain.key_tip") -> str:
    columns = [str(c) for c in table.columns]
    lines = [t("explain.no_column", lang=lang, key=shorten(key, limit=60))]
    close = _close(key, columns)
    if close:
        lines[0] += " " + t("explain.did_you_mean", lang=lang, names=", ".join(repr(c) for c in close))
    lines.append(t("explain.columns_are", lang=lang, columns=_names(columns)))
    lines.append(t(tip, lang=lang))
    return "\n".join(lines)


def _attribute_error(exc: AttributeError, lang: str) -> str | None:
    """``table.Status``: a misspelt column read with a dot (the form lesson 00 teaches)."""
    import pandas as pd

    table, name = getattr(exc, "obj", None), getattr(exc, "name", None)
    if not isinstance(table, pd.DataFrame) or not isinstance(name, str):
        return None
    return _no_column(name, table, lang, tip="explain.dot_tip")


def _name_error(exc: NameError, namespace: dict[str, Any], lang: str) -> str:
    name = str(getattr(exc, "name", None) or next(iter(_QUOTED.findall(str(exc))), "?"))
    known = [n for n in namespace if not n.startswith("_")] + [n for n in dir(builtins) if not n.startswith("_")]
    lines = [t("explain.unknown_name", lang=lang, name=shorten(name, limit=60))]
    close = _close(name, known)
    if close:
        lines.append(t("explain.did_you_mean", lang=lang, names=", ".join(close)))
    elif name[:1].isupper() or len(name) > 3:  # `capital = Tripoli`: a word meant as text
        lines.append(t("explain.quotes_tip", lang=lang, word=shorten(name, limit=40)[1:-1]))
    lines.append(t("explain.name_tip", lang=lang))
    return "\n".join(lines)


def _syntax_error(exc: SyntaxError, lang: str) -> str:
    """What most often breaks a beginner's line, told from the line itself."""
    line, message = (exc.text or "").strip(), str(exc.msg or "")
    if any(ch in line for ch in "\u201c\u201d\u2018\u2019"):
        cause = "explain.syntax.curly"
    elif "unterminated string" in message or "EOL" in message or "EOF while scanning" in message:
        cause = "explain.syntax.quote"
    elif "never closed" in message or "unexpected EOF" in message or "does not match" in message:
        cause = "explain.syntax.bracket"
    elif "indent" in message.lower():
        cause = "explain.syntax.indent"
    elif "Maybe you meant '=='" in message or "cannot assign" in message:
        cause = "explain.syntax.equals"
    elif "expected ':'" in message:
        cause = "explain.syntax.colon"
    else:
        cause = "explain.syntax.other"
    where = t("explain.syntax.where", lang=lang, line=exc.lineno or "?", text=shorten(line, limit=80))
    return where + "\n" + t(cause, lang=lang)


def _value_error(exc: ValueError, tb: TracebackType | None, lang: str) -> str | None:
    if not _from_pandas(tb):
        return None
    try:
        message = str(exc)
    except Exception:
        message = ""
    if "truth value" in message and "ambiguous" in message:
        cause = t("explain.ambiguous", lang=lang)
    elif "identically-labeled" in message:
        cause = t("explain.labels_differ", lang=lang)
    elif "Length" in message and "match" in message:
        cause = t("explain.length", lang=lang)
    else:
        cause = t("explain.pandas_value", lang=lang)
    return t("explain.pandas_refused", lang=lang, message=shorten(message, limit=160)[1:-1]) + "\n" + cause


def explain(exc: BaseException, *, namespace: dict[str, Any] | None = None, lang: str | None = None) -> str | None:
    """Return a plain explanation of a student's error, or None when the kit has nothing to add.

    Never raises.

    Parameters
    ----------
    exc : BaseException
        The exception, with its ``__traceback__``.
    namespace : dict, optional
        The notebook's variables (to suggest close names for a ``NameError``).
    lang : {"id", "en"}, optional
        Default: the kit's current language.

    Examples
    --------
    >>> try:
    ...     wednesdy
    ... except NameError as exc:
    ...     print(explain(exc, namespace={"wednesday": 1}, lang="id").splitlines()[1])
    Maksudmu mungkin: wednesday
    >>> explain(ZeroDivisionError()) is None
    True
    """
    lang = get_language(lang)
    try:
        if isinstance(exc, KeyError):
            return _key_error(exc, exc.__traceback__, lang)
        if isinstance(exc, NameError):
            return _name_error(exc, namespace or {}, lang)
        if isinstance(exc, ValueError):
            return _value_error(exc, exc.__traceback__, lang)
        if isinstance(exc, AttributeError):
            return _attribute_error(exc, lang)
        if isinstance(exc, SyntaxError):
            return _syntax_error(exc, lang)
    except Exception:  # explaining must never add an error of its own
        return None
    return None


def _html(explanation: str, trace: str, lang: str) -> str:
    # `code` in a message is shown as code, not with its backticks
    lines = "<br>".join(_CODE.sub(r"<code>\1</code>", html.escape(line)) for line in explanation.splitlines())
    return (
        f'<div class="kit-explain" role="note" lang="{lang}" style="border-left:4px solid #b35806;padding:0.4em 0.8em">'
        f"<strong>{html.escape(t('explain.title', lang=lang))}</strong><br>{lines}"
        f"<details><summary>{html.escape(t('explain.traceback', lang=lang))}</summary>"
        f"<pre>{html.escape(trace)}</pre></details></div>"
    )


def handler(
    shell: Any, etype: type, value: BaseException, tb: TracebackType | None, tb_offset: int | None = None
) -> list[str]:
    """IPython's custom exception handler: show the explanation, then a one-line error.

    When the kit has nothing to add, the usual traceback is returned unchanged.
    """
    usual = None
    try:
        usual = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        lang = get_language()
        trace = "".join(traceback.format_exception(etype, value, tb))
        if not _state["on"] or not _display(value, trace, lang, getattr(shell, "user_ns", {})):
            return usual
        first = f"{etype.__name__}: {shorten(value, limit=120)}"
        return [first + " " + t("explain.above", lang=lang)]
    except Exception:
        return usual if usual is not None else [f"{getattr(etype, '__name__', 'Error')}"]


def install_if_ipython() -> bool:
    """Install :func:`handler` in the running IPython, if there is one; return whether it was.

    IPython is not imported here: outside a notebook or IPython console nothing happens.

    Examples
    --------
    >>> install_if_ipython() in (True, False)  # False in a plain Python process
    True
    """
    if "IPython" not in sys.modules:
        return False
    try:
        shell = sys.modules["IPython"].get_ipython()
    except Exception:
        return False
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc(EXPLAINED, handler)
    # A SyntaxError never reaches the handler (IPython shows it before the cell runs): wrap that step.
    shown = getattr(shell, "showsyntaxerror", None)
    if shown is not None and not getattr(shown, "_kit", False):
        shell.showsyntaxerror = _explaining_syntax(shell, shown)
    return True


def _explaining_syntax(shell: Any, usual: Any) -> Any:
    def show(*args: Any, **kwargs: Any) -> Any:
        try:
            value = sys.exc_info()[1]
            if _state["on"] and isinstance(value, SyntaxError):
                _display(value, "".join(traceback.format_exception_only(type(value), value)), get_language())
        except Exception:  # explaining must never add an error of its own
            pass
        return usual(*args, **kwargs)

    show._kit = True  # type: ignore[attr-defined]
    return show


def _display(value: BaseException, trace: str, lang: str, namespace: dict[str, Any] | None = None) -> bool:
    """Show the explanation of ``value`` above its (folded) trace; whether there was one to show."""
    explanation = explain(value, namespace=namespace, lang=lang)
    if explanation is None:
        return False
    from IPython.display import display

    display(
        {
            "text/plain": f"{t('explain.title', lang=lang)}\n{explanation}\n\n{trace}",
            "text/html": _html(explanation, trace, lang),
        },
        raw=True,
    )
    return True


def explain_errors(on: bool = True) -> bool:
    """Turn the kit's explanations of Python errors on or off; return whether they are on.

    Examples
    --------
    >>> explain_errors(False)
    False
    >>> explain_errors()
    True
    """
    _state["on"] = not (on is None or isinstance(on, (bool, int, float)) and not on)  # else on: no bool(a table)
    if _state["on"]:
        install_if_ipython()
    elif "IPython" in sys.modules:
        shell = sys.modules["IPython"].get_ipython()
        if (
            shell is not None
            and getattr(shell, "CustomTB", None) is not None
            and getattr(shell, "custom_exceptions", ()) == EXPLAINED
        ):
            shell.set_custom_exc((), None)
    return _state["on"]
