from __future__ import annotations

import pytest

from masthead.standards import Action

from .conftest import ReviewFn


@pytest.mark.parametrize(
    "text",
    [
        "Those niggers should go back",
        "n1gg3rs everywhere",
        "Send the k i k e s away",
        "All the f@ggots should be banned",
        "Жиды опять виноваты",
    ],
)
def test_it_rejects_slurs_including_disguised_ones(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert "hate" in verdict.rules, verdict.as_dict()
    assert verdict.action is Action.REJECT


@pytest.mark.parametrize(
    "text",
    [
        "Discrimination against Muslims in hiring is well documented.",
        "The bill protects the rights of gay and lesbian couples.",
        "Jewish and Christian leaders met to discuss the attack.",
        "Racism is still a problem in our police forces.",
        "The last two games showed too many chinks in their armour.",
    ],
)
def test_it_publishes_discussion_of_groups(check: ReviewFn, text: str) -> None:
    assert check(text).action is Action.PUBLISH, check(text).as_dict()


def test_a_slur_quoted_to_condemn_it_is_held_for_a_person_not_rejected(check: ReviewFn) -> None:
    quoted = check('The mayor said "these people are vermin" and he should apologise for it.')
    assert "hate" in quoted.rules, quoted.as_dict()
    assert quoted.action is Action.HOLD
    assert "quoted speech" in quoted.as_dict()["findings"][0]["detail"]
    # The same words said, not quoted, or quoted with nobody's speech reported, are rejected.
    assert check("Migrants are vermin and he is right.").action is Action.REJECT
    assert check('"Migrants are vermin"').action is Action.REJECT
