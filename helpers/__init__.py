"""helpers: the machinery of the Libya teaching kit.

Notebooks import from here; they define no machinery of their own. Each concern has its own
module (see ARCHITECTURE.md). ``import helpers`` is cheap: the language functions and the
exercise check (with pandas) are loaded at once; every other module, and matplotlib, folium and
ipywidgets behind them, only when a notebook first uses it (PEP 562 module ``__getattr__``).

Examples
--------
>>> import helpers
>>> helpers.set_language("id")
'id'
>>> helpers.t("lang.name")
'Bahasa Indonesia'
>>> helpers.data.find_place("Misurata")
'misrata'
>>> _ = helpers.set_language("en")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported eagerly, not lazily: the submodule ``helpers.check`` and the function ``helpers.check``
# share a name, and only an import made here, before the function is bound, keeps the function.
from .check import check, hint, solution
from .explain import explain_errors
from .i18n import (
    LANGUAGES,
    MissingStringError,
    UnsupportedLanguageError,
    by_lang,
    get_language,
    set_language,
    t,
)

if TYPE_CHECKING:  # for editors and type checkers; at run time these load on first use
    from . import articles, charts, data, maps, mentions, progress, project, quiz, style
    from .progress import hand_in

__version__ = "0.1.0"

#: Submodules loaded on first attribute access.
_MODULES = frozenset({"articles", "charts", "data", "maps", "mentions", "progress", "project", "quiz", "style"})
#: Functions loaded on first use, with the submodule that holds them (``helpers.hand_in()``).
_FUNCTIONS = {"hand_in": "progress"}

__all__ = [
    "LANGUAGES",
    "MissingStringError",
    "UnsupportedLanguageError",
    "articles",
    "by_lang",
    "charts",
    "check",
    "data",
    "explain_errors",
    "get_language",
    "hand_in",
    "hint",
    "maps",
    "mentions",
    "progress",
    "project",
    "quiz",
    "set_language",
    "solution",
    "style",
    "t",
]


def __getattr__(name: str) -> Any:
    if name in _FUNCTIONS:
        value = getattr(importlib.import_module(f".{_FUNCTIONS[name]}", __name__), name)
    elif name in _MODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
