"""Small mends of issue 27: a lock that is never held for ever, an export that is whole or absent,
strict addresses for hub, repository and Leaflet, a trust record that says what it trusts, and two
data breakages that validation used to miss."""

from __future__ import annotations

import errno
import os
import shutil
import time

import pytest

import helpers
from helpers import data, i18n, progress
from helpers.maps import leaflet
from helpers.progress import _files
from kit_teacher import link
from tools import trust

fcntl = pytest.importorskip("fcntl")

# ---------------------------------------------------------------- the progress lock


@pytest.fixture
def held_lock():
    """The progress file's lock, held as another kernel would hold it."""
    path = progress.progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield path
        fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_held_lock_times_out_with_a_message_in_the_students_language(held_lock, lang):
    helpers.set_language(lang)
    start = time.monotonic()
    with pytest.raises(TimeoutError) as caught, _files.locked(held_lock, timeout=0.2):
        pass
    assert time.monotonic() - start < 5
    lock = str(held_lock.with_name(held_lock.name + ".lock"))
    assert str(caught.value) == i18n.t("progress.lock_timeout", lang=lang, path=lock, seconds="0.2")


def test_record_gives_up_on_a_held_lock_with_a_warning(held_lock, monkeypatch):
    monkeypatch.setattr(_files, "LOCK_TIMEOUT", 0.2)
    start = time.monotonic()
    with pytest.warns(UserWarning, match="held the lock"):
        entry = progress.record(kind="quiz", item="q1", lesson="00-start-here", answer="b", correct=True, score=1)
    assert time.monotonic() - start < 5 and entry["answer"] == "b"
    assert not held_lock.exists() or "q1" not in held_lock.read_text()


# ---------------------------------------------------------------- export: whole or not at all, friendly errors


def _one_attempt():
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=3, correct=True, score=1.0)


def test_export_takes_a_student_number_as_text(tmp_path):
    _one_attempt()
    out = progress.export(tmp_path / "me.csv", student=12345)
    assert out.read_text().splitlines()[1].startswith("12345,")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(
    "kwargs,key",
    [({"path": "x.csv", "student": ["Ayu"]}, "bad_student"), ({"path": None}, "bad_path"), ({"path": 3.5}, "bad_path")],
)
def test_export_explains_bad_arguments(tmp_path, monkeypatch, lang, kwargs, key):
    monkeypatch.chdir(tmp_path)
    helpers.set_language(lang)
    with pytest.raises(ValueError) as caught:
        progress.export(**kwargs)
    value = repr(kwargs.get("student", kwargs["path"]))
    assert str(caught.value) == i18n.t(f"progress.export.{key}", lang=lang, value=value)


def test_export_on_a_full_disk_leaves_the_old_file_and_says_so(tmp_path, monkeypatch):
    _one_attempt()
    out = tmp_path / "me.csv"
    out.write_text("the earlier export\n")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        progress.export(out, student="Ayu")
    assert str(caught.value).endswith(
        i18n.t("progress.export.cannot_write", path=str(out), error=os.strerror(errno.ENOSPC))
    )
    assert out.read_text() == "the earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.csv", "progress"]  # no temporary file left


def test_export_to_a_folder_is_explained(tmp_path):
    _one_attempt()
    with pytest.raises(OSError, match="could not be saved"):
        progress.export(tmp_path)


# ---------------------------------------------------------------- addresses for hub, repository and Leaflet

REPO = "https://github.com/libya-kit/libya-kit"


@pytest.mark.parametrize(
    "hub",
    [
        "https://teacher:secret@hub.example.school",
        "https://hub.example.school\r\nX-Injected: 1",
        "https://hub.example.school/\n",
        'https://hub.example.school/"><script>alert(1)</script>',
        "https://h\u0456b.example.school",  # Cyrillic і
        "https://hub.example.school\u200b",
        "javascript://hub.example.school/%0aalert(1)",
        "ftp://hub.example.school",
        "https://hub.example.school:port",
        "https://[::1",
        "//hub.example.school",
    ],
)
def test_hub_addresses_that_could_mislead_are_refused(hub):
    with pytest.raises(link.LinkError) as caught:
        link.hub_link(hub, repo=REPO)
    assert "\n" not in str(caught.value).replace(repr(hub), "")
    assert "secret" not in caught.value.bilingual()


def test_credentials_in_a_hub_address_are_named_as_such():
    with pytest.raises(link.LinkError) as caught:
        link.hub_link("https://teacher:secret@hub.example.school", repo=REPO)
    assert caught.value.key == "link.hub_credentials"


