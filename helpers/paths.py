"""Where the kit's files are: ``data/``, ``lessons/`` and, in a checkout, ``notebooks/``.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.paths``.

Examples
--------
>>> from helpers.paths import data_dir
>>> (data_dir() / "datapackage.json").exists()
True
>>> (lessons_dir() / "quiz.schema.json").exists()
True
>>> notebook_path("00-start-here", "id").relative_to(kit_root()).as_posix()
'notebooks/id/00-mulai-di-sini.ipynb'
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = [
    "NOTEBOOK_NAMES",
    "data_dir",
    "installed_root",
    "kit_root",
    "lesson_of",
    "lesson_slugs",
    "lessons_dir",
    "notebook_name",
    "notebook_names",
    "notebook_path",
    "notebooks_dir",
]

#: A file that only a folder holding the kit's data has.
_MARKER = Path("data") / "datapackage.json"

#: The file name (without ``.ipynb`` or ``.md``) of each lesson's notebook, per language. The
#: English edition uses the lesson's slug; the Indonesian edition has Indonesian names, so the
#: two editions' tabs in JupyterLab never share a name.
NOTEBOOK_NAMES: dict[str, dict[str, str]] = {
    "00-start-here": {"en": "00-start-here", "id": "00-mulai-di-sini"},
    "01-reading-the-news": {"en": "01-reading-the-news", "id": "01-membaca-berita"},
    "02-who-is-who": {"en": "02-who-is-who", "id": "02-siapa-saja"},
    "03-mapping-control": {"en": "03-mapping-control", "id": "03-memetakan-penguasaan"},
    "04-foreign-backing": {"en": "04-foreign-backing", "id": "04-dukungan-asing"},
    "05-timeline": {"en": "05-timeline", "id": "05-garis-waktu"},
    "06-sources-and-claims": {"en": "06-sources-and-claims", "id": "06-sumber-dan-klaim"},
    "07-project": {"en": "07-project", "id": "07-proyek"},
}


def installed_root() -> Path:
    """Return the folder inside the installed package that holds ``data/`` and ``lessons/``.

    Examples
    --------
    >>> installed_root().name
    '_kit'
    """
    return Path(str(resources.files(__package__ or "helpers") / "_kit"))


def kit_root() -> Path:
    """Return the folder holding ``data/`` and ``lessons/``.

    The repository root when the package sits in a copy of the repository, else the installed
    package's ``_kit`` folder; ``KIT_ROOT`` overrides both.

    Examples
    --------
    >>> (kit_root() / "data").is_dir()
    True
    """
    override = os.environ.get("KIT_ROOT")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / _MARKER).is_file():
        return checkout
    return installed_root()


def data_dir() -> Path:
    """Return the ``data/`` folder."""
    return kit_root() / "data"


def lessons_dir() -> Path:
    """Return the ``lessons/`` folder (question banks and, in a checkout, teacher guides)."""
    return kit_root() / "lessons"


def lesson_slugs() -> list[str]:
    """The lessons of the kit, ``NN-slug``, in order: the folders of ``lessons/`` with a question bank.

    Examples
    --------
    >>> lesson_slugs()[0]
    '00-start-here'
    """
    return sorted(p.parent.name for p in lessons_dir().glob("[0-9][0-9]-*/quiz.yml"))


def notebooks_dir() -> Path:
    """Return the ``notebooks/`` folder (absent from an installed package)."""
    return kit_root() / "notebooks"


def notebook_names(src: Path | None = None) -> dict[str, dict[str, str]]:
    """Every lesson's notebook names per language: :data:`NOTEBOOK_NAMES`, and the lessons of added articles.

    A teacher's own article (``python -m kit_teacher.article add``) gets a lesson whose sources are
    ``notebooks/src/en/NN-slug.md`` and ``notebooks/src/id/NN-nama.md``; lessons whose number is
    not in the table are found there (or in ``src``, another copy's ``notebooks/src``) and paired
    by that number.

    Examples
    --------
    >>> notebook_names()["00-start-here"]["id"]
    '00-mulai-di-sini'
    """
    names = {slug: dict(langs) for slug, langs in NOTEBOOK_NAMES.items()}
    taken = {slug[:2] for slug in names}
    src = notebooks_dir() / "src" if src is None else Path(src)
    for english in sorted(src.glob("en/[0-9][0-9]-*.md")):
        number = english.name[:2]
        indonesian = sorted(src.glob(f"id/{number}-*.md"))
        if number not in taken and len(indonesian) == 1:
            names[english.stem] = {"en": english.stem, "id": indonesian[0].stem}
            taken.add(number)
    return names


def notebook_name(lesson: str, lang: str) -> str:
    """Return the file name (no suffix) of a lesson's notebook in one language.

    Parameters
    ----------
    lesson : str
        The lesson's slug, ``NN-slug`` (a folder of ``lessons/``), or either edition's file name.
    lang : {"en", "id"}
        The edition.

    Raises
    ------
    KeyError
        For a lesson or language the kit does not have.

    Examples
    --------
    >>> notebook_name("03-mapping-control", "id")
    '03-memetakan-penguasaan'
    >>> notebook_name("03-memetakan-penguasaan", "en")
    '03-mapping-control'
    """
    names = notebook_names()
    slug = lesson_of(lesson, names)
    if slug is None:
        raise KeyError(f"no lesson {lesson!r}; the lessons are {', '.join(names)}")
    return names[slug][lang]


def notebook_path(lesson: str, lang: str, folder: Path | None = None) -> Path:
    """Return the path of a lesson's notebook: ``<folder>/<lang>/<name>.ipynb``.

    ``folder`` defaults to :func:`notebooks_dir`.

    Examples
    --------
    >>> notebook_path("00-start-here", "en", Path("nb")).as_posix()
    'nb/en/00-start-here.ipynb'
    """
    return Path(folder if folder is not None else notebooks_dir()) / lang / f"{notebook_name(lesson, lang)}.ipynb"


def lesson_of(name: str, names: dict[str, dict[str, str]] | None = None) -> str | None:
    """Return the lesson slug a notebook file name (either language, with or without suffix) belongs to.

    ``None`` when no lesson of the kit (or of an added article) has that name. ``names`` is
    :func:`notebook_names`, when the caller has it already.

    Examples
    --------
    >>> lesson_of("00-mulai-di-sini.ipynb"), lesson_of("00-start-here"), lesson_of("09-nothing")
    ('00-start-here', '00-start-here', None)
    """
    stem = Path(str(name)).name.removesuffix(".ipynb").removesuffix(".md").removesuffix(".html")
    for slug, editions in (names if names is not None else notebook_names()).items():
        if stem == slug or stem in editions.values():
            return slug
    return None
