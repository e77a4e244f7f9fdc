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


@pytest.mark.parametrize(
    "text",
    [
        "This is a stupid policy and I will vote against it.",
        "What an idiotic decision by the council.",
        "This ridiculous plan will cost us millions.",
        "The new tax is absurd and pathetic.",
        "This is a dumb law.",
        "What a stupid headline.",
    ],
)
def test_harsh_words_about_a_thing_are_criticism_not_an_insult(check: ReviewFn, text: str) -> None:
    # The classifier alone held these (0.91 to 0.99 on the insults head): our rules protect
    # people and organisations, not policies.
    verdict = check(text)
    assert verdict.action is Action.PUBLISH, verdict.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "You are stupid and you know it.",  # addressed
        "Your stupid policy will ruin us.",  # addressed
        "The mayor is stupid and so is his plan.",  # a person, not only a thing
        "Stupid mayor, stupid plan.",
        "The plan is stupid, like the people who wrote it.",  # compared with people
        "The mayor is an idiot and his plan is absurd.",  # a listed insult
    ],
)
def test_criticism_of_a_thing_does_not_cover_insults_to_people(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert "insults" in verdict.rules, verdict.as_dict()
    assert verdict.action is not Action.PUBLISH
