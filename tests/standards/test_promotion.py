from __future__ import annotations

import pytest

from masthead.standards import Action

from .conftest import ReviewFn


@pytest.mark.parametrize(
    "text",
    [
        "Check out my channel for more videos like this!",
        "Use promo code SAVE20 for free shipping",
        "Подписывайтесь на мой канал",
    ],
)
def test_it_holds_unauthorised_promotion(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert {"promotion", "spam"} & set(verdict.rules), verdict.as_dict()
    assert verdict.action is not Action.PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "Earn $500 a day from home, no experience needed!",
        "Make easy money fast with this crypto trading bot",
        "We offer bulk email services at low prices",
        "Double your bitcoin in 24 hours, guaranteed returns",
    ],
)
def test_it_rejects_spam_and_get_rich_quick_schemes(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert "spam" in verdict.rules, verdict.as_dict()


def test_it_publishes_a_mention_of_a_product_in_debate(check: ReviewFn) -> None:
    text = "I have been working from home and the savings on commuting are real."
    assert check(text).action is Action.PUBLISH


def test_an_article_put_in_order_is_not_an_order_now_pitch(check: ReviewFn) -> None:
    text = "I fixed the broken links; everything else appears to be in order now."
    assert "promotion" not in check(text).rules


def test_order_now_is_still_a_pitch(check: ReviewFn) -> None:
    assert "promotion" in check("Great prices, order now while stocks last!").rules
