"""The teacher's class summary of handed-in progress files (``python -m kit_teacher.summary FOLDER``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from helpers import progress
from kit_teacher import summary as summary_module
from kit_teacher.summary import summarize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the teacher runs it from here
#: The command, as a teacher runs it from the root of the checkout.
COMMAND = [sys.executable, "-m", "kit_teacher.summary"]


def test_summarize_cli_skips_bad_and_foreign_files(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    rows = [
        ("Ayu", "quiz", "00-start-here/q1", "00-start-here", "a", False, 0),
        ("Ayu", "quiz", "00-start-here/q1", "00-start-here", "b", True, 1),
        ("Budi", "quiz", "00-start-here/q1", "00-start-here", "a", False, 0),
    ]
    pd.DataFrame(rows[:2], columns=progress.COLUMNS[:7]).to_csv(folder / "ayu.csv", index=False)
    pd.DataFrame(rows[2:], columns=progress.COLUMNS[:7]).to_csv(folder / "budi.csv", index=False)
    (folder / "notes.csv").write_text("this,is\nnot,progress\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    out = subprocess.run(
        [*COMMAND, str(folder)],
        capture_output=True,
        cwd=ROOT,
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
    ] == "00-start-here/q1,2,3,0.33,In New York,0.0,0.5,0,"  # option a's text; first and last try side by side
    again = subprocess.run(
        [*COMMAND, str(folder), "--lang", "id"],
        capture_output=True,
        cwd=ROOT,
        text=True,
    )
    assert "Dilewati summary.csv: hasil ringkasan ini" in again.stdout
    assert "Dilewati summary.png: hasil ringkasan ini" in again.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        "No progress files" in subprocess.run([*COMMAND, str(empty)], capture_output=True, cwd=ROOT, text=True).stdout
    )


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
    summary = summarize(folder, out=tmp_path / "chart.png", lang="id")
    out = capsys.readouterr().out
    assert "empty.csv" in out and (tmp_path / "chart.png").exists()
    assert summary.iloc[0].tolist() == ["00-start-here/q2", 1, 1, 0.0, "True", 0.0, 0.0, 0, ""]
    assert matplotlib.get_backend() == backend


def test_summarize_missing_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert summarize(tmp_path / "nowhere", lang="en").empty
    assert "nowhere" in capsys.readouterr().out
    out = subprocess.run(
        [*COMMAND, str(tmp_path / "nowhere")],
        capture_output=True,
        cwd=ROOT,
        text=True,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr


# --- the teacher's summary against hostile handed-in files (issue 13) ---

CSV_HEADER = ",".join(progress.COLUMNS) + "\n"


def _csv_row(item: str, answer: str = "a", student: str = "Eve", correct: bool = False, time="2026-03-01") -> str:
    cells = [student, "quiz", item, "x", answer, str(correct), "0", time]
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
        [*COMMAND, str(folder), *args],
        capture_output=True,
        cwd=ROOT,
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
        summary = summarize(handed_in, lang="en")
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
    assert re.search(r"^ *x/q1 +1 +2 +0.5 +b +[0-9.]+ +[0-9.]+ +0 *$", out.stdout, re.M)


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
    summary = summarize(handed_in, lang="en")
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
    per_student = (handed_in / "summary-students.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "'@SUM(1+1)" in per_student and "'-2+3" in per_student  # the students' table heads columns with items


def test_an_exported_formula_reads_back_as_the_same_answer(handed_in, tmp_path):
    (handed_in / "eve.jsonl").write_text(json.dumps({"item": "x/q1", "answer": "=1+1", "correct": False}) + "\n")
    progress.record(kind="quiz", item="x/q1", lesson="x", answer="=1+1", correct=False, score=0)
    progress.export(handed_in / "budi.csv", student="Budi")
    summary = summarize(handed_in, lang="en")
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
    summary = summarize(handed_in, lang="en")
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
    summary = summarize(handed_in, lang="en")
    assert summary.iloc[0].tolist()[:5] == ["x/q1", 4, 6, round(1 / 6, 2), "c"]


def test_a_bom_and_a_bad_byte_cost_nothing_in_a_handed_in_csv(handed_in):
    (handed_in / "bom.csv").write_bytes(b"\xef\xbb\xbf" + (CSV_HEADER + _csv_row("x/q1", "b", "Bom")).encode())
    (handed_in / "byte.csv").write_bytes(
        (CSV_HEADER + _csv_row("x/q1", "b", "Byte")).encode().replace(b"Byte", b"By\xffte")
    )
    summary = summarize(handed_in, lang="en")
    assert summary.iloc[0].tolist()[:5] == ["x/q1", 3, 4, 0.25, "b"]


def test_the_class_caps_skip_a_file_that_would_pass_them(handed_in, monkeypatch, capsys):
    monkeypatch.setattr(summary_module, "MAX_ITEMS", 2)
    (handed_in / "eve.csv").write_text(CSV_HEADER + _csv_row("x/q2") + _csv_row("x/q3"))
    (handed_in / "fay.csv").write_text(CSV_HEADER + _csv_row("x/q1") + _csv_row("x/q2"))
    summary = summarize(handed_in, lang="en")
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
    summary = summarize(folder, lang="id")
    assert summary.iloc[0].tolist()[5:7] == [0.5, 1.0]  # Budi right at once, Ayu only at the end
    assert list(summary.columns[5:7]) == [
        "bagian benar di percobaan pertama (0-1)",
        "bagian benar di percobaan terakhir (0-1)",
    ]


# --- issue 22: a row per student, solutions looked at, option text, exam apart, the teacher's language ---


def _class_of_two(tmp_path, monkeypatch):
    """Ayu (practice: wrong then right, looked at 00.1's solution; exam: one answer) and Budi, handed in."""
    import helpers

    folder = tmp_path / "class"
    for name, answers in (("Ayu", ("a", "b")), ("Budi", ("b",))):
        monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / name))
        monkeypatch.setenv("KIT_HAND_IN_DIR", str(folder))
        monkeypatch.setenv("KIT_STUDENT", name)
        for answer in answers:
            progress.record(
                kind="quiz", item="04-foreign-backing/q2", lesson="04-foreign-backing", answer=answer,
                correct=answer == "b", score=float(answer == "b"), explained="after_correct",
            )  # fmt: skip
        progress.record(
            kind="quiz", item="04-foreign-backing/q2", lesson="04-foreign-backing", answer="c",
            correct=False, score=0.0, explained="after_submit",
        )  # fmt: skip
        helpers.check("00.1", 4)
        if name == "Ayu":
            helpers.solution("00.1")
            helpers.check("00.1", 5)
        assert helpers.hand_in().path.parent == folder
    return folder


