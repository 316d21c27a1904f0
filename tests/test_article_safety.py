"""``python -m kit_teacher.article add`` keeps the kit whole: any length, caps, staging, escaping (issue 27).

Each case runs on a copy of the kit (tests/test_article_add.py's ``copy_kit``); after each, the
copy's data validate and the kit loads (``helpers.articles.show("A")``, and the new article).
"""

from __future__ import annotations

import errno
import json
import os
import pathlib
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import pytest

from helpers import i18n
from helpers.sentences import SENTENCE_ID
from kit_teacher import article as add_article
from kit_teacher.article import commit
from kit_teacher.article.command import from_make
from tests.conftest import ROOT
from tests.test_article_add import ARGS, TEXT, _refused, add, copy_kit, run, tree
from tools import export_html

GOOD_IDS = ["A.p01.s01", "B.p16.s02", "C.p100.s01", "C.p01.s100", "C.p130.s104"]
BAD_IDS = ["C.p1.s01", "C.p100.s1", "CC.p01.s01", "c.p01.s01", "C.p01", "C.p01.s01x"]


def kit_loads(kit: Path, article: str | None = None) -> None:
    """The copy's data validate and its articles show (A, and ``article`` when given)."""
    code = (
        "import sys; from helpers import articles, data\n"
        "assert data.validate_all() == [], data.validate_all()\n"
        "assert 'A.p01.s01' in repr(articles.show('A'))\n"
        "if sys.argv[1]: assert sys.argv[1] + '.p01.s01' in articles.show(sys.argv[1])._repr_html_()\n"
    )
    done = run(["-c", code, article or ""], kit, KIT_ROOT=str(kit))
    assert done.returncode == 0, done.stderr[-3000:]
    assert not list(kit.glob(f"{commit.STAGING}*")), "a staging folder was left behind"


def both(key: str, **values) -> list[str]:
    return [i18n.t(f"article_add.error.{key}", lang=lang, **values) for lang in ("en", "id")]


@pytest.fixture
def kit(tmp_path) -> Path:
    return copy_kit(tmp_path / "kit")


# ---------------------------------------------------------------- ids for any number of paragraphs and sentences


