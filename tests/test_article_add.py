"""``python -m kit_teacher.article add``: a teacher's own article, from file to a lesson that runs and passes nbval.

Everything runs on a copy of the kit in a temporary folder (``--root``); nothing is written to the
repository. The test article (tests/fixtures/article-test.txt and .html) is fictional.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import i18n, mentions, sentences
from kit_teacher import article as add_article
from tests.conftest import ROOT, clear_caches
from tests.test_bootstrap import cell as first_cell

FIXTURES = ROOT / "tests" / "fixtures"
TEXT = FIXTURES / "article-test.txt"
PAGE = FIXTURES / "article-test.html"
ARGS = ["--publisher", "Kantor Berita Uji", "--date", "2020-01-20", "--url", "https://example.org/uji"]


def copy_kit(dest: Path) -> Path:
    """A copy of the parts of the kit the command and the lessons read."""
    for name in ("data", "helpers", "kit_teacher", "tools", "lessons"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "notebooks" / "src", dest / "notebooks" / "src")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=_env(**env)
    )


def _env(**extra: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "KIT_ROOT"}
    return {**env, **extra}


def add(kit: Path, file: Path, *more: str) -> subprocess.CompletedProcess:
    return run(["-m", "kit_teacher.article", "add", str(file), *more, "--root", str(kit)], kit)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def tree(root: Path) -> dict[str, str]:
    """Hash of every file under data/ and notebooks/src/: to prove a refused add wrote nothing."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("data", "notebooks/src")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def kit_c(tmp_path_factory) -> Path:
    """A copy of the kit with the test article added as C from its saved web page."""
    kit = copy_kit(tmp_path_factory.mktemp("kit"))
    result = add(kit, PAGE, "--id", "C", *ARGS)
    assert result.returncode == 0, result.stderr
    return kit


def lesson_slug(kit: Path) -> str:
    (source,) = (kit / "notebooks" / "src" / "en").glob("*-article-c.md")
    return source.stem


# ---------------------------------------------------------------- same segmentation as A and B


@pytest.mark.parametrize("article", ["A", "B"])
def test_readding_a_kit_article_reproduces_its_sentence_ids_and_text(article):
    """The original of A (B) added under another letter gives the same ids, kinds and text, byte for byte."""
    plan = add_article.plan(
        ROOT / "data" / "articles" / f"{article}-original.txt",
        article="Y",
        publisher="x",
        published="2019-05-01",
        url="https://example.org",
        root=ROOT,
    )
    assert plan.received is None  # UTF-8 plain text: kept as it is
    assert plan.text.encode("utf-8") == (ROOT / "data" / "articles" / f"{article}-original.txt").read_bytes()
    kit = sentences.segments(article)
    got = [(r["sentence"].replace("Y.", f"{article}.", 1), r["kind"], r["original"], r["text"]) for r in plan.rows]
    assert got == list(zip(kit["sentence"], kit["kind"], kit["original"], kit["text"]))


def test_the_web_page_and_the_text_give_the_same_sentences():
    kwargs = dict(article="C", publisher="x", published="2020-01-20", url="https://example.org", root=ROOT)
    from_text, from_page = add_article.plan(TEXT, **kwargs), add_article.plan(PAGE, **kwargs)
    assert [(r["sentence"], r["kind"], r["text"]) for r in from_page.rows] == [
        (r["sentence"], r["kind"], r["text"]) for r in from_text.rows
    ]
    assert "window.dataLayer" not in from_page.text and "Beranda" not in from_page.text


def test_web_clutter_is_boilerplate_and_the_report_lists_known_and_unknown_names():
    plan = add_article.plan(
        TEXT, article="C", publisher="x", published="2020-01-20", url="https://example.org", root=ROOT
    )
    kinds = {r["text"]: r["kind"] for r in plan.rows}
    for clutter in ("Baca Juga", "Advertisement", "Bagikan: Facebook Twitter WhatsApp"):
        assert kinds[clutter] == "boilerplate"
    caption = next(text for text in kinds if "(Foto:" in text)
    assert kinds[caption] == "boilerplate"
    assert kinds['"Kami tidak akan mundur dari kota ini," kata seorang komandan kepada wartawan.'] == "body"
    assert set(plan.found["place"]) == {"tripoli", "misrata", "sirte"}
    assert {"haftar", "un", "turkey", "russia"} <= set(plan.found["actor"])
    unknown = [name for name, _n in plan.unknown]
    assert "Zliten" in unknown
    assert "Warga" not in unknown and "Toko-toko" not in unknown  # sentence-initial common words