def test_punycode_and_ports_are_fine():
    url = link.hub_link("https://xn--hb-xsa.example.school:8443/jupyter", repo=REPO)
    assert url.startswith("https://xn--hb-xsa.example.school:8443/jupyter/hub/user-redirect/git-pull?")


@pytest.mark.parametrize(
    "repo",
    [
        "https://g\u0456thub.com/libya-kit/libya-kit",
        "https://github.com/libya-kit\r\nX-Injected: 1/libya-kit",
        'https://github.com/libya-kit/"><script>',
        "https://user@github.com/libya-kit/libya-kit",
        "ssh://git@g\u0456thub.com/libya-kit/libya-kit.git",
    ],
)
def test_repository_addresses_that_could_mislead_are_refused(repo):
    with pytest.raises(link.LinkError):
        link.clone_address(repo)


@pytest.mark.parametrize("base", ["//other.host/x", "///other.host/leaflet/", "//127.0.0.1:8000/"])
def test_an_asset_base_on_another_host_in_disguise_is_refused(monkeypatch, base):
    monkeypatch.setitem(leaflet._asset_base, "url", None)  # restored after the test, whatever happens
    with pytest.raises(ValueError, match="not a web address"):
        leaflet.set_asset_base(base)
    monkeypatch.setenv("KIT_ASSET_URL", base)
    assert "other.host" not in leaflet.loader_html() and '"first": "/' not in leaflet.loader_html()


def test_a_same_server_path_and_inline_are_still_accepted(monkeypatch):
    monkeypatch.setitem(leaflet._asset_base, "url", None)
    monkeypatch.setenv("KIT_ASSET_URL", "/kit/static/")
    assert '"first": "/kit/static/"' in leaflet.loader_html()
    monkeypatch.setenv("KIT_ASSET_URL", "inline")
    assert 'id="kit-leaflet-js"' in leaflet.loader_html()


# ---------------------------------------------------------------- tools.trust record


def test_record_lists_what_it_newly_trusts_and_refuses_notebooks_outside_the_lessons(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(trust.NOTEBOOKS, folder)
    manifest = folder / "TRUSTED.sha256"
    assert trust.record(folder, manifest) == ([], [])
    dropped = folder / "en" / "99-free-prizes.ipynb"
    shutil.copy(folder / "en" / "00-start-here.ipynb", dropped)
    changed = folder / "id" / "03-memetakan-penguasaan.ipynb"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Peta", "PETA", 1), encoding="utf-8")
    new, refused = trust.record(folder, manifest)
    assert new == ["id/03-memetakan-penguasaan.ipynb"]
    assert refused == ["en/99-free-prizes.ipynb"]
    assert "en/99-free-prizes.ipynb" not in trust.manifest(manifest)
    assert len(trust.manifest(manifest)) == 16


def test_an_added_articles_lesson_is_a_lesson(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(trust.NOTEBOOKS, folder)
    for lang, name in (("en", "08-article-c"), ("id", "08-berita-c")):
        (folder / "src" / lang / f"{name}.md").write_text("x\n", encoding="utf-8")
        shutil.copy(
            folder / lang / "00-start-here.ipynb" if lang == "en" else folder / lang / "00-mulai-di-sini.ipynb",
            folder / lang / f"{name}.ipynb",
        )
    new, refused = trust.record(folder, folder / "TRUSTED.sha256")
    assert sorted(new) == ["en/08-article-c.ipynb", "id/08-berita-c.ipynb"] and refused == []


# ---------------------------------------------------------------- data breakages that loaded silently


def test_a_nul_byte_in_a_csv_is_named_by_file_row_and_field(data_copy):
    places = data_copy / "places.csv"
    content = places.read_bytes()
    at = content.index(b",Gharyan,")
    places.write_bytes(content[: at + 1] + b"Ghar\x00yan" + content[at + 8 :])
    problems = data.validate_all()
    assert any(p.startswith("data/places.csv row ") and "name_en" in p and "control character" in p for p in problems)


def test_an_unknown_corroboration_event_is_named_by_file_row_and_field(data_copy):
    table = data_copy / "corroboration.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",gharyan-2019,", ",sirte-2020,", 1), encoding="utf-8")
    problems = data.validate_all()
    assert "data/corroboration.csv row 1 (line 2): event must be gharyan-2019" in problems, problems