def test_the_sentence_id_pattern_agrees_everywhere():
    """helpers.sentences, the datapackage's sentence fields, the quiz schema and the project brief agree."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    patterns = {
        f["constraints"]["pattern"]
        for res in package["resources"]
        for f in res.get("schema", {}).get("fields", [])
        if "\\.p" in f.get("constraints", {}).get("pattern", "")
    }
    assert len(patterns) == 1, patterns
    (pattern,) = patterns
    schema = (ROOT / "lessons" / "quiz.schema.json").read_text(encoding="utf-8")
    quiz = re.compile(json.loads(re.search(r'"pattern": ("\^\(\[AB\][^\n]*"),', schema).group(1)))
    from helpers import project  # the project brief finds ids in a student's text with its own pattern

    for sid in GOOD_IDS:
        assert SENTENCE_ID.match(sid) and re.fullmatch(pattern, sid), sid
        assert project._SENTENCE.fullmatch(sid), sid
        assert sid[0] not in "AB" or quiz.fullmatch(sid), sid
    for sid in BAD_IDS:
        assert not SENTENCE_ID.match(sid) and not re.fullmatch(pattern, sid), sid
        assert not quiz.fullmatch(sid), sid


def test_a_130_paragraph_article_validates_and_shows(kit, tmp_path):
    page = tmp_path / "long.txt"
    page.write_text(
        "\n".join(f"Pasukan tiba di Sirte pada hari ke-{i}. Warga pergi." for i in range(1, 131)) + "\n",
        encoding="utf-8",
    )
    done = add(kit, page, "--id", "C", *ARGS)
    assert done.returncode == 0, done.stderr
    kit_loads(kit, "C")
    check = (
        "from helpers import articles\n"
        "print(articles.sentence('C.p130.s02').text)\n"
        "assert 'C.p100.s01' in articles.show('C')._repr_html_()\n"
    )
    shown = run(["-c", check], kit, KIT_ROOT=str(kit))
    assert shown.returncode == 0 and shown.stdout.strip() == "Warga pergi.", shown.stderr[-2000:]


# ---------------------------------------------------------------- caps, links, odd files: refused fast, nothing written


def test_100000_sentences_are_refused_quickly(kit, tmp_path, capsys):
    file = tmp_path / "many.txt"
    file.write_text("Ia pergi. " * 100_000, encoding="utf-8")
    start = time.perf_counter()
    _refused(kit, capsys, [str(file), "--id", "C", *ARGS], "too_long", file="many.txt", n=1_000_000, limit=500_000)
    assert time.perf_counter() - start < 10
    kit_loads(kit)


def test_more_sentences_or_paragraphs_than_the_caps_are_refused(kit, tmp_path, capsys):
    file = tmp_path / "sentences.txt"
    file.write_text("\n".join("Ia pergi. " * 30 for _ in range(101)) + "\n", encoding="utf-8")
    _refused(kit, capsys, [str(file), "--id", "C", *ARGS], "too_many_sentences", file=file.name, n=3030, limit=3000)
    file = tmp_path / "paragraphs.txt"
    file.write_text("Ia pergi.\n" * 1001, encoding="utf-8")
    _refused(kit, capsys, [str(file), "--id", "C", *ARGS], "too_many_paragraphs", file=file.name, n=1001, limit=1000)


def test_a_50_mb_file_is_refused_before_it_is_read(kit, tmp_path, capsys):
    file = tmp_path / "big.txt"
    with file.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: costs no disk
    start = time.perf_counter()
    _refused(kit, capsys, [str(file), "--id", "C", *ARGS], "too_large", file="big.txt", size=50_000_000, limit=10**7)
    assert time.perf_counter() - start < 5


def test_a_symlink_is_refused_even_to_a_good_article(kit, tmp_path, capsys):
    link = tmp_path / "article.txt"
    link.symlink_to(TEXT)
    _refused(kit, capsys, [str(link), "--id", "C", *ARGS], "symlink", file=str(link))
    assert not (kit / "data" / "articles" / "C-original.txt").exists()
    kit_loads(kit)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_folder_is_refused_without_waiting(kit, tmp_path, capsys):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    _refused(kit, capsys, [str(pipe), "--id", "C", *ARGS], "not_a_file", file=str(pipe))
    _refused(kit, capsys, [str(tmp_path), "--id", "C", *ARGS], "not_a_file", file=str(tmp_path))
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


# ---------------------------------------------------------------- a full disk, data that would not validate: nothing changed


def test_a_full_disk_leaves_the_kit_as_it_was_and_a_rerun_works(kit, capsys, monkeypatch):
    real = pathlib.Path.write_bytes
    calls = []

    def full(self, data):
        calls.append(self)
        if len(calls) >= 3:  # the original and a sheet are written; the disk fills up at the next
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    _refused(kit, capsys, [str(TEXT), "--id", "C", *ARGS], "no_space", error=os.strerror(errno.ENOSPC))
    assert len(calls) == 3
    monkeypatch.undo()
    assert add_article.main(["add", str(TEXT), "--id", "C", *ARGS, "--root", str(kit)]) == 0
    kit_loads(kit, "C")


def test_a_failed_swap_is_undone(kit, capsys, monkeypatch):
    real = os.replace

    def fail_on_data(src, dst):
        if Path(src).name == "data" and Path(src).parent.name.startswith(commit.STAGING):
            raise OSError(errno.EXDEV, "simulated", str(src))
        return real(src, dst)

    monkeypatch.setattr(commit.os, "replace", fail_on_data)
    _refused(kit, capsys, [str(TEXT), "--id", "C", *ARGS], "no_space", error="simulated")
    assert not list((kit / "notebooks" / "src" / "en").glob("*-article-c.md"))
    kit_loads(kit)


def test_data_that_would_not_validate_are_never_swapped_in(kit, capsys):
    """A publisher with template syntax fails the kit's validation: refused, the problem quoted, nothing written."""
    before = tree(kit)
    code = add_article.main(["add", str(TEXT), "--id", "C", *ARGS, "--publisher", "Uji {{ 7*7 }}", "--root", str(kit)])
    assert code == 2
    err = capsys.readouterr().err
    assert "{{ 7*7 }}" in err and "Traceback" not in err
    assert both("invalid", problems="")[0].split("\n")[0] in err
    assert tree(kit) == before
    kit_loads(kit)


# ---------------------------------------------------------------- hostile fields: escaped where they land

HOSTILE_TITLE = "<img src=x onerror=alert(1)> [click](javascript:alert(2)) costs $5 `code`"
HOSTILE_PUBLISHER = "<script>alert(1)</script> *Daily*"


