"""Progress files: atomic appends, corrupt files moved aside, reports, exports, class summaries."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import subprocess
import sys
import time
import warnings

import pandas as pd
import pytest

import helpers
from helpers import progress
from helpers import summary as summary_module


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
    assert frame["score"].tolist() == [1.0, 1.0, 1.0, 0.5, 0.0, 0.0]
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


def test_summarize_cli_skips_bad_and_foreign_files(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    rows = [
        ("Ayu", "quiz", "00-start-here/q1", "00-start-here", "a", False, 0),
        ("Ayu", "quiz", "00-start-here/q1", "00-start-here", "b", True, 1),
        ("Budi", "quiz", "00-start-here/q1", "00-start-here", "a", False, 0),
    ]
    pd.DataFrame(rows[:2], columns=progress.COLUMNS[:-1]).to_csv(folder / "ayu.csv", index=False)
    pd.DataFrame(rows[2:], columns=progress.COLUMNS[:-1]).to_csv(folder / "budi.csv", index=False)
    (folder / "notes.csv").write_text("this,is\nnot,progress\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    out = subprocess.run(
        [sys.executable, "-m", "helpers.progress", "summarize", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "KIT_LANG": "en"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no RuntimeWarning from runpy, no other warning
    assert "Skipped notes.csv: not a progress file" in out.stdout and "Skipped photo.jpg: not a .csv" in out.stdout
    assert "00-start-here/q1" in out.stdout and "0.33" in out.stdout
    assert (folder / "summary.png").read_bytes().startswith(b"\x89PNG")
    assert (folder / "summary.csv").read_text().splitlines()[
        1
    ] == "00-start-here/q1,2,3,0.33,a,0.0,0.5"  # then first and last try side by side
    again = subprocess.run(
        [sys.executable, "-m", "helpers.progress", "summarize", str(folder), "--lang", "id"],
        capture_output=True,
        text=True,
    )
    assert "Dilewati summary.csv: hasil ringkasan ini" in again.stdout
    assert "Dilewati summary.png: hasil ringkasan ini" in again.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        "No progress files"
        in subprocess.run(
            [sys.executable, "-m", "helpers.progress", "summarize", str(empty)], capture_output=True, text=True
        ).stdout
    )


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


def test_summarize_reads_jsonl_and_keeps_the_backend(tmp_path, capsys):
    import matplotlib

    backend = matplotlib.get_backend()
    folder = tmp_path / "class"
    folder.mkdir()
    line = {
        "kind": "quiz",
        "item": "00-start-here/q2",
        "lesson": "00-start-here",
        "answer": "True",
        "correct": False,
        "score": 0,
    }
    (folder / "citra.jsonl").write_text(json.dumps(line) + "\n{torn", encoding="utf-8")
    (folder / "empty.csv").write_text("")
    summary = progress.summarize(folder, out=tmp_path / "chart.png", lang="id")
    out = capsys.readouterr().out
    assert "empty.csv" in out and (tmp_path / "chart.png").exists()
    assert summary.iloc[0].tolist() == ["00-start-here/q2", 1, 1, 0.0, "True", 0.0, 0.0]
    assert matplotlib.get_backend() == backend


def test_summarize_missing_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert progress.summarize(tmp_path / "nowhere", lang="en").empty
    assert "nowhere" in capsys.readouterr().out
    out = subprocess.run(
        [sys.executable, "-m", "helpers.progress", "summarize", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_unwritable_progress_folder_is_a_warning(monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(blocker / "sub"))
    with pytest.warns(UserWarning):
        entry = progress.record(kind="quiz", item="x/q1", lesson="x", answer="a", correct=True, score=1)
    assert entry["item"] == "x/q1"


# --- the teacher's summary against hostile handed-in files (issue 13) ---

CSV_HEADER = ",".join(progress.COLUMNS) + "\n"


def _csv_row(item: str, answer: str = "a", student: str = "Eve", correct: bool = False) -> str:
    cells = [student, "quiz", item, "x", answer, str(correct), "0", "2026-03-01"]
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"


@pytest.fixture
def handed_in(tmp_path):
    """A class folder with one good file (Ayu: one wrong, one right answer to x/q1)."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ayu.csv").write_text(CSV_HEADER + _csv_row("x/q1", "b", "Ayu") + _csv_row("x/q1", "a", "Ayu", True))
    return folder


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a file that eats memory fails, not the machine


