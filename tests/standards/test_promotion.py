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


@pytest.mark.parametrize(
    "text",
    [
        "I've just subscribed, keep up the good work.",
        "Been a subscriber since 1998 and this is the worst coverage I have read.",
        "Subscribed for ten years and the journalism has never been so thin. Cancelling.",
        "Why is this behind a paywall? I already pay for a subscription.",
        "Thanks for the free article, I'll subscribe now.",
        "I would subscribe if the comments weren't full of bots.",
        "Subscribe to Masthead News, best paper in town.",
        "Please share, she has been missing since Tuesday and her family are desperate.",
        "Please share this with everyone you know, people need to read it.",
        "Check out the photos in the gallery above, the frost on the bridge is stunning.",
        "Shared with our residents' group, thanks for covering it.",
    ],
)
def test_a_reader_talking_of_their_subscription_or_sharing_a_story_is_not_spam(
    check: ReviewFn, text: str
) -> None:
    # The spam head, trained on YouTube, read every one of these as spam (0.86 to 1.0).
    verdict = check(text)
    assert verdict.action is Action.PUBLISH, verdict.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Please subscribe to my channel for more videos like this!",
        "Subscribe to CryptoKing for daily tips.",
        "subscribe me please",
        "help me get 100 subscribers",
        "subscribe for more",
        "I subscribed to their channel and they send great tips, search FX Pro",
        "Share this with 10 friends and win an iPhone!",
        "Please share my video, it means a lot.",
        "Like and share if you agree.",
    ],
)
def test_subscribing_to_something_else_is_still_spam(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert "spam" in verdict.rules or "promotion" in verdict.rules, verdict.as_dict()
    assert verdict.action is not Action.PUBLISH
