"""Exam mode: answers given before "Submit all" survive a kernel restart as drafts (never scored)."""

from __future__ import annotations

import pytest

from helpers import progress, quiz


@pytest.fixture(autouse=True)
def _own_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))


def test_drafts_come_back_after_a_restart_and_are_scored_once_on_submit():
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
    assert again._answers == {} and again.score() == 0
    revealed = again.submit()
    assert revealed["q4"].correct and set(revealed) == {"q1", "q4"}
    rows = progress.attempts()
    assert sorted(rows["item"]) == ["00-start-here/q1", "00-start-here/q4"]  # only what was submitted
    assert list(rows[rows["item"] == "00-start-here/q1"]["answer"]) == ["b"]  # a changed draft is no wrong try
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
