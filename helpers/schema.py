"""Validate a YAML document against a JSON Schema and say what is wrong in the kit's words.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.schema``.

Examples
--------
>>> schema = {"type": "object", "required": ["text"],
...           "properties": {"text": {"type": "object", "required": ["en", "id"]}}}
>>> problem = first_problem({"text": {"en": "hello"}}, schema)
>>> problem.path
('text', 'id')
>>> problem.message(lang="en")
"field 'text.id' is missing"
>>> problem.message(lang="id")
"isian 'text.id' tidak ada"
>>> first_problem({"text": {"en": "a", "id": "b"}}, schema) is None
True
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .i18n import t
from .text import shorten

if TYPE_CHECKING:
    import jsonschema

__all__ = ["Problem", "first_problem", "field_name", "load_schema"]

#: Catalogue words for JSON types (``schema.kind.<type>``).
_KINDS = ("string", "number", "integer", "boolean", "array", "object", "null")


@dataclass(frozen=True)
class Problem:
    """The first thing wrong with a document: where (``path``) and what (a catalogue key and values)."""

    path: tuple[str | int, ...]
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, *, skip: int = 0, lang: str | None = None) -> str:
        """The problem in words, naming the field by its path without the first ``skip`` parts."""
        name = field_name(self.path[skip:])
        key = self.key + ".whole" if not name and self.key == "schema.type" else self.key
        return t(key, lang=lang, field=name, **{k: _words(v, lang) for k, v in self.values.items()})


def field_name(path: tuple[str | int, ...]) -> str:
    """Name a field by its path: keys joined with dots, list positions counted from 1.

    Examples
    --------
    >>> field_name(("options", 0, "feedback", "id"))
    'options[1].feedback.id'
    """
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _words(value: Any, lang: str | None) -> str:
    """Placeholders are stored raw; kinds and forms are translated here, late, in the asked language."""
    if isinstance(value, tuple) and value and value[0] == "kinds":
        return ", ".join(t(f"schema.kind.{kind}", lang=lang) for kind in value[1])
    if isinstance(value, tuple) and value and value[0] == "form":
        return t(f"schema.form.{value[1]}", lang=lang)
    return str(value)


def _jsonschema() -> ModuleType | None:
    """Import ``jsonschema`` without its optional IRI checker (ARCHITECTURE.md, helpers.schema); None where
    jsonschema is missing: JupyterLite, whose banks were validated when the site was built."""
    block = "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules
    if block:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jsonschema
    except ImportError:
        return None
    finally:
        if block:
            del sys.modules["rfc3987_syntax"]
    return jsonschema


@functools.cache
def load_schema(path: Path) -> jsonschema.protocols.Validator:
    """Read a schema file once and return a validator for it (the schema itself is checked too).

    Examples
    --------
    >>> from helpers.paths import lessons_dir
    >>> first_problem({"exercises": {"3.1": {}}}, load_schema(lessons_dir() / "exercises.schema.json")).message(lang="en")
    "field 'exercises' must be an exercise id like 03.1, not '3.1'"
    """
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    if _jsonschema() is None:  # JupyterLite: validated at build time (see _jsonschema)
        return schema
    validator_class = _jsonschema().validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def first_problem(document: Any, schema: dict[str, Any] | jsonschema.protocols.Validator) -> Problem | None:
    """Validate ``document``; return its first problem (``None`` when valid).

    Errors come in document order (by their first two path parts, so the first question at fault
    wins), and within one place the deepest error first: a missing ``text.id`` is a more useful
    message than "this question is invalid". At the same depth an unknown field comes first: a
    misspelt ``hint`` explains why ``hints`` is missing.
    """
    if _jsonschema() is None:  # JupyterLite: every bank was validated when the site was built
        return None
    validator = schema if hasattr(schema, "iter_errors") else _jsonschema().validators.validator_for(schema)(schema)
    errors = list(validator.iter_errors(document))
    if not errors:
        return None

    def order(error: jsonschema.ValidationError) -> tuple:
        path = tuple(error.absolute_path)
        place = tuple(f"{p:09d}" if isinstance(p, int) else str(p) for p in path[:2])
        return place, -len(path), error.validator != "additionalProperties"

    return _translate(min(errors, key=order))


def _translate(error: jsonschema.ValidationError) -> Problem:
    path, keyword, expected, instance = (
        tuple(error.absolute_path),
        error.validator,
        error.validator_value,
        error.instance,
    )
    if keyword == "required":
        missing = next(k for k in expected if k not in instance)
        return Problem(path + (missing,), "schema.required")
    if keyword == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = next(k for k in instance if k not in known)
        return Problem(path + (extra,), "schema.unknown", {"known": ", ".join(known)})
    if keyword == "type":
        return Problem(path, "schema.type", {"kinds": ("kinds", [expected] if isinstance(expected, str) else expected)})
    if keyword in ("enum", "const"):
        choices = expected if keyword == "enum" else [expected]
        return Problem(path, "schema.enum", {"choices": ", ".join(map(str, choices)), "value": shorten(instance)})
    if keyword in ("pattern", "minLength") and error.schema.get("x-form"):
        return Problem(path, "schema.form", {"form": ("form", error.schema["x-form"]), "value": shorten(instance)})
    if keyword in ("minItems", "minProperties"):
        return Problem(path, "schema.too_few", {"n": expected})
    if keyword == "minimum":
        return Problem(path, "schema.minimum", {"n": expected})
    if keyword == "anyOf" and all(set(s) == {"required"} for s in expected):
        names = [s["required"][0] for s in expected]
        return Problem(path + (names[0],), "schema.required_or", {"others": ", ".join(f"'{n}'" for n in names[1:])})
    if keyword == "not" and set(expected) == {"required"}:
        return Problem(path, "schema.not_both", {"names": " / ".join(f"'{n}'" for n in expected["required"])})
    return Problem(path, "schema.other", {"keyword": keyword})