def test_each_student_has_a_row_with_first_and_last_results_and_solutions_looked_at(tmp_path, monkeypatch):
    folder = _class_of_two(tmp_path, monkeypatch)
    summary = summarize(folder, lang="en")
    students = summary.attrs["students"]
    assert students.columns.tolist() == [
        "student", "00.1", "04-foreign-backing/q2", "04-foreign-backing/q2 (exam)", "model solutions looked at",
    ]  # fmt: skip
    assert students.values.tolist() == [
        ["Ayu", "✘ → ✔", "✘ → ✔", "✘ → ✘", "00.1"],
        ["Budi", "✘ → ✘", "✔ → ✔", "✘ → ✘", ""],
    ]
    rows = {(r[0], r[-1]): r for r in summary.values.tolist()}
    assert rows[("00.1", "")][1:8] == [2, 3, 0.33, "4", 0.0, 0.5, 1]  # one student looked at the solution
    practice, exam = rows[("04-foreign-backing/q2", "practice")], rows[("04-foreign-backing/q2", "exam")]
    assert practice[1:3] == [2, 3] and exam[1:3] == [2, 2]  # exam answers never mixed with practice
    assert practice[4].startswith("Acknowledged by France") and exam[4].startswith("Reported by UN experts")
    saved = (folder / "summary-students.csv").read_text(encoding="utf-8").splitlines()
    assert saved[1] == "Ayu,✘ → ✔,✘ → ✔,✘ → ✘,00.1"


def test_the_summary_speaks_the_kits_language_and_shows_the_options_text_in_it(tmp_path, monkeypatch):
    folder = _class_of_two(tmp_path, monkeypatch)
    env = {k: v for k, v in os.environ.items() if k != "KIT_LANG"}
    out = subprocess.run(
        [*COMMAND, str(folder)], capture_output=True, cwd=ROOT, text=True, env={**env, "KIT_LANG": "id"}
    )
    assert out.returncode == 0, out.stderr
    assert "soal atau latihan" in out.stdout and "Per siswa" in out.stdout and "ujian" in out.stdout
    assert "Diakui Prancis" in out.stdout  # option a of 04-foreign-backing/q2, in the teacher's language
    table = pd.read_csv(folder / "summary.csv", dtype=str, keep_default_na=False)
    assert "siswa yang melihat model jawaban" in table.columns