def _summarize_cli(folder, *args, timeout=60):
    """Run the teacher's command; a file that makes it hang or eat memory fails the test instead."""
    return subprocess.run(
        [sys.executable, "-m", "helpers.progress", "summarize", str(folder), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "KIT_LANG": "en"},
        timeout=timeout,
        preexec_fn=_limit_memory,
    )


def _sparse(path, size):
    with open(path, "wb") as handle:
        handle.write(CSV_HEADER.encode())
        handle.truncate(size)


HOSTILE = {
    "named pipe": (lambda f: os.mkfifo(f / "x.csv"), "Skipped x.csv: not an ordinary file"),
    "symlink to /dev/zero": (lambda f: (f / "x.jsonl").symlink_to("/dev/zero"), "Skipped x.jsonl: a link"),
    "symlink to a good file": (lambda f: (f / "x.csv").symlink_to(f / "ayu.csv"), "Skipped x.csv: a link"),
    "oversized file": (lambda f: _sparse(f / "x.csv", 60 * 1024 * 1024), "Skipped x.csv: larger than 5 MB"),
    "20,000 items": (
        lambda f: (f / "x.csv").write_text(CSV_HEADER + "".join(_csv_row(f"i{n}") for n in range(20_000))),
        "Skipped x.csv: more than 1000 different questions",
    ),
    "100,000 columns": (
        lambda f: (f / "x.csv").write_text(",".join(f"c{n}" for n in range(100_000)) + "\n"),
        "Skipped x.csv: more than 64 columns",
    ),
    "a million short lines": (
        lambda f: (f / "x.jsonl").write_bytes(b"1\n" * 1_000_000),
        "Skipped x.jsonl: more than 50000 lines",
    ),
    "50,001 rows with CR line ends": (
        lambda f: (f / "x.csv").write_text(CSV_HEADER + "x/q1,a,False\r" * 50_001),
        "Skipped x.csv: more than 50000 lines",
    ),
    "a field past the CSV field limit": (
        lambda f: (f / "x.csv").write_text(CSV_HEADER + '"' + "x" * 200_000 + '"\n'),
        "Skipped x.csv: not a readable CSV file",
    ),
    "a folder named .csv": (lambda f: (f / "x.csv").mkdir(), "Skipped x.csv: a folder"),
    "an old summary": (
        lambda f: (f / "summary-old.csv").write_text(CSV_HEADER + _csv_row("x/q9")),
        "Skipped summary-old.csv: an output of this summary",
    ),
    "only damaged lines": (
        lambda f: (f / "x.jsonl").write_text('{"item": ["a"]}\n{torn\n'),
        "Skipped x.jsonl: no readable answers in it (2 damaged",
    ),
    "empty": (lambda f: (f / "x.csv").write_text(""), "Skipped x.csv: no readable answers"),
}


