"""Extremism, violence, suicide, drugs and harm to children, on our hand-written sets."""

from __future__ import annotations

import pytest

from masthead.standards import Action

from .conftest import ReviewFn, lines

CASES = [
    (rule, flagged, text)
    for rule, name in [
        ("extremism", "extremism.txt"),
        ("violence", "violence.txt"),
        ("suicide", "suicide.txt"),
        ("narcotics", "narcotics.txt"),
        ("harm_to_minors", "minors.txt"),
    ]
    for flagged, text in lines(name)
]


@pytest.mark.parametrize(("rule", "flagged", "text"), CASES)
def test_it_flags_harmful_content_and_passes_reporting_of_it(
    check: ReviewFn, rule: str, flagged: bool, text: str
) -> None:
    verdict = check(text)
    if flagged:
        assert rule in verdict.rules, verdict.as_dict()
        assert verdict.action is not Action.PUBLISH
    else:
        assert rule not in verdict.rules, verdict.as_dict()


def test_it_sees_through_spacing_in_harmful_phrases(check: ReviewFn) -> None:
    assert "suicide" in check("just go k.i.l.l yourself").rules