def test_a_student_who_hands_in_twice_is_counted_once(tmp_path, monkeypatch):
    folder = _class_of_two(tmp_path, monkeypatch)
    first = next(folder.glob("ayu-*.csv"))
    (folder / "ayu-earlier.csv").write_bytes(first.read_bytes())
    summary = summarize(folder, lang="en")
    rows = {(r[0], r[-1]): r for r in summary.values.tolist()}
    assert rows[("00.1", "")][1:3] == [2, 3]


def test_an_item_is_never_a_path_to_another_question_bank(handed_in, tmp_path):
    from kit_teacher.tally import answer_text

    assert answer_text("../../04-foreign-backing/q2", "b", "en") == "b"
    assert answer_text("04-foreign-backing/q2", "{[1]: 2}", "en") == "{[1]: 2}"


def test_an_exam_answer_in_a_raw_progress_file_is_kept_apart(handed_in):
    line = {"kind": "quiz", "item": "x/q1", "answer": "a", "correct": True, "explained": "after_submit"}
    (handed_in / "eko.jsonl").write_text(json.dumps(line) + "\n")
    summary = summarize(handed_in, lang="en")
    assert summary.iloc[:, [0, 1, 2, 8]].values.tolist() == [["x/q1", 1, 2, ""], ["x/q1", 1, 1, "exam"]]


# --- issue 27: the summary scores with the teacher's banks, flags forged or repeated hand-ins ---


def _summary_rows(summary):
    return {(r[0], r[-1]): r for r in summary.values.tolist()}


def test_a_forged_correct_true_is_scored_as_wrong_and_flagged(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "eve"))
    for qid, wrong in (("q1", "a"), ("q2", "true"), ("q5", "12.0")):  # each wrong, each claimed right
        progress.record(
            kind="quiz", item=f"00-start-here/{qid}", lesson="00-start-here", answer=wrong, correct=True, score=1.0
        )
    progress.export(tmp_path / "class" / "eve.csv", student="Eve")
    summary = summarize(tmp_path / "class", lang="en")
    assert [row[3] for row in summary.values.tolist()] == [0.0, 0.0, 0.0]  # the share of tries correct
    assert summary.attrs["students"].values.tolist()[0][1:4] == ["✘ → ✘"] * 3
    said = capsys.readouterr().out
    assert (
        "Files to look at" in said and "eve.csv: 3 answer(s) marked right or wrong against your question banks" in said
    )
    assert summary.attrs["flags"].values.tolist()[0][0] == "eve.csv"
    assert (tmp_path / "class" / "summary-flags.csv").read_text(encoding="utf-8").count("eve.csv") == 1


