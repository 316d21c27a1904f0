"""Progress files: atomic appends, corrupt files moved aside, reports, exports, class summaries."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys

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


def test_a_crash_mid_write_keeps_earlier_attempts(monkeypatch):
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    before = progress.progress_file().read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk pulled out")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)
        with pytest.warns(UserWarning, match="could not be saved"):
            progress.record(kind="quiz", item="x/q2", lesson="x", answer="b", correct=False, score=0)
    assert progress.progress_file().read_bytes() == before
    assert not [p for p in progress.progress_file().parent.iterdir() if p.name.startswith(".progress-")]


def test_unreadable_file_is_moved_aside(monkeypatch):
    path = progress.progress_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.warns(UserWarning, match="moved aside"):
        frame = progress.attempts()
    assert frame.empty
    assert [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    assert len(progress.attempts()) == 1


def test_damaged_lines_are_skipped_and_counted():
    path = progress.progress_file()
    path.parent.mkdir(parents=True)
    good = json.dumps({"kind": "quiz", "item": "x/q1", "lesson": "x", "answer": "a", "correct": True, "score": 1})
    path.write_text(good + "\n{broken\n" + good + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 damaged"):
        assert len(progress.attempts()) == 2


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


def test_summarize_cli_skips_bad_and_foreign_files(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    rows = [("Ayu", "quiz", "00-start-here/q1", "00-start-here", "a", False, 0),
            ("Ayu", "quiz", "00-start-here/q1", "00-start-here", "b", True, 1),
            ("Budi", "quiz", "00-start-here/q1", "00-start-here", "a", False, 0)]
    pd.DataFrame(rows[:2], columns=progress.COLUMNS[:-1]).to_csv(folder / "ayu.csv", index=False)
    pd.DataFrame(rows[2:], columns=progress.COLUMNS[:-1]).to_csv(folder / "budi.csv", index=False)
    (folder / "notes.csv").write_text("this,is\nnot,progress\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    out = subprocess.run([sys.executable, "-m", "helpers.progress", "summarize", str(folder)],
                         capture_output=True, text=True, env={**os.environ, "KIT_LANG": "en"})
    assert out.returncode == 0, out.stderr
    assert "Skipped notes.csv" in out.stdout and "Skipped photo.jpg" in out.stdout
    assert "00-start-here/q1" in out.stdout and "0.33" in out.stdout
    assert (folder / "summary.png").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "No progress files" in subprocess.run([sys.executable, "-m", "helpers.progress", "summarize", str(empty)],
                                                 capture_output=True, text=True).stdout


def _writer(name: str, barrier, count: int) -> None:
    """One kernel: wait until every writer is ready, then record ``count`` attempts as fast as it can."""
    barrier.wait(timeout=60)
    for n in range(count):
        progress.record(kind="quiz", item=f"x/{name}{n}", lesson="x", answer=n, correct=True, score=1)


def test_two_kernels_writing_at_once_lose_nothing():
    # A barrier, not a sleep, starts the writers: each process is fully started (helpers imported)
    # before any writes, so the writes really overlap on every run and the test fails without the lock.
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    names, count = ("a", "b", "c", "d"), 40
    barrier = ctx.Barrier(len(names))
    writers = [ctx.Process(target=_writer, args=(name, barrier, count)) for name in names]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0] * len(names)
    items = list(progress.attempts()["item"])
    assert sorted(items) == sorted(f"x/{name}{n}" for name in names for n in range(count))


def test_summarize_reads_jsonl_and_keeps_the_backend(tmp_path, capsys):
    import matplotlib

    backend = matplotlib.get_backend()
    folder = tmp_path / "class"
    folder.mkdir()
    line = {"kind": "quiz", "item": "00-start-here/q2", "lesson": "00-start-here", "answer": "True",
            "correct": False, "score": 0}
    (folder / "citra.jsonl").write_text(json.dumps(line) + "\n{torn", encoding="utf-8")
    (folder / "empty.csv").write_text("")
    summary = progress.summarize(folder, out=tmp_path / "chart.png", lang="id")
    out = capsys.readouterr().out
    assert "empty.csv" in out and (tmp_path / "chart.png").exists()
    assert summary.iloc[0].tolist() == ["00-start-here/q2", 1, 1, 0.0, "True"]
    assert matplotlib.get_backend() == backend


def test_summarize_missing_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert progress.summarize(tmp_path / "nowhere", lang="en").empty
    assert "nowhere" in capsys.readouterr().out
    out = subprocess.run([sys.executable, "-m", "helpers.progress", "summarize", str(tmp_path / "nowhere")],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_unwritable_progress_folder_is_a_warning(monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(blocker / "sub"))
    with pytest.warns(UserWarning):
        entry = progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    assert entry["item"] == "x/q1"
