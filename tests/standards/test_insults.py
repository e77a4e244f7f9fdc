from __future__ import annotations

import pytest

from masthead.standards import Action

from .conftest import ReviewFn


@pytest.mark.parametrize(
    "text",
    [
        "You are an idiot.",
        "you're a pathetic loser and a liar",
        "Shut up, moron.",
        "I will find you and hurt you.",
        "I hope you die in a fire.",
        "You are an іdіot",  # Cyrillic і
        "you are an i d i o t",
        "Ты просто идиот",
    ],
)
def test_it_rejects_or_holds_insults_and_threats(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert "insults" in verdict.rules, verdict.as_dict()
    assert verdict.action is not Action.PUBLISH


def test_it_rejects_a_direct_insult_to_another_reader(check: ReviewFn) -> None:
    assert check("You are an idiot and a liar.").action is Action.REJECT


@pytest.mark.parametrize(
    "text",
    [
        "I completely disagree with your reading of the treaty.",
        "The minister's argument is weak and the numbers do not support it.",
        "That is a silly idea, with respect, and here is why.",
        "The senator lied about the budget, and the record shows it.",
    ],
)
def test_it_publishes_disagreement(check: ReviewFn, text: str) -> None:
    assert check(text).action is Action.PUBLISH