# ---------------------------------------------------------------- what it writes


def test_add_writes_the_article_the_sheets_and_the_report(kit_c):
    data = kit_c / "data"
    assert (data / "articles" / "C-received.html").read_bytes() == PAGE.read_bytes()
    original = (data / "articles" / "C-original.txt").read_text(encoding="utf-8")
    assert original.startswith("Kantor Berita Uji, Tripoli - TEKS FIKTIF")
    ids = [
        r["sentence"]
        for r in add_article.plan(
            TEXT, article="C", publisher="x", published="2020-01-20", url="https://x.org", root=ROOT
        ).content
    ]
    translation = [r for r in rows(data / "articles" / "translation_en.csv") if r["sentence"].startswith("C.")]
    assert [r["sentence"] for r in translation] == ids and all(r["text"] == "" for r in translation)
    claims = [r for r in rows(data / "claims.csv") if r["sentence"].startswith("C.")]
    assert [r["sentence"] for r in claims] == ids and all(r["verdict"] == "" for r in claims)
    (meta,) = [r for r in rows(data / "articles" / "metadata.csv") if r["article"] == "C"]
    assert (meta["outlet"], meta["published"], meta["language"], meta["dateline"]) == (
        "Kantor Berita Uji",
        "2020-01-20",
        "id",
        "Tripoli",
    )
    (source,) = [r for r in rows(data / "sources.csv") if r["source"] == "article-c"]
    assert (source["publisher"], source["date"], source["url"]) == (
        "Kantor Berita Uji",
        "2020-01-20",
        "https://example.org/uji",
    )
    places = {r["place"]: r["sentences"] for r in rows(data / "places.csv")}
    assert "C.p02.s01" in places["misrata"] and "C." not in places["benghazi"]
    report = (data / "articles" / "C-names.md").read_text(encoding="utf-8")
    assert "Zliten" in report and "`misrata`" in report
    assert (kit_c / "notebooks" / "src" / "id" / f"{add_article.lesson_name(lesson_slug(kit_c), 'id')}.md").exists()


def test_the_copy_with_article_c_validates_and_labels_claims_not_yet_checked(kit_c, monkeypatch):
    monkeypatch.setenv("KIT_ROOT", str(kit_c))
    clear_caches()
    try:
        from helpers import data

        assert data.validate_all() == []
        claims = data.load_claims()
        mine = claims[claims["sentence"].str.startswith("C.")]
        for lang, label in (("en", "not yet checked"), ("id", "belum diperiksa")):
            assert set(data.localize(mine, lang=lang)["verdict"]) == {label}
        assert set(data.localize(claims[claims["sentence"].str.startswith("A.")], lang="en")["verdict"]) <= {
            "consistent",
            "imprecise",
            "wrong",
            "disputed",
            "unverifiable",
        }
        from helpers import articles

        assert articles.sentence("C.p02.s01").text.startswith("Pasukan Jenderal Haftar")
        assert "C.p02.s01" in mentions.names("C", lang="en").query("key == 'misrata'")["sentences"].item()
    finally:
        monkeypatch.delenv("KIT_ROOT")
        clear_caches()


def test_an_empty_verdict_is_still_refused_for_the_kits_own_articles(data_copy):
    claims = data_copy / "claims.csv"
    table = rows(claims)
    table[0]["verdict"] = ""
    with claims.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    from helpers import data

    problems = data.validate_all()
    assert any("data/claims.csv row 1" in p and "verdict" in p for p in problems), problems


def test_the_lesson_sources_are_as_jupytext_saves_them_with_an_id_on_every_cell(kit_c):
    """A teacher who opens the generated sources in JupyterLab and saves them changes nothing."""
    import jupytext

    slug = lesson_slug(kit_c)
    for lang in ("en", "id"):
        text = (kit_c / "notebooks" / "src" / lang / f"{add_article.lesson_name(slug, lang)}.md").read_text(
            encoding="utf-8"
        )
        nb = jupytext.reads(text, fmt="md:myst")
        assert jupytext.writes(nb, fmt="md:myst") == text, lang
        assert all(isinstance(c.metadata.get("id"), str) for c in nb.cells), lang
        assert "$" not in text  # every placeholder of the template was filled
        first = next(c for c in nb.cells if c.cell_type == "code").source
        # the kit's own first cell (tests/test_bootstrap.py), so Colab, hubs and VS Code find this copy's helpers
        assert first.startswith(first_cell(lang).rstrip("\n")), first[:300]


