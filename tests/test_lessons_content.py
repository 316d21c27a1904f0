"""The Indonesian edition speaks Indonesian: no English words in its prose, comments or widget text.

Checked: the markdown of ``notebooks/src/id/*.md``, the comments of its code cells, the ``id``
texts of every ``lessons/*/quiz.yml`` and ``lessons/*/exercises.yml``, and the ``id`` strings of
``helpers/strings/*.yml`` and ``kit_teacher/strings/*.yml`` (buttons and messages). Inline code, code cells, links,
sentence ids, quoted text (the articles and the sources quote English) and the allow-listed names
and terms below are not prose and are skipped.

The detector looks for common English words that are not also Indonesian words; it cannot find
every English word, but it finds the leaks that a reader notices: "your answer", "not named",
"Monday", "e.g.", "use ...".

Code comments: the code of a lesson is the same in both editions, so a comment is either
bilingual ("your answer / jawabanmu") or neutral; a comment in English only fails.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SRC_ID = ROOT / "notebooks" / "src" / "id"

#: common English words that are not Indonesian words (nor names the kit uses)
ENGLISH = set(
    """
the and of is are was were be been with for your you this that these those what which who whose
when where why how not no yes or but if then than there their they them our we us my me he she his
her its it's from into onto about after before between under over again also only just very more
most some any each every other another same such own can could should would will shall may might
must do does did done has have had having get got make made use used using see look find found
show shows shown take took give gave run runs click open close choose answer answers question
questions exercise exercises lesson lessons quiz hint hints check try again next back start
named unnamed unknown none true false monday tuesday wednesday thursday friday saturday sunday
january february march june july august october december week weeks day days month months year
years today yesterday tomorrow here now e.g i.e etc please thanks sorry good wrong right correct
map maps chart charts table tables row rows column columns source sources claim claims side sides
town towns city place places people person country countries government war fighting forces army
language set changed trusted notebook make trust
""".split()
)

#: English words the Indonesian edition keeps on purpose: names, code, the kit's terms
ALLOW = set(
    """
dateline pandas python jupyter jupyterlab binder notebook notebooks folium haversine merge isin
unique dataframe series list string
""".split()
)

#: words that are both English and Indonesian (or in the kit's Indonesian vocabulary)
SHARED = {
    "data",
    "bus",
    "radio",
    "film",
    "program",
    "total",
    "normal",
    "media",
    "moral",
    "status",
    "tweet",
    "no",
    "set",
    "map",
}


@functools.lru_cache(maxsize=1)
def _data_names() -> frozenset[str]:
    """Names of the kit's tables, fields and codes (``sources``, ``side``, ``wrong``): code, not prose."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = set()
    for resource in package["resources"]:
        names.add(resource["name"])
        for field in resource.get("schema", {}).get("fields", []):
            names.add(field["name"])
            names.update(str(v) for v in field.get("constraints", {}).get("enum", []))  # codes: wrong, reported_un
    return frozenset(names)


def english_words(text: str) -> list[str]:
    """English words in a piece of Indonesian prose, after removing what is not prose.

    Examples
    --------
    >>> english_words("Tulis `x = 1` lalu klik **Periksa**.")
    []
    >>> english_words("Seorang pejabat (not named)")
    ['not', 'named']
    """
    text = re.sub(r"```.*?```", " ", text, flags=re.S)  # code blocks
    text = re.sub(r"`[^`]*`", " ", text)  # inline code
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)  # formulas
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\S*\w/\S*", " ", text)  # file paths such as helpers/exercises/
    text = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", text)  # quotations (articles, sources, glosses)
    text = re.sub(
        r"\*[A-Za-z][^*]*\*",
        lambda m: " " if m.group(0).startswith("*") and not m.group(0).startswith("**") else m.group(0),
        text,
    )
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"\{[^}]*\}", " ", text)  # placeholders of the string catalogue
    text = re.sub(r"\b\w+\s*[=!]=", " ", text)  # a name being compared
    text = re.sub(r"\b\w+\s+=\s", " ", text)  # a name being assigned
    text = re.sub(r"\b\w+:\w+", " ", text)  # a data row such as places:gharyan
    text = re.sub(r"\S*(?:\w\(|\w\[|[=_<>&|])\S*|\b\w+\.\w+\S*", " ", text)  # code written without backticks
    text = re.sub(r"\b(True|False|None|true|false)\b", " ", text)  # Python's and YAML's values
    text = re.sub(r"(?<!\w)'[^']*'", " ", text)  # field names in single quotes
    words = re.findall(r"[A-Za-z][A-Za-z'.]*[A-Za-z]|[A-Za-z]", text)
    found = []
    for word in words:
        low = word.lower().rstrip(".")
        if low in ENGLISH and low not in ALLOW and low not in SHARED and low not in _data_names():
            found.append(low)
    return found


