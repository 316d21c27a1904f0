"""What a quiz question is, and what checking an answer to it gives back.

:class:`Question` is a bank's question with its answer resolved (kept in the kernel only);
:class:`Result` is the outcome of one answer. They sit below the question types, the banks and the
widgets, so those need not import each other.

Examples
--------
>>> q = Question("q1", "single", {"en": "Where?"}, {}, [], {}, options=[{"key": "a", "en": "Tripoli"}])
>>> q.label(q.entry("a"), "id")
'Tripoli'
>>> print(Result("q1", True, 1.0, "Correct!").text())  # doctest: +ELLIPSIS
✔ Correct!...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import status
from .i18n import t

__all__ = ["Question", "Result"]


@dataclass
class Question:
    """One question of a bank, with its answer resolved (kept in the kernel only)."""

    id: str
    type: str
    text: dict[str, str]
    objective: dict[str, str]
    sources: list[str]
    explanation: dict[str, str]
    options: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    right: list[dict[str, Any]] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    accept_place: bool = False
    tolerance: float = 0.0
    unit: str | dict[str, str] = ""
    answer: Any = None
    nudge: dict[str, str] | None = None

    def unit_in(self, lang: str) -> str:
        """The unit in one language (a bank may give one word for both, or ``{en: year, id: tahun}``)."""
        return self.unit.get(lang, "") if isinstance(self.unit, dict) else self.unit

    @property
    def entries(self) -> list[dict[str, Any]]:
        """The options (single, multiple) or items (ordering, matching) the student sees, in bank order."""
        return self.options or self.items

    def entry(self, key: str) -> dict[str, Any]:
        """The option or item with this key."""
        return next(e for e in self.entries if e["key"] == key)

    def label(self, entry: dict[str, Any], lang: str) -> str:
        """What an option, item or choice says in ``lang``."""
        return str(entry.get(lang) or entry.get("en") or entry["key"])


@dataclass
class Result:
    """The outcome of one answer: correct or not, a score from 0 to 1, and feedback."""

    question: str
    correct: bool | None
    score: float | None
    message: str
    explanation: str = ""
    quotes: list[str] = field(default_factory=list)
    understood: bool = True
    revealed: bool = True
    explained: str = "after_correct"
    lang: str = ""  # of the message (the HTML says it); None: the kit's current language

    def _shown(self, box: Any, notice: Any) -> str:
        if not self.revealed:  # an exam's answer: only that it was saved, or submitted (no verdict)
            return notice(self.message or t("quiz.recorded"))
        return box(
            self.score or 0.0, self.message, notes=[self.explanation] * bool(self.explanation), quotes=self.quotes
        )

    def text(self) -> str:
        """The feedback as text (in exam mode only "answer saved", or "submitted and locked")."""
        return self._shown(status.box_text, str)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        return self._shown(partial(status.box_html, lang=self.lang), partial(status.notice_html, lang=self.lang))