@pytest.mark.full  # executes the new lesson in both languages (full tier only)
def test_the_lesson_builds_executes_and_passes_nbval_in_both_languages(kit_c):
    slug = lesson_slug(kit_c)
    src, out = kit_c / "notebooks" / "src", kit_c / "notebooks"
    built = run(["-m", "tools.notebooks", "execute", slug, "--src", str(src), "--out", str(out)], kit_c)
    assert built.returncode == 0, built.stderr
    books = [out / lang / f"{add_article.lesson_name(slug, lang)}.ipynb" for lang in ("en", "id")]
    assert books[1].name.endswith("-berita-c.ipynb")
    for book in books:
        text = book.read_text(encoding="utf-8")
        assert '"output_type": "error"' not in text
    assert "waiting for the teacher" in books[0].read_text(encoding="utf-8").lower()
    assert "menunggu guru" in books[1].read_text(encoding="utf-8").lower()
    assert "not yet checked" in books[0].read_text(encoding="utf-8")
    assert "belum diperiksa" in books[1].read_text(encoding="utf-8")
    sanitize = str(ROOT / "tests" / "nbval_sanitize.cfg")
    checked = run(
        [
            "-m",
            "pytest",
            *map(str, books),
            "--nbval",
            "--nbval-sanitize-with",
            sanitize,
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        kit_c,
    )
    assert checked.returncode == 0, checked.stdout[-3000:]
    assert " passed" in checked.stdout


# ---------------------------------------------------------------- other inputs


def test_a_windows_1252_file_is_read_with_a_message_and_kept_as_received(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    file = tmp_path / "berita.txt"
    file.write_bytes(TEXT.read_text(encoding="utf-8").replace("Senin pagi", "Senin pagi di kafé").encode("cp1252"))
    result = add(kit, file, "--id", "D", *ARGS)
    assert result.returncode == 0, result.stderr
    assert "Windows-1252" in result.stdout
    assert (kit / "data" / "articles" / "D-received.txt").read_bytes() == file.read_bytes()
    assert "kafé" in (kit / "data" / "articles" / "D-original.txt").read_text(encoding="utf-8")
    assert run(["-m", "helpers.data", "validate"], kit, KIT_ROOT=str(kit)).returncode == 0


def test_an_english_article_gets_a_gloss_sheet_and_force_replaces_without_duplicates(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    file = tmp_path / "news.txt"
    file.write_text(
        "Test Wire, Tripoli - FICTIONAL TEST TEXT: written for the tests, never published.\n"
        "Forces loyal to the government said they had pushed back an attack near Misrata on Monday.\n",
        encoding="utf-8",
    )
    assert add(kit, file, "--id", "E", "--lang", "en", "--title", "Fighting near Misrata", *ARGS).returncode == 0
    again = add(kit, file, "--id", "E", "--lang", "en", "--force", *ARGS)
    assert again.returncode == 0, again.stderr
    gloss = [r for r in rows(kit / "data" / "articles" / "gloss_id.csv") if r["sentence"].startswith("E.")]
    assert [r["sentence"] for r in gloss] == ["E.p01.s01", "E.p02.s01"]
    assert not [r for r in rows(kit / "data" / "articles" / "translation_en.csv") if r["sentence"].startswith("E.")]
    assert len([r for r in rows(kit / "data" / "claims.csv") if r["sentence"].startswith("E.")]) == 2
    assert len([r for r in rows(kit / "data" / "sources.csv") if r["source"] == "article-e"]) == 1
    places = {r["place"]: r["sentences"] for r in rows(kit / "data" / "places.csv")}
    assert places["misrata"].split(";").count("E.p02.s01") == 1
    assert len(list((kit / "notebooks" / "src" / "en").glob("*-article-e.md"))) == 1
    assert run(["-m", "helpers.data", "validate"], kit, KIT_ROOT=str(kit)).returncode == 0


# ---------------------------------------------------------------- bad input: a message in both languages, exit 2


def _refused(kit: Path, capsys, args: list[str], key: str, **values: str) -> None:
    before = tree(kit)
    code = add_article.main(["add", *args, "--root", str(kit)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    for lang in ("en", "id"):
        assert i18n.t(f"article_add.error.{key}", lang=lang, **values) in err
    assert tree(kit) == before, "a refused add must write nothing"


@pytest.fixture
def kit(tmp_path) -> Path:
    return copy_kit(tmp_path / "kit")


def test_refuses_an_empty_file(kit, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"  \n\n")
    _refused(kit, capsys, [str(tmp_path / "empty.txt"), "--id", "C", *ARGS], "empty", file="empty.txt")


def test_refuses_a_file_of_only_web_clutter(kit, tmp_path, capsys):
    (tmp_path / "clutter.txt").write_text("Baca Juga\nAdvertisement\n", encoding="utf-8")
    _refused(kit, capsys, [str(tmp_path / "clutter.txt"), "--id", "C", *ARGS], "empty", file="clutter.txt")


def test_refuses_a_binary_file(kit, tmp_path, capsys):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    _refused(kit, capsys, [str(tmp_path / "photo.jpg"), "--id", "C", *ARGS], "binary", file="photo.jpg")


@pytest.mark.parametrize(
    "content",
    [b"Berita tentang Tripoli. " + b"\x81\x8d\x8f\x90\x9d text", "Berita tentang Tripoli.".encode("utf-16")],
    ids=["undefined-in-cp1252", "utf-16"],
)
def test_refuses_an_unknown_encoding(kit, tmp_path, capsys, content):
    (tmp_path / "odd.txt").write_bytes(content)
    _refused(kit, capsys, [str(tmp_path / "odd.txt"), "--id", "C", *ARGS], "encoding", file="odd.txt")


@pytest.mark.parametrize("article", ["A", "B"])
def test_refuses_the_kits_own_articles_even_with_force(kit, capsys, article):
    _refused(kit, capsys, [str(TEXT), "--id", article, "--force", *ARGS], "kit_article", value=article)


def test_refuses_an_article_already_added(kit_c, capsys):
    _refused(kit_c, capsys, [str(TEXT), "--id", "C", *ARGS], "exists", value="C")


def test_refuses_a_lesson_file_that_exists(kit, capsys):
    """A lesson source of the same name (a teacher's earlier work) is never overwritten without --force."""
    names = {"en": "08-article-c", "id": "08-berita-c"}
    for lang in i18n.LANGUAGES:
        (kit / "notebooks" / "src" / lang / f"{names[lang]}.md").write_text("my own notes\n", encoding="utf-8")
    first = f"notebooks/src/{i18n.LANGUAGES[0]}/{names[i18n.LANGUAGES[0]]}.md"
    _refused(kit, capsys, [str(TEXT), "--id", "C", *ARGS], "lesson_exists", file=first)


@pytest.mark.parametrize("value", ["c", "CC", "1", "Ç", ""])
def test_refuses_a_bad_id(kit, capsys, value):
    _refused(kit, capsys, [str(TEXT), "--id", value, *ARGS], "bad_id", value=value)


@pytest.mark.parametrize("value", ["20-01-2020", "2020-02-30", "19 January 2020", ""])
def test_refuses_a_malformed_date(kit, capsys, value):
    args = [str(TEXT), "--id", "C", "--publisher", "x", "--date", value, "--url", "https://example.org"]
    _refused(kit, capsys, args, "bad_date", value=value)


@pytest.mark.parametrize("value", ["2023-09-11", "2011-02-17"])
def test_refuses_a_date_outside_the_data(kit, capsys, value):
    args = [str(TEXT), "--id", "C", "--publisher", "x", "--date", value, "--url", "https://example.org"]
    _refused(kit, capsys, args, "date_range", value=value, first="2019-04-03", last="2020-10-23")


def test_refuses_a_missing_file(kit, tmp_path, capsys):
    missing = str(tmp_path / "nowhere.txt")
    _refused(kit, capsys, [missing, "--id", "C", *ARGS], "missing", file=missing)


def test_refuses_an_address_that_is_not_one(kit, capsys):
    args = [str(TEXT), "--id", "C", "--publisher", "x", "--date", "2020-01-20", "--url", "the newspaper"]
    _refused(kit, capsys, args, "bad_url", value="the newspaper")


def test_the_command_line_runs_as_a_module_and_says_how_to_use_it(tmp_path):
    result = run(["-m", "kit_teacher.article"], ROOT)
    assert result.returncode == 2 and "python -m kit_teacher.article add FILE" in result.stderr
    assert "Traceback" not in result.stderr
