"""Exam mode: answers given before "Submit all" survive a kernel restart as drafts (never scored)."""

from __future__ import annotations

import pytest

from helpers import progress, quiz


@pytest.fixture(autouse=True)
def _own_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))


def test_drafts_come_back_after_a_restart_and_are_recorded_once_unscored_on_submit():
    first = quiz.show("00-start-here", mode="exam")
    first.widgets["q4"]["input"].value = "Surt"
    first.widgets["q4"]["check"].click()
    first.answer("q1", "a")
    first.answer("q1", "b")  # a changed mind: the last answer is the one submitted
    # on disk as drafts, with no verdict, and not as attempts
    assert progress.attempts().empty
    text = progress.drafts_file().read_text()
    assert '"correct"' not in text and '"score"' not in text
    assert set(progress.drafts("00-start-here")) == {"q1", "q4"}

    again = quiz.show("00-start-here", mode="exam")  # a new kernel: the quiz is shown again
    assert again.widgets["q4"]["input"].value == "Surt" and "saved" in again.widgets["q4"]["feedback"].value
    assert again.widgets["q1"]["get"]() == "b"
    assert again._answers == {} and again.score() is None
    submitted = again.submit()
    assert set(submitted) == {"q1", "q4"} and all(r.correct is None and r.score is None for r in submitted.values())
    rows = progress.attempts()
    assert sorted(rows["item"]) == ["00-start-here/q1", "00-start-here/q4"]  # only what was submitted
    assert list(rows[rows["item"] == "00-start-here/q1"]["answer"]) == ["b"]  # a changed draft is no wrong try
    assert rows["correct"].isna().all() and rows["score"].isna().all() and set(rows["mode"]) == {"exam"}
    assert progress.drafts("00-start-here") == {}  # submitted: the drafts are closed
    assert quiz.show("00-start-here", mode="exam")._pending == {}


def test_practice_mode_writes_no_draft_and_other_lessons_keep_theirs():
    quiz.load("00-start-here").answer("q1", "a")
    assert progress.drafts("00-start-here") == {}
    quiz.load("03-mapping-control", mode="exam").answer("q3", "80")
    assert progress.drafts("03-mapping-control") == {"q3": [(80.0, "80")]}
    assert progress.drafts("00-start-here") == {}


def test_a_damaged_or_stale_draft_is_dropped_not_an_error():
    progress.drafts_file().parent.mkdir(parents=True, exist_ok=True)
    progress.drafts_file().write_bytes(
        b'not json\n{"lesson": "00-start-here", "item": "q1", "value": "no-such-key", "raw": "x"}\n'
        b'{"lesson": "00-start-here", "item": "q99", "value": "a", "raw": "a"}\n'
    )
    loaded = quiz.show("00-start-here", mode="exam")
    assert loaded._pending == {} and loaded.widgets["q1"]["get"]() is None


# --- issue 27: the student's kernel holds no key in an exam, and an exam is submitted once ---


def test_an_exam_holds_no_key_and_no_exam_object_can_score():
    exam = quiz.load("04-foreign-backing", mode="exam")
    for q in exam.questions.values():
        assert q.answer is None and q.accept == [] and q.nudge is None and q.sources == []
        assert set(q.explanation.values()) == {""}
        assert not any("feedback" in entry for entry in [*q.entries, *q.right])
    for qid, q in exam.questions.items():  # the bypass of issue 27: qz._result() before "Submit all"
        for value in ({"a"}, "a", True, 80.0, "Sirte", ["a", "b"], {"a": "GNA"}):
            said = exam._result(q, value)
            assert said.correct is None and said.score is None and not said.revealed, (qid, said)
    assert exam.score() is None
    shown = quiz.show("04-foreign-backing", mode="exam")
    state = repr(
        [(w.get_state() if hasattr(w, "get_state") else w) for p in shown.widgets.values() for w in p.values()]
    )
    practice = quiz.load("04-foreign-backing")
    for q in practice.questions.values():  # nothing of the key reaches the exam's widgets either
        assert q.explanation["en"] not in state


def test_submit_all_says_submitted_and_nothing_about_right_or_wrong():
    shown = quiz.show("00-start-here", mode="exam", lang="id")
    shown.answer("q1", "a")  # wrong
    shown.answer("q4", "Sirte")  # right
    shown.widgets["_submit"]["submit"].click()
    said = shown.widgets["_submit"]["outcome"].value
    assert "Terkirim: 2 jawaban; gurumu yang akan menilainya." in said
    everything = said + "".join(p["feedback"].value for k, p in shown.widgets.items() if k != "_submit")
    for verdict in ("Benar", "Belum tepat", "Nilai", "/6", "✔", "✘"):
        assert verdict not in everything, verdict
    assert all(p["check"].disabled for k, p in shown.widgets.items() if k != "_submit")


def test_a_submitted_exam_stays_submitted_when_the_cell_runs_again_and_records_nothing_new():
    first = quiz.show("00-start-here", mode="exam")
    first.answer("q1", "a")
    first.widgets["_submit"]["submit"].click()
    assert len(progress.attempts()) == 1
    rerun = quiz.show("00-start-here", mode="exam")  # the cell run again, or a new kernel after a restart
    assert rerun.submitted and "submitted before" in rerun.widgets["_submit"]["outcome"].value
    assert rerun.widgets["_submit"]["submit"].disabled and rerun.widgets["q1"]["check"].disabled
    assert "locked" in rerun.answer("q1", "b").text()  # nothing saved
    rerun.widgets["q1"]["check"].click()
    assert rerun.submit() == {}
    assert progress.drafts("00-start-here") == {}
    assert len(progress.attempts()) == 1  # the second submission of issue 27 (5/5 recorded) is not recorded


def test_a_second_exam_object_open_before_the_submission_cannot_submit_again():
    one, two = quiz.load("00-start-here", mode="exam"), quiz.load("00-start-here", mode="exam")
    one.answer("q1", "b")
    two.answer("q1", "a")
    assert set(one.submit()) == {"q1"}
    assert "locked" in two.answer("q1", "c").text()
    assert two.submit() == {} and not two.submitted_here
    rows = progress.attempts()
    assert rows["answer"].tolist() == ["b"]


def test_an_exam_submitted_by_an_older_version_counts_as_submitted():
    progress.drafts_file().parent.mkdir(parents=True, exist_ok=True)
    progress.drafts_file().write_text('{"lesson": "00-start-here", "cleared": true}\n')
    assert quiz.load("00-start-here", mode="exam").submitted
    assert not quiz.load("03-mapping-control", mode="exam").submitted
