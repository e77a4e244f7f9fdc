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
