"""helpers: the machinery of the Libya teaching kit.

Notebooks import from here; they define no machinery of their own. Each concern has its own
module; the public names are re-exported below, explicitly.

Examples
--------
>>> import helpers
>>> helpers.set_language("id")
'id'
>>> helpers.t("lang.name")
'Bahasa Indonesia'
>>> _ = helpers.set_language("en")
"""

from __future__ import annotations

from .i18n import (
    LANGUAGES,
    MissingStringError,
    UnsupportedLanguageError,
    bilingual,
    get_language,
    set_language,
    t,
)

# --- articles (issue 4) ---
from . import articles
# --- data (issue 4) ---
from . import data
# --- quiz, check, progress (issue 5) ---
from . import progress, project, quiz
from .check import check, hint
# --- style, maps, charts (issue 6) ---
from . import charts, maps, style
# --- link (issue 8) ---
from . import link

__version__ = "0.1.0"

__all__ = [
    "articles",
    "data",
    "charts",
    "check",
    "hint",
    "link",
    "maps",
    "progress",
    "project",
    "quiz",
    "style",
    "LANGUAGES",
    "MissingStringError",
    "UnsupportedLanguageError",
    "bilingual",
    "get_language",
    "set_language",
    "t",
]