def _comment(line: str) -> str:
    """The comment of a line of Python, or ``""`` (a ``#`` inside a string is not one).

    Examples
    --------
    >>> _comment('x = "#1"  # the first / yang pertama')
    '# the first / yang pertama'
    """
    quote = ""
    for n, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[n:]
    return ""


def _markdown_and_comments(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter: metadata
    comments = []
    for block in re.findall(r"```\{code-cell\}(.*?)```", body, flags=re.S):
        for line in block.splitlines():
            comment = _comment(line)
            if comment:
                comments.append(comment)
    prose = re.sub(r"```\{code-cell\}.*?```", " ", body, flags=re.S)
    prose = re.sub(r"^\+\+\+.*$", " ", prose, flags=re.M)
    return prose, comments


ID_SOURCES = sorted(SRC_ID.glob("*.md"))


@pytest.mark.parametrize("path", ID_SOURCES, ids=lambda p: p.stem)
def test_indonesian_markdown_has_no_english(path: Path) -> None:
    prose, _ = _markdown_and_comments(path)
    problems = []
    for line in prose.splitlines():
        words = english_words(line)
        if words:
            problems.append(f"{path.name}: {words} in: {line.strip()[:90]}")
    assert problems == []


@pytest.mark.parametrize("path", ID_SOURCES, ids=lambda p: p.stem)
def test_code_comments_are_bilingual_or_neutral(path: Path) -> None:
    _, comments = _markdown_and_comments(path)
    problems = []
    for comment in comments:
        english = english_words(comment.replace("#", " "))
        if english and " / " not in comment:
            problems.append(f"{path.name}: English-only comment {comment.strip()!r}")
    assert problems == []


def _id_texts(node: object, where: str) -> list[tuple[str, str]]:
    """Every value under an ``id`` key, with a path saying where it is."""
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str) and isinstance(node.get("en"), str):
                out.append((where, value))
            else:
                out.extend(_id_texts(value, f"{where}.{key}"))
    elif isinstance(node, list):
        for n, item in enumerate(node):
            out.extend(_id_texts(item, f"{where}[{n}]"))
    return out


WIDGET_FILES = (
    sorted(ROOT.glob("lessons/*/quiz.yml"))
    + sorted(ROOT.glob("lessons/*/exercises.yml"))
    + sorted((ROOT / "helpers" / "strings").glob("*.yml"))
    + sorted((ROOT / "kit_teacher" / "strings").glob("*.yml"))
)


@pytest.mark.parametrize("path", WIDGET_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_indonesian_widget_text_has_no_english(path: Path) -> None:
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = [
        f"{where}: {english_words(text)} in {text[:80]!r}"
        for where, text in _id_texts(bank, path.name)
        if english_words(text)
    ]
    assert problems == []


def test_the_detector_finds_a_leak() -> None:
    assert english_words("Jawaban: Monday, not named") == ["monday", "not", "named"]
    assert english_words("Gunakan `df.isin([...])` dan **pandas**.") == []


@pytest.mark.parametrize("table", ["voices", "corroboration"])
def test_statements_are_summarised_in_the_kits_words_and_sourced(table: str) -> None:
    """Libyan voices and the accounts for corroboration paraphrase (no quotation) and cite a source."""
    from helpers import data

    frame = getattr(data, f"load_{table}")()
    assert len(frame) >= 3
    for _, row in frame.iterrows():
        for lang in ("en", "id"):
            text = str(row[f"summary_{lang}"])
            assert not any(mark in text for mark in '"“”«»'), f"{table} {row.iloc[0]}: summary_{lang} quotes"
        assert str(row["sources"]).strip(), f"{table} {row.iloc[0]}: no source"
