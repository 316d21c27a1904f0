"""The project brief checklist."""

from __future__ import annotations

import pytest

import helpers
from helpers.project import check_brief

GOOD = (
    "On 10 April 2019 the LNA held Gharyan (control:gharyan@2019-04-10), as article A reported (A.p17.s01). " * 11
    + "Moscow denied Wagner's role (B.p08.s01)."
)


def test_a_good_brief_passes():
    result = check_brief(GOOD)
    assert result.ok, repr(result)
    assert "✔" in result._repr_html_()


@pytest.mark.parametrize("value", [..., None, "", "   "])
def test_not_written_yet(value):
    result = check_brief(value)
    assert not result.ok and "Not written yet" in repr(result)


@pytest.mark.parametrize("value", [3, ["text"], {"a": 1}])
def test_wrong_type_is_friendly(value):
    assert "must be text" in repr(check_brief(value))


def test_missing_citations_and_length_are_flagged():
    result = check_brief("Short brief citing A.p99.s01 and places:atlantis.")
    text = repr(result)
    assert "✘ 6 words" in text and "A.p99.s01, places:atlantis" in text


def test_indonesian():
    helpers.set_language("id")
    assert "kata" in repr(check_brief(GOOD))
