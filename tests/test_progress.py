"""Progress files: atomic appends, corrupt files moved aside, reports, exports (the class summary: test_summary.py)."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
import warnings

import pandas as pd
import pytest

import helpers
from helpers import progress


def test_record_and_read(tmp_path):
    progress.record(kind="quiz", item="00-start-here/q1", lesson="00-start-here", answer="b", correct=True, score=1)
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=4, correct=False, score=0)
    frame = progress.attempts()
    assert list(frame["item"]) == ["00-start-here/q1", "00.1"]
    assert progress.progress_file().parent == tmp_path / "progress"


def test_quiz_and_check_record_attempts():
    helpers.quiz.load("00-start-here").answer("q1", "b")
    helpers.check("00.1", 5)
    helpers.check("00.1", ...)  # not an attempt
    assert list(progress.attempts()["item"]) == ["00-start-here/q1", "00.1"]


def test_a_writer_killed_mid_line_costs_only_that_line(monkeypatch):
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    before = progress.progress_file().read_bytes()
    real_write = os.write

    def dies_half_way(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", dies_half_way)
        with pytest.warns(UserWarning, match="could not be saved"):
            progress.record(kind="quiz", item="x/q2", lesson="x", answer="b", correct=False, score=0)
    torn = progress.progress_file().read_bytes()
    assert torn.startswith(before) and not torn.endswith(b"\n")  # earlier lines untouched
    progress.record(kind="quiz", item="x/q3", lesson="x", answer="c", correct=True, score=1)
    with pytest.warns(UserWarning, match="1 damaged"):
        assert list(progress.attempts()["item"]) == ["x/q1", "x/q3"]


def test_a_save_appends_and_stays_cheap_at_50000_lines():
    path = progress.progress_file()
    path.parent.mkdir(parents=True)
    line = json.dumps({"kind": "quiz", "item": "x/q1", "lesson": "x", "answer": "a", "correct": True, "score": 1})
    path.write_text((line + "\n") * 50_000, encoding="utf-8")
    before, inode = path.read_bytes(), path.stat().st_ino
    start = time.perf_counter()
    progress.record(kind="quiz", item="x/q2", lesson="x", answer="b", correct=True, score=1)
    elapsed = time.perf_counter() - start
    after = path.read_bytes()
    # appended in place: same file, old bytes untouched, one new line (no rewrite, no copy)
    assert path.stat().st_ino == inode and after.startswith(before) and after.count(b"\n") == 50_001
    assert elapsed < 0.25, f"a save took {elapsed:.3f} s at 50,000 lines"


def test_temporary_files_of_a_killed_writer_are_removed_on_the_next_write():
    folder = progress.progress_file().parent
    folder.mkdir(parents=True)
    (folder / ".progress-k1ll3d").write_bytes(b"half a file")
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    assert not [p for p in folder.iterdir() if p.name.startswith(".progress-")]
    assert len(progress.attempts()) == 1


def test_a_file_that_cannot_be_opened_is_moved_aside():
    path = progress.progress_file()
    path.mkdir(parents=True)  # a folder where the file should be
    with pytest.warns(UserWarning, match="moved aside"):
        assert progress.attempts().empty
    assert [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    assert len(progress.attempts()) == 1


GOOD = {
    "kind": "quiz",
    "item": "00-start-here/q1",
    "lesson": "00-start-here",
    "answer": "a",
    "correct": True,
    "score": 1,
}
BAD_LINES = {
    "bad UTF-8 byte": b'{"kind": "quiz", "item": "x/q\xff", "lesson": "x", "answer": "a"}',
    "item is an object": json.dumps({**GOOD, "item": {"a": 1}}).encode(),
    "item is a list": json.dumps({**GOOD, "item": ["a", "b"]}).encode(),
    "lesson is an object": json.dumps({**GOOD, "lesson": {"a": 1}}).encode(),
    "lesson is a list": json.dumps({**GOOD, "lesson": ["x"]}).encode(),
    "not JSON": b"{torn",
    "JSON but not an attempt": b"[1, 2, 3]",
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "5,000-digit number": b'{"item": "x", "score": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("bad", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_one_bad_line_costs_only_that_line(bad):
    path = progress.progress_file()
    path.parent.mkdir(parents=True)
    good = (json.dumps(GOOD) + "\n").encode()
    path.write_bytes(good * 50 + bad + b"\n" + good * 50)
    with pytest.warns(UserWarning, match="1 damaged"):
        assert len(progress.attempts()) == 100
    with pytest.warns(UserWarning, match="1 damaged"):
        report = progress.report()
    assert "00-start-here" in repr(report) and "<img alt=" in report._repr_html_()


def test_a_byte_order_mark_and_windows_line_ends_cost_nothing():
    path = progress.progress_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(GOOD) + "\r\n").encode() * 3)
    assert len(progress.attempts()) == 3


def test_report_survives_odd_but_readable_shapes():
    path = progress.progress_file()
    path.parent.mkdir(parents=True)
    lines = [
        {**GOOD, "item": 3},
        {**GOOD, "item": "3"},
        {**GOOD, "item": 2.5, "lesson": 7},
        {**GOOD, "lesson": r"$\alert$", "answer": [1, {"a": None}], "score": "0.5"},
        {**GOOD, "correct": "yes", "score": None},
        {"item": "bare"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    frame = progress.attempts()
    assert list(frame["item"]) == ["3", "3", "2.5", "00-start-here/q1", "00-start-here/q1", "bare"]
    scores = frame["score"].tolist()  # a null score is an answer not scored (an exam's: issue 27), not a 0
    assert scores[:4] + scores[5:] == [1.0, 1.0, 1.0, 0.5, 0.0] and scores[4] != scores[4]
    report = progress.report()
    assert "$\\alert$" in repr(report) and "<img alt=" in report._repr_html_()


@pytest.mark.parametrize(
    "answer",
    ["a\udcff", 10**5000, float("nan"), Unprintable := type("Unprintable", (), {"__repr__": lambda self: 1 / 0})()],
    ids=["lone surrogate", "huge int", "nan", "bad repr"],
)
def test_record_never_raises_on_a_hostile_answer(answer):
    entry = progress.record(kind="quiz", item="x/q1", lesson="x", answer=answer, correct=False, score=float("nan"))
    assert len(entry["answer"]) <= progress.FIELD_LIMIT and entry["score"] == 0.0
    assert progress.attempts()["answer"].tolist() == [entry["answer"]]


def test_report_and_export(tmp_path):
    assert "No answers" in repr(progress.report())
    helpers.quiz.load("00-start-here").answer("q1", "a")
    helpers.quiz.load("00-start-here").answer("q1", "b")
    report = progress.report()
    assert "00-start-here" in repr(report) and "<img alt=" in report._repr_html_()
    helpers.set_language("id")
    assert "pelajaran" in repr(progress.report())
    out = progress.export(tmp_path / "ayu.csv", student="Ayu")
    frame = pd.read_csv(out)
    assert list(frame.columns) == progress.COLUMNS and set(frame["student"]) == {"Ayu"}


def test_export_neutralises_spreadsheet_formulas(tmp_path):
    for answer in ['=HYPERLINK("http://x.example","click")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-3"]:
        progress.record(kind="quiz", item="x/q1", lesson="x", answer=answer, correct=False, score=0)
    frame = pd.read_csv(progress.export(tmp_path / "eve.csv", student="=1+1"), dtype=str, keep_default_na=False)
    assert frame["answer"].tolist() == [
        '\'=HYPERLINK("http://x.example","click")',
        "'+cmd|' /C calc'!A0",
        "'@SUM(A1)",
        "-3",
    ]
    assert set(frame["student"]) == {"'=1+1"}
    assert [progress.spreadsheet_safe(cell) for cell in ("\tx", "\rx", "-2+3", "1e5")] == [
        "'\tx",
        "'\rx",
        "'-2+3",
        "1e5",
    ]


def _writer(name: str, barrier, count: int) -> None:
    """One kernel: wait until every writer is ready, then record ``count`` attempts as fast as it can.

    Its writes come back short (at most 16 bytes each, as POSIX allows and as network file systems
    do), so an append is not one indivisible write: only the lock keeps two kernels' lines apart.
    """
    real_write = os.write

    def short_write(fd, data):
        written = real_write(fd, bytes(data[:16]))
        time.sleep(0.0002)  # let another writer run in the middle of a line
        return written

    os.write = short_write
    barrier.wait(timeout=60)
    for n in range(count):
        progress.record(kind="quiz", item=f"x/{name}{n}", lesson="x", answer=n, correct=True, score=1)


def test_two_kernels_writing_at_once_lose_nothing():
    # A barrier, not a sleep, starts the writers: each process is fully started before any of them
    # writes, so the writes overlap on every run, and the test fails every time without the lock.
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    names, count = ("a", "b", "c", "d"), 30
    barrier = ctx.Barrier(len(names))
    writers = [ctx.Process(target=_writer, args=(name, barrier, count)) for name in names]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0] * len(names)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a damaged (interleaved) line fails the test too
        items = list(progress.attempts()["item"])
    assert sorted(items) == sorted(f"x/{name}{n}" for name in names for n in range(count))


def test_unwritable_progress_folder_is_a_warning(monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(blocker / "sub"))
    with pytest.warns(UserWarning):
        entry = progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    assert entry["item"] == "x/q1"


def test_every_quiz_attempt_is_recorded_with_its_number_and_why_the_explanation_showed(tmp_path, monkeypatch):
    import json

    from helpers import quiz

    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    loaded = quiz.load("00-start-here")  # q2: true or false, its explanation names no option
    first, second = loaded.answer("q2", "true"), loaded.answer("q2", "true")
    assert first.explanation == "" and second.explanation
    third = loaded.answer("q2", "false")
    assert third.correct
    lines = [json.loads(line) for line in progress.progress_file().read_text().splitlines()]
    q2 = [line for line in lines if line["item"] == "00-start-here/q2"]
    assert [line["attempt"] for line in q2[-3:]] == [1, 2, 3]
    assert [line["explained"] for line in q2[-3:]] == ["no", "after_second_try", "after_correct"]
    assert [line["answer"] for line in q2[-3:]] == ["true", "true", "false"]
    assert {line["mode"] for line in q2} == {"practice"}


def test_the_students_name_seeds_the_option_order(tmp_path, monkeypatch):
    from helpers import quiz

    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    monkeypatch.delenv("KIT_STUDENT", raising=False)
    progress.set_student("Ayu")
    ayu = quiz.load("00-start-here").order
    assert ayu == quiz.load("00-start-here").order  # stable across reruns
    monkeypatch.setenv("KIT_STUDENT", "Budi")
    assert quiz.load("00-start-here").order != ayu


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("value", [None, ..., 42, ["Ayu"]])
def test_a_name_that_is_not_text_is_refused_with_a_message_in_the_students_language(value, lang, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    monkeypatch.delenv("KIT_STUDENT", raising=False)
    progress.set_student("Ayu")
    helpers.set_language(lang)
    try:
        with pytest.warns(UserWarning, match="no name was saved" if lang == "en" else "tidak ada nama yang disimpan"):
            assert progress.set_student(value) == "Ayu"  # the name saved before stays
    finally:
        helpers.set_language("en")
    assert progress.student() == "Ayu"


@pytest.mark.parametrize("empty", ["", "   "])
def test_the_name_cell_run_again_untouched_keeps_the_saved_name(empty, tmp_path, monkeypatch):
    """Issue 22: Run All on a fresh copy of lesson 00 ran ``set_student("")`` and forgot the name."""
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    monkeypatch.delenv("KIT_STUDENT", raising=False)
    assert progress.set_student(empty) == ""  # nobody has a name yet: nothing to keep
    progress.set_student("Ayu")
    assert progress.set_student(empty) == "Ayu"
    assert progress.student() == "Ayu"
    assert progress.set_student("Ayu Lestari") == "Ayu Lestari"  # a new name replaces it


@pytest.mark.parametrize("lang", ["en", "id"])
def test_hand_in_without_a_name_or_answers_says_what_to_do(lang, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KIT_STUDENT", raising=False)
    helpers.set_language(lang)
    first = helpers.hand_in()
    assert first.path is None and not first.data
    assert first.message == helpers.t("progress.hand_in.no_name") and "Traceback" not in first._repr_html_()
    progress.set_student("Ayu")
    assert helpers.hand_in().message == helpers.t("progress.hand_in.nothing")
    assert not (tmp_path / "hand-in").exists()


def test_hand_in_writes_the_export_named_by_student_and_date_and_offers_a_download(tmp_path, monkeypatch):
    import base64
    import datetime
    import re

    monkeypatch.chdir(tmp_path)
    progress.set_student("Ayu <b>Lestari</b>")
    helpers.check("00.1", 5)
    done = helpers.hand_in()
    expected = tmp_path / "hand-in" / f"ayu-b-lestari-b-{datetime.date.today().isoformat()}.csv"
    assert done.path == expected and expected.is_file()
    assert str(expected) in done.message and str(expected) in repr(done)
    frame = pd.read_csv(expected, dtype=str)
    assert frame["student"].tolist() == ["Ayu <b>Lestari</b>"] and frame["item"].tolist() == ["00.1"]
    page = done._repr_html_()
    assert "<b>Lestari" not in page  # the name is escaped
    link = re.search(r'<a download="([^"]+)" href="data:text/csv;charset=utf-8;base64,([^"]+)">', page)
    assert link and link.group(1) == expected.name
    assert base64.b64decode(link.group(2)) == expected.read_bytes()
    helpers.check("00.2", "Tripoli")  # a second hand-in the same day replaces the file, whole
    assert len(pd.read_csv(helpers.hand_in().path)) == 2 and len(list((tmp_path / "hand-in").iterdir())) == 1


def test_hand_in_to_the_folder_the_hub_names(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_HAND_IN_DIR", str(tmp_path / "collect"))
    monkeypatch.setenv("KIT_STUDENT", "Budi")
    helpers.check("00.1", 4)
    assert helpers.hand_in().path.parent == tmp_path / "collect"


def test_hand_in_to_an_unwritable_folder_still_offers_the_download(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    helpers.set_language("id")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(progress, "replace_file", refuse)
    monkeypatch.setenv("KIT_STUDENT", "Ayu")
    helpers.check("00.1", 5)
    done = helpers.hand_in()
    assert done.path is None and "tidak bisa disimpan" in done.message and "Permission denied" in done.message
    assert 'href="data:text/csv' in done._repr_html_() and "Unduh" in done._repr_html_()