def test_a_hand_written_csv_claiming_full_marks_is_recomputed(tmp_path, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    claimed = [("q1", "c"), ("q3", "uae,turkey"), ("q4", "Tripoli"), ("q6", "LNA"), ("q2", "False")]
    lines = "student,item,answer,correct\n" + "".join(f'Eve,00-start-here/{q},"{a}",True\n' for q, a in claimed)
    (folder / "eve.csv").write_text(lines)
    summary = summarize(folder, lang="id")
    rows = _summary_rows(summary)
    assert rows[("00-start-here/q2", "")][3] == 1.0  # the one right answer ("false") stays right
    assert [rows[(f"00-start-here/{q}", "")][3] for q in ("q1", "q3", "q4", "q6")] == [0.0] * 4
    assert "eve.csv: 4 jawaban ditandai benar atau salah berlawanan dengan bank soal" in capsys.readouterr().out


def test_a_file_with_300_invented_students_is_flagged(handed_in, capsys):
    (handed_in / "zz.csv").write_text(
        CSV_HEADER + "".join(_csv_row("x/q1", "a", f"Invented {n}", True) for n in range(300))
    )
    summary = summarize(handed_in, lang="en")
    said = capsys.readouterr().out
    assert "zz.csv: names 300 students (Invented 0, Invented 1, Invented 10, Invented 100, Invented 101, …)" in said
    flags = summary.attrs["flags"].values.tolist()
    assert [name for name, _ in flags] == ["zz.csv"] and "ayu.csv" not in said.split("Files to look at")[1]


def test_a_file_handed_in_twice_is_counted_once_and_flagged(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "dewi"))
    progress.record(kind="quiz", item="00-start-here/q1", lesson="00-start-here", answer="a", correct=False, score=0)
    progress.record(kind="quiz", item="00-start-here/q1", lesson="00-start-here", answer="b", correct=True, score=1)
    raw = progress.progress_file().read_bytes()
    (folder / "dewi.jsonl").write_bytes(raw)  # a raw progress file names no student: its file name does
    (folder / "dewi (1).jsonl").write_bytes(raw)  # the same file again: a browser's second download
    (folder / "zz.jsonl").write_bytes(raw)  # and again, under another name: no new student
    progress.export(folder / "dewi-2026-03-01.csv", student="dewi")  # and as a CSV: nothing new in it
    summary = summarize(folder, lang="en")
    said = capsys.readouterr().out
    assert summary.values.tolist()[0][1:3] == [1, 2]  # one student, two tries: every copy counted once
    assert list(summary.attrs["students"].iloc[:, 0]) == ["dewi"]
    assert "Skipped dewi.jsonl: the same file as dewi (1).jsonl (handed in twice: counted once)" in said
    assert "zz.jsonl: the same file as dewi (1).jsonl: handed in twice, counted once" in said
    assert "dewi-2026-03-01.csv: every answer in it was already counted from another file" in said
    assert "dewi (1).jsonl, dewi-2026-03-01.csv: dewi is named in 2 files" in said


def test_a_name_in_two_files_is_flagged(handed_in, capsys):
    (handed_in / "aaa.csv").write_text(CSV_HEADER + _csv_row("x/q1", "z", "Ayu"))  # named to sort first
    summarize(handed_in, lang="en")
    assert "aaa.csv, ayu.csv: Ayu is named in 2 files" in capsys.readouterr().out


def test_an_exam_is_scored_by_the_summary_not_the_students_kernel(tmp_path, monkeypatch):
    import helpers
    from helpers import quiz

    folder = tmp_path / "class"
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "citra"))
    monkeypatch.setenv("KIT_HAND_IN_DIR", str(folder))
    monkeypatch.setenv("KIT_STUDENT", "Citra")
    exam = quiz.load("04-foreign-backing", mode="exam")
    exam.answer("q2", "abc"[exam.order["q2"].index("b")])  # right (the letter shown for option b)
    exam.answer("q3", "false")  # wrong
    exam.answer("q1", "a=LNA, b=LNA, c=LNA, d=LNA")  # partly right: wrong
    exam.submit()
    assert progress.attempts()["correct"].isna().all()  # nothing was scored in the kernel
    assert helpers.hand_in().path.parent == folder
    students = summarize(folder, lang="en").attrs["students"]
    row = dict(zip(students.columns, students.values.tolist()[0]))
    assert row["04-foreign-backing/q2 (exam)"] == "✔ → ✔" and row["04-foreign-backing/q3 (exam)"] == "✘ → ✘"
    assert row["04-foreign-backing/q1 (exam)"] == "✘ → ✘"


def test_old_mac_line_ends_are_read(handed_in):
    mac = CSV_HEADER + "".join(_csv_row("x/q1", "b", "Mac", time=f"2026-03-01T10:{n:02}") for n in range(10))
    (handed_in / "mac.csv").write_bytes(mac.replace("\n", "\r").encode())  # issue 27: "more than 64 columns"
    (handed_in / "old.jsonl").write_bytes(b'{"item": "x/q1", "answer": "b", "correct": false}\r' * 2)
    summary = summarize(handed_in, lang="en")
    assert summary.iloc[0].tolist()[:3] == ["x/q1", 3, 14]


def test_piping_the_summary_into_head_ends_without_a_traceback(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "eve.csv").write_text(CSV_HEADER + "".join(_csv_row(f"x/q{n}") for n in range(900)))
    out = subprocess.run(
        f"{sys.executable} -m kit_teacher.summary {folder} --lang en | head -1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        text=True,
        env={**os.environ, "KIT_LANG": "en"},
    )
    assert out.stdout.count("\n") == 1 and "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr, out.stderr
