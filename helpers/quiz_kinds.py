"""The seven question types, one small class each: how an answer is read, scored, shown and keyed.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.quiz_kinds``.

Examples
--------
>>> from helpers.quiz_question import Question
>>> q = Question("q", "multiple", {}, {}, [], {}, options=[{"key": k} for k in "abc"], answer=["a", "c"])
>>> KINDS["multiple"].score(q, KINDS["multiple"].parse(q, "a, b", ["a", "b", "c"]))
0.0
>>> KINDS["multiple"].score(q, KINDS["multiple"].parse(q, "c", ["a", "b", "c"]))
0.5
>>> KINDS["multiple"].sheet(q, "en", str.upper, seed="s").lines
['☐ a) a', '☐ b) b', '☐ c) c']
>>> [KINDS["numeric"].parse(q, typed, []) for typed in ("79,7", "79.7 km", "1234", "0,125")]
[79.7, 79.7, 1234.0, 0.125]
>>> KINDS["numeric"].parse(q, "1.234", [])
Traceback (most recent call last):
...
helpers.quiz_kinds.Unclear: quiz.thousands
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .i18n import t
from .quiz_question import Question
from .text import fold_key, strip_accents

__all__ = ["Kind", "KINDS", "TYPES", "LETTERS", "BOX", "Sheet", "Unclear"]

#: Letters name options and items by their shown position.
LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: The box a paper worksheet prints before a choice, to tick.
BOX = "☐"
_TRUE = {"true", "t", "benar", "b", "ya", "yes", "y", "1"}
_FALSE = {"false", "f", "salah", "s", "tidak", "no", "n", "0"}
_LIST_SEPARATORS = re.compile(r"[,\s]+")
_NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)*")
#: A decimal comma or point followed by three digits could be a thousands separator: ``1.234``.
_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}[.,]\d{3}|.*[.,].*[.,].*")


class Unclear(ValueError):
    """An answer that could mean two things; ``str(exc)`` is the key of the message to show."""


def _words(text: str) -> str:
    """``text`` as its words, lower case, accents dropped, one space around each: to find a phrase."""
    return " " + " ".join(re.findall(r"\w+", strip_accents(str(text)).lower())) + " "


def _key(raw: Any, order: list[str]) -> str | None:
    """One option picked by its letter (its shown position) or its key; ``None`` if neither."""
    key = raw.strip().lower() if isinstance(raw, str) else None
    if key and len(key) == 1 and key in LETTERS[: len(order)]:
        return order[LETTERS.index(key)]
    return key if key in order else None


def _keys_error(q: Question, message: str) -> ValueError:
    keys, rights = (", ".join(e["key"] for e in entries) for entries in (q.entries, q.right))
    return ValueError(t(message, field="answer", keys=keys, rights=rights))


@dataclass
class Sheet:
    """A question as a paper worksheet prints it, in this order, under its text; never the answer.

    ``how``: what to do; ``lines``: the choices or items, one a line; ``prompt``: a line of words
    after them; ``blank``: a line to write the answer on; ``unit``: the unit after that line.
    """

    how: str = ""
    lines: list[str] = field(default_factory=list)
    prompt: str = ""
    blank: bool = False
    unit: str = ""


_TICK = BOX + " {letter}) {label}"


def _lettered(q: Question, lang: str, form: str, keys: list[str] | None = None) -> list[str]:
    """Each entry (in bank order, or ``keys``) as ``form`` says, with its letter and label."""
    keys = [e["key"] for e in q.entries] if keys is None else keys
    return [form.format(letter=letter, label=q.label(q.entry(k), lang)) for letter, k in zip(LETTERS, keys)]


class Kind:
    """What every question type does; the defaults suit types without lettered entries."""

    name = ""
    #: Whether the question shows lettered entries (shuffled by a quiz's seed).
    lettered = False

    def answer(self, q: Question, value: Any) -> Any:
        return value

    def parse(self, q: Question, raw: Any, order: list[str]) -> Any:
        raise NotImplementedError

    def score(self, q: Question, value: Any) -> float:
        return float(value == q.answer)

    def lines(self, q: Question, order: list[str], lang: str) -> list[str]:
        out = _lettered(q, lang, "   {letter}) {label}", order) if self.lettered else []
        return out + ["   " + t(f"quiz.how.{self.name}", lang=lang, unit=q.unit_in(lang))]

    def feedback(self, q: Question, value: Any, lang: str) -> str:
        """Extra words for a wrong answer (the bank's feedback on a chosen option)."""
        return ""

    def giveaways(self, q: Question, lang: str) -> list[str]:
        """What names the answer (none where a wrong try tells it anyway, or a type checks it itself)."""
        return []

    def told(self, q: Question, text: str, lang: str) -> bool:
        """Whether ``text`` gives the answer away (then a wrong try does not show it)."""
        return any(_words(word).strip() and _words(word) in _words(text) for word in self.giveaways(q, lang))

    def key(self, q: Question, lang: str) -> str:
        return str(q.answer)

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        """The question on a paper worksheet (``words(key)``: the handouts' wording in ``lang``; ``seed``
        shuffles what a worksheet must not print in the answer's order)."""
        return Sheet(prompt=words("write_answer"), blank=True)


class Single(Kind):
    name, lettered = "single", True

    def answer(self, q: Question, value: Any) -> str:
        if str(value) not in [e["key"] for e in q.options]:
            raise _keys_error(q, "quiz.bank.answer_keys")
        return str(value)

    def parse(self, q: Question, raw: Any, order: list[str]) -> str | None:
        return _key(raw, order)

    def feedback(self, q: Question, value: Any, lang: str) -> str:
        return (q.entry(value).get("feedback") or {}).get(lang, "")

    def giveaways(self, q: Question, lang: str) -> list[str]:
        """The right options' text, its start (up to a bracket, colon, comma or quote), word keys."""
        right = q.answer if isinstance(q.answer, list) else [q.answer]
        labels = [q.label(q.entry(k), lang) for k in right]
        return [*labels, *(re.split(r"[(:;,'\u2018\u2019]", s)[0] for s in labels), *(k for k in right if len(k) > 1)]

    def key(self, q: Question, lang: str) -> str:
        return q.label(q.entry(q.answer), lang)

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        return Sheet(how=words("choose_one"), lines=_lettered(q, lang, _TICK))


class Multiple(Kind):
    name, lettered = "multiple", True
    giveaways = Single.giveaways

    def answer(self, q: Question, value: Any) -> list[str]:
        keys = [e["key"] for e in q.options]
        if not isinstance(value, list) or not value or any(str(v) not in keys for v in value):
            raise _keys_error(q, "quiz.bank.answer_keys")
        return [str(v) for v in value]

    def parse(self, q: Question, raw: Any, order: list[str]) -> set[str] | None:
        values = _LIST_SEPARATORS.split(raw.strip()) if isinstance(raw, str) else raw
        if not isinstance(values, (list, tuple, set)):
            return None
        keys = {_key(v, order) if v != "" else None for v in values}
        return None if None in keys or not keys else keys

    def score(self, q: Question, value: set[str]) -> float:
        right = set(q.answer)
        return max(0.0, (len(value & right) - len(value - right)) / len(right))

    def key(self, q: Question, lang: str) -> str:
        return "; ".join(q.label(q.entry(k), lang) for k in q.answer)

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        return Sheet(how=words("choose_all"), lines=_lettered(q, lang, _TICK))


class TrueFalse(Kind):
    name = "truefalse"

    def answer(self, q: Question, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(t("quiz.bank.answer_kind", field="answer", kind=t("schema.kind.boolean")))
        return value

    def parse(self, q: Question, raw: Any, order: list[str]) -> bool | None:
        if isinstance(raw, bool):
            return raw
        folded = fold_key(raw) if isinstance(raw, str) else None
        return True if folded in _TRUE else False if folded in _FALSE else None

    def key(self, q: Question, lang: str) -> str:
        return t("quiz.true" if q.answer else "quiz.false", lang=lang)

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        return Sheet(lines=[f"{BOX} {words('true')} \u00a0\u00a0 {BOX} {words('false')}"])


class Numeric(Kind):
    name = "numeric"

    def answer(self, q: Question, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(t("quiz.bank.answer_kind", field="answer", kind=t("schema.kind.number")))
        return float(value)

    def parse(self, q: Question, raw: Any, order: list[str]) -> float | None:
        """A number typed with a decimal comma (``79,7``) or point (``79.7``); ``1.234`` is unclear."""
        if isinstance(raw, bool):
            return None
        if isinstance(raw, (int, float)):
            return float(raw) if math.isfinite(raw) else None
        match = _NUMBER.search(raw) if isinstance(raw, str) else None
        if match is None:
            return None
        number = match.group().replace("\u2212", "-")
        if _THOUSANDS.fullmatch(number):
            raise Unclear("quiz.thousands")
        return float(number.replace(",", "."))

    def told(self, q: Question, text: str, lang: str) -> bool:
        """Any number in ``text`` near the answer (within its tolerance, or 1) gives it away."""
        numbers = (
            float(n.replace("\u2212", "-").replace(",", ".")) for n in re.findall(r"[-\u2212]?\d+(?:[.,]\d+)?", text)
        )
        return any(abs(n - q.answer) <= max(q.tolerance, 1.0) for n in numbers)

    def score(self, q: Question, value: float) -> float:
        return float(abs(value - q.answer) <= q.tolerance + 1e-9)

    def key(self, q: Question, lang: str) -> str:
        spread = f" (± {q.tolerance:g})" if q.tolerance else ""  # an exact answer (a year) has none
        return f"{q.answer:g} {q.unit_in(lang)}".strip() + spread

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        return Sheet(prompt=words("write_answer"), blank=True, unit=q.unit_in(lang))


class Text(Kind):
    name = "text"

    def answer(self, q: Question, value: Any) -> str:
        if not isinstance(value, str) or not fold_key(value):
            raise ValueError(t("quiz.bank.answer_kind", field="answer", kind=t("schema.form.text_answer")))
        return value

    def parse(self, q: Question, raw: Any, order: list[str]) -> str | None:
        return raw.strip() if isinstance(raw, str) and raw.strip() else None

    def score(self, q: Question, value: str) -> float:
        if fold_key(value) in {fold_key(a) for a in [q.answer, *q.accept]}:
            return 1.0
        if q.accept_place:
            from .data import DataError, find_place

            try:
                return float(find_place(value) == find_place(q.answer))
            except DataError:
                return 0.0
        return 0.0

    def giveaways(self, q: Question, lang: str) -> list[str]:
        return [q.answer, *q.accept]


class Ordering(Kind):
    name, lettered = "ordering", True

    def answer(self, q: Question, value: Any) -> list[str]:
        if not isinstance(value, list) or sorted(map(str, value)) != sorted(e["key"] for e in q.items):
            raise _keys_error(q, "quiz.bank.answer_order")
        return [str(v) for v in value]

    def parse(self, q: Question, raw: Any, order: list[str]) -> list[str] | None:
        values = _LIST_SEPARATORS.split(raw.strip()) if isinstance(raw, str) else raw
        if not isinstance(values, (list, tuple)):
            return None
        keys = [_key(v, order) for v in values]
        return keys if None not in keys and sorted(keys) == sorted(order) else None

    def score(self, q: Question, value: list[str]) -> float:
        position = {k: i for i, k in enumerate(value)}
        pairs = [(a, b) for i, a in enumerate(q.answer) for b in q.answer[i + 1 :]]
        return sum(position[a] < position[b] for a, b in pairs) / len(pairs) if pairs else 1.0

    def key(self, q: Question, lang: str) -> str:
        return " → ".join(q.label(q.entry(k), lang) for k in q.answer)

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        keys, rng = [e["key"] for e in q.entries], random.Random(seed)
        while len(keys) > 1 and keys == list(q.answer):  # never printed in the answer's own order
            rng.shuffle(keys)
        lines = _lettered(q, lang, "{letter}) {label}", keys)
        return Sheet(lines=lines, prompt=f"{words('order_prompt')} ___ → ___ → ___ → ___")


class Matching(Kind):
    name, lettered = "matching", True

    def answer(self, q: Question, value: Any) -> dict[str, str]:
        rights = {r["key"] for r in q.right}
        if (
            not isinstance(value, dict)
            or set(map(str, value)) != {i["key"] for i in q.items}
            or any(str(v) not in rights for v in value.values())
        ):
            raise _keys_error(q, "quiz.bank.answer_pairs")
        return {str(k): str(v) for k, v in value.items()}

    def parse(self, q: Question, raw: Any, order: list[str]) -> dict[str, str] | None:
        if isinstance(raw, str):
            pairs = [p.split("=", 1) for p in re.split(r"[,;]\s*", raw.strip()) if "=" in p]
            raw = {k.strip(): v.strip() for k, v in pairs}
        if not isinstance(raw, dict):
            return None
        rights = {fold_key(r["key"]): r["key"] for r in q.right}
        out = {}
        for left, right in raw.items():
            key = _key(left, order)
            if key is None or not isinstance(right, str) or fold_key(right) not in rights:
                return None
            out[key] = rights[fold_key(right)]
        return out

    def score(self, q: Question, value: dict[str, str]) -> float:
        return sum(value.get(k) == v for k, v in q.answer.items()) / len(q.answer)

    def lines(self, q: Question, order: list[str], lang: str) -> list[str]:
        choices = (
            "   " + t("quiz.choices", lang=lang) + ": " + ", ".join(f"{r['key']} = {q.label(r, lang)}" for r in q.right)
        )
        lettered = super().lines(q, order, lang)
        return lettered[:-1] + [choices, lettered[-1]]

    def key(self, q: Question, lang: str) -> str:
        return "; ".join(
            f"{q.label(q.entry(k), lang)} = {q.label(next(r for r in q.right if r['key'] == v), lang)}"
            for k, v in q.answer.items()
        )

    def sheet(self, q: Question, lang: str, words: Callable[[str], str], *, seed: str) -> Sheet:
        choices = ", ".join(sorted(q.label(r, lang) for r in q.right))
        lines = _lettered(q, lang, "{letter}) {label} = ______")
        return Sheet(how=words("match_prompt"), lines=lines, prompt=f"{words('choices')}: {choices}")


#: Every question type by name, in the order the schema lists them.
KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (Single(), Multiple(), TrueFalse(), Numeric(), Text(), Ordering(), Matching())
}
TYPES: tuple[str, ...] = tuple(KINDS)