@pytest.mark.parametrize("make, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_is_skipped_with_its_reason_and_the_rest_summarised(handed_in, make, message, capsys):
    make(handed_in)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = progress.summarize(handed_in, lang="en")
    assert message in capsys.readouterr().out
    assert summary.iloc[:, :5].values.tolist() == [["x/q1", 1, 2, 0.5, "b"]]  # Ayu's file still counted, alone


def test_the_command_line_neither_hangs_nor_eats_memory_nor_warns(handed_in):
    # the three files that hung the summary or ate the machine's memory, from the command line
    os.mkfifo(handed_in / "y.csv")
    HOSTILE["symlink to /dev/zero"][0](handed_in)
    HOSTILE["oversized file"][0](handed_in)
    out = _summarize_cli(handed_in)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert "Skipped y.csv: not an ordinary file" in out.stdout and "Skipped x.jsonl: a link" in out.stdout
    assert "Skipped x.csv: larger than 5 MB" in out.stdout
    assert re.search(r"^ *x/q1 +1 +2 +0.5 +b +[0-9.]+ +[0-9.]+$", out.stdout, re.M)


def test_the_skip_reasons_are_in_the_teachers_language(handed_in):
    os.mkfifo(handed_in / "x.csv")
    (handed_in / "big.csv").write_text(",".join(f"c{n}" for n in range(100)) + "\n")
    out = _summarize_cli(handed_in, "--lang", "id")
    assert "Dilewati x.csv: bukan berkas biasa" in out.stdout and "Dilewati big.csv: lebih dari 64 kolom" in out.stdout
    assert "soal atau latihan" in out.stdout


def test_a_planted_summary_symlink_is_replaced_not_written_through(handed_in, tmp_path):
    elsewhere = tmp_path / "teachers-marks.txt"
    elsewhere.write_text("do not overwrite")
    (handed_in / "summary.png").symlink_to(elsewhere)
    (handed_in / "summary.csv").symlink_to(elsewhere)
    out = _summarize_cli(handed_in)
    assert out.returncode == 0, out.stderr
    assert elsewhere.read_text() == "do not overwrite"
    for name in ("summary.png", "summary.csv"):
        assert not (handed_in / name).is_symlink() and (handed_in / name).is_file()
    assert not [p for p in handed_in.iterdir() if p.name.startswith(".summary-")]  # no temporary file left


def test_an_output_that_cannot_be_written_is_a_message(handed_in, capsys):
    (handed_in / "summary.png").mkdir()
    summary = progress.summarize(handed_in, lang="en")
    assert len(summary) == 1 and "Could not save" in capsys.readouterr().out
    assert (handed_in / "summary.csv").is_file()


def test_student_text_is_escaped_for_the_terminal(handed_in):
    (handed_in / "eve.csv").write_text(CSV_HEADER + _csv_row("x/q1", "\x1b[2J\x1b]0;pwned\x07\u202egnp.exe") * 2)
    (handed_in / "\x1b[31mred\n.csv").write_text(CSV_HEADER + '"a","quiz","x/q1"\n')
    out = _summarize_cli(handed_in)
    assert out.returncode == 0, out.stderr
    assert not any(c in out.stdout for c in "\x1b\x07\u202e")
    assert "\\x1b[2J\\x1b]0;pwned\\x07\\u202egnp.exe" in out.stdout
    assert "Skipped \\x1b[31mred\\n.csv" in out.stdout


def test_formulas_are_neutralised_in_the_summary_csv(handed_in):
    formula = '=HYPERLINK("http://x.example","click")'
    (handed_in / "eve.csv").write_text(CSV_HEADER + _csv_row("@SUM(1+1)", formula) + _csv_row("-2+3", "+cmd"))
    out = _summarize_cli(handed_in)
    assert out.returncode == 0, out.stderr
    table = pd.read_csv(handed_in / "summary.csv", dtype=str, keep_default_na=False)
    cells = set(table.iloc[:, 0]) | set(table.iloc[:, 4])
    assert {"'@SUM(1+1)", "'-2+3", "'" + formula, "'+cmd"} <= cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_an_exported_formula_reads_back_as_the_same_answer(handed_in, tmp_path):
    (handed_in / "eve.jsonl").write_text(json.dumps({"item": "x/q1", "answer": "=1+1", "correct": False}) + "\n")
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="=1+1", correct=False, score=0)
    progress.export(handed_in / "budi.csv", student="Budi")
    summary = progress.summarize(handed_in, lang="en")
    assert summary.iloc[0].tolist()[:5] == ["x/q1", 3, 4, 0.25, "=1+1"]