def test_hostile_title_and_publisher_show_as_text_in_the_lesson_and_the_static_site(kit, tmp_path):
    done = add(kit, TEXT, "--id", "C", *ARGS[2:], "--publisher", HOSTILE_PUBLISHER, "--title", HOSTILE_TITLE)
    assert done.returncode == 0, done.stderr
    kit_loads(kit, "C")
    template = jupytext.reads((ROOT / "kit_teacher/article/templates/lesson.en.md").read_text(), fmt="md:myst")
    for lang in ("en", "id"):
        (source,) = (kit / "notebooks" / "src" / lang).glob("*-*-c.md")
        nb = jupytext.reads(source.read_text(encoding="utf-8"), fmt="md:myst")
        assert [c.cell_type for c in nb.cells] == [c.cell_type for c in template.cells]
        html = export_html.page(nb, lang, source.stem)
        for live in ("<img", "<script>alert", 'href="javascript', "<em>Daily", "<math"):
            assert live not in html, live
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "onerror=alert(1)" in html  # shown, as text
    readme = subprocess.run([sys.executable, "tools/datapackage.py"], cwd=kit, capture_output=True, text=True)
    assert readme.returncode == 0, readme.stderr
    assert "<script>" not in (kit / "data" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "option,value,key",
    [
        ("--publisher", "Kompas\n```{code-cell}\nimport os", "control_character"),
        ("--title", "Judul\r\n+++", "control_character"),
        ("--publisher", "Kompas\u2028Daily", "control_character"),
        ("--title", "x" * 301, "field_too_long"),
    ],
)
def test_a_field_that_could_break_out_is_refused(kit, capsys, option, value, key):
    args = [str(TEXT), "--id", "C", *ARGS, option, value]
    _refused(kit, capsys, args, key, option=option, limit=300)


@pytest.mark.parametrize(
    "url",
    [
        'https://x.org/"><script>alert(1)</script>',
        "https://user:secret@x.org/a",
        "javascript:alert(1)",
        "https://",
        "https://x.org/a b",
        "https://[::1/x",
    ],
)
def test_a_hostile_address_is_refused(kit, capsys, url):
    _refused(kit, capsys, [str(TEXT), "--id", "C", *ARGS[:4], "--url", url], "bad_url", value=url)


def test_an_address_with_parentheses_cannot_end_the_link(kit):
    url = "https://x.org/wiki/Libya_(2019)"
    done = add(kit, TEXT, "--id", "C", *ARGS[:4], "--url", url)
    assert done.returncode == 0, done.stderr
    (source,) = (kit / "notebooks" / "src" / "en").glob("*-article-c.md")
    assert "[the original](https://x.org/wiki/Libya_%282019%29)" in source.read_text(encoding="utf-8")


def test_bidi_and_zero_width_characters_are_kept_with_a_warning(kit, tmp_path):
    file = tmp_path / "bidi.txt"
    file.write_text("Pasukan tiba di Sir\u200bte.\nWarga \u202eiggrep\u202c pergi.\n", encoding="utf-8")
    done = add(kit, file, "--id", "C", *ARGS, "--title", "Judul\u2066x\u2069")
    assert done.returncode == 0, done.stderr
    for lang in ("en", "id"):
        for where, codes in (("FILE", "U+200B, U+202E, U+202C"), ("--title", "U+2066, U+2069")):
            assert i18n.t("article_add.hidden", lang=lang, where=where, codes=codes) in done.stderr
    kit_loads(kit, "C")


# ---------------------------------------------------------------- make article: FILE and ARGS are never run or expanded


def test_make_article_passes_file_and_args_as_given(tmp_path):
    out, marker = tmp_path / "seen.json", tmp_path / "ran"
    fake = tmp_path / "python"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "if sys.argv[1:3] == ['-m', 'kit_teacher.article']:\n"
        "    env = {k: os.environ.get(k) for k in ('ARTICLE_FILE', 'ARTICLE_ID', 'ARTICLE_ARGS')}\n"
        f"    open({str(out)!r}, 'w').write(json.dumps([sys.argv[1:], env]))\n"
    )
    fake.chmod(0o755)
    file = f"my `touch {marker}` $(touch {marker}) $HOME $$x.txt"
    args = f"--publisher 'Kompas $5' --title \"`touch {marker}`\""
    done = subprocess.run(
        ["make", "-s", "article", f"PY={fake}", "STAMP_LAB=Makefile", f"FILE={file}", "ID=C", f"ARGS={args}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    argv, env = json.loads(out.read_text())
    assert argv == ["-m", "kit_teacher.article", "make"]
    assert env == {"ARTICLE_FILE": file, "ARTICLE_ID": "C", "ARTICLE_ARGS": args}
    assert from_make(env) == [
        "add",
        file,
        "--id",
        "C",
        "--publisher",
        "Kompas $5",
        "--title",
        f"`touch {marker}`",
    ]
    assert not marker.exists()
