from __future__ import annotations

import pytest

from masthead.standards import Action

from .conftest import ReviewFn


@pytest.mark.parametrize(
    "text",
    [
        "This is fucking absurd",
        "what a load of bullshit",
        "f.u.c.k this",
        "f u c k this",
        "sh1t reporting",
        "f*ck off",
        "fuuuuuck",
        "Ｆｕｃｋ this",
        "f\u200bu\u200bc\u200bk this",
        "Какая же это хуйня",
        "бля, опять",
    ],
)
def test_it_rejects_swearing_and_its_disguises(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert "profanity" in verdict.rules
    assert verdict.action is not Action.PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Shiite militias were involved, the report says.",
        "Scunthorpe United won on Saturday.",
        "The class assignment was due on Monday.",
        "Dick Cheney was vice-president at the time.",
        "He insured the house; the company страхует it now.",
        "It's a damn shame the talks failed.",
    ],
)
def test_it_passes_innocent_words_that_contain_or_resemble_swearing(
    check: ReviewFn, text: str
) -> None:
    verdict = check(text)
    assert verdict.action is Action.PUBLISH, verdict.as_dict()


def test_its_evidence_points_at_the_word_as_written(check: ReviewFn) -> None:
    text = "Honestly, f.u.c.k this"
    finding = next(f for f in check(text).findings if f.rule == "profanity")
    assert any(e.text == "f.u.c.k" for e in finding.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "The old pussy cat sleeps on the porch all day.",
        "Stop pussy footing around and set a date for the vote.",
    ],
)
def test_the_cat_and_pussyfooting_are_not_on_the_word_list(check: ReviewFn, text: str) -> None:
    # The classifier may still ask a moderator (the word is mostly swearing in its data);
    # the word list, which can reject, must not fire.
    verdict = check(text)
    assert verdict.action is not Action.REJECT, verdict.as_dict()
    assert all("word list" not in f.detail for f in verdict.findings), verdict.as_dict()