def test_odd_items_do_not_crash_the_summary_or_its_chart(handed_in, capsys):
    lines = [
        {"item": r"$\alert$", "correct": False, "answer": "a"},
        {"item": "$x^{$", "correct": True, "answer": "b"},
        {"item": 3, "correct": True, "answer": 1.5},
        {"item": "3", "correct": False, "answer": None},
        {"item": 2.5, "correct": "True", "answer": ["x"]},
        {"item": ["a", "b"], "correct": True, "answer": "a"},
        {"item": {"x": 1}, "correct": True, "answer": "a"},
    ]
    (handed_in / "eve.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    summary = progress.summarize(handed_in, lang="en")
    assert "Read eve.jsonl, but skipped 2 damaged line(s)" in capsys.readouterr().out
    assert summary.iloc[:, 0].tolist() == ["$\\alert$", "$x^{$", "2.5", "3", "x/q1"]
    assert summary.iloc[:, 2].tolist() == [1, 1, 1, 2, 2]
    assert (handed_in / "summary.png").read_bytes().startswith(b"\x89PNG")


def test_a_jsonl_with_student_fields_counts_each_student(handed_in):
    line = {"item": "x/q1", "correct": False, "answer": "c"}
    (handed_in / "class-export.jsonl").write_text(
        "".join(json.dumps({**line, "student": name}) + "\n" for name in ("Citra", "Dewi", "Citra"))
    )
    (handed_in / "eko.jsonl").write_text(json.dumps(line) + "\n")  # no field: the file name is the student
    summary = progress.summarize(handed_in, lang="en")
    assert summary.iloc[0].tolist()[:5] == ["x/q1", 4, 6, round(1 / 6, 2), "c"]


def test_a_bom_and_a_bad_byte_cost_nothing_in_a_handed_in_csv(handed_in):
    (handed_in / "bom.csv").write_bytes(b"\xef\xbb\xbf" + (CSV_HEADER + _csv_row("x/q1", "b", "Bom")).encode())
    (handed_in / "byte.csv").write_bytes(
        (CSV_HEADER + _csv_row("x/q1", "b", "Byte")).encode().replace(b"Byte", b"By\xffte")
    )
    summary = progress.summarize(handed_in, lang="en")
    assert summary.iloc[0].tolist()[:5] == ["x/q1", 3, 4, 0.25, "b"]


def test_the_class_caps_skip_a_file_that_would_pass_them(handed_in, monkeypatch, capsys):
    monkeypatch.setattr(summary_module, "MAX_ITEMS", 2)
    (handed_in / "eve.csv").write_text(CSV_HEADER + _csv_row("x/q2") + _csv_row("x/q3"))
    (handed_in / "fay.csv").write_text(CSV_HEADER + _csv_row("x/q1") + _csv_row("x/q2"))
    summary = progress.summarize(handed_in, lang="en")
    assert "Skipped eve.csv: it would take the class summary past 2 different questions" in capsys.readouterr().out
    assert summary.iloc[:, 0].tolist() == ["x/q1", "x/q2"]


def test_report_and_summary_show_first_and_final_score_side_by_side(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "me"))
    for answer, correct in (("a", False), ("c", False), ("b", True)):
        progress.record(
            kind="quiz",
            item="00-start-here/q1",
            lesson="00-start-here",
            answer=answer,
            correct=correct,
            score=float(correct),
        )
    report = progress.report(lang="en")
    row = report.questions.iloc[0]
    assert (row["first try score"], row["final score"], row["tries"]) == (0.0, 1.0, 3)
    assert "first try score" in repr(report) and "final score" in report._repr_html_()
    folder = tmp_path / "class"
    progress.export(folder / "ayu.csv", student="Ayu")
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "budi"))
    progress.record(kind="quiz", item="00-start-here/q1", lesson="00-start-here", answer="b", correct=True, score=1.0)
    progress.export(folder / "budi.csv", student="Budi")
    summary = progress.summarize(folder, lang="id")
    assert summary.iloc[0].tolist()[-2:] == [0.5, 1.0]  # Budi right at once, Ayu only at the end
    assert list(summary.columns[-2:]) == ["benar di percobaan pertama", "benar di percobaan terakhir"]


def test_every_quiz_attempt_is_recorded_with_its_number_and_why_the_explanation_showed(tmp_path, monkeypatch):
    import json

    from helpers import quiz

    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    loaded = quiz.load("00-start-here")
    wrong = next(k for k in ("a", "b", "c", "d") if not quiz.load("00-start-here").answer("q1", k).correct)
    first, second = loaded.answer("q1", wrong), loaded.answer("q1", wrong)
    assert first.explanation == "" and second.explanation
    third = loaded.answer("q1", "b")
    assert third.correct
    lines = [json.loads(line) for line in progress.progress_file().read_text().splitlines()]
    q1 = [line for line in lines if line["item"] == "00-start-here/q1"]
    assert [line["attempt"] for line in q1[-3:]] == [1, 2, 3]
    assert [line["explained"] for line in q1[-3:]] == ["no", "after_second_try", "after_correct"]


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
            assert progress.set_student(value) == ""
    finally:
        helpers.set_language("en")
    assert progress.student() == ""
