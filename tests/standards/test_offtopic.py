from __future__ import annotations

from masthead.standards import Action, Policy

from .conftest import ReviewFn

TITLE = "Russia ready to join efforts with US against COVID-19, share vaccine"
ARTICLE = (
    "Russia is open for cooperation with the United States in fighting the coronavirus "
    "pandemic and will be ready to share a vaccine, the ambassador said at a Washington think "
    "tank. He also spoke about arms control, the New START treaty and the Iran nuclear deal."
)
OFF_TOPIC = (
    "My favourite football team lost again on Sunday because the goalkeeper kept dropping "
    "easy crosses and the manager refuses to change tactics or rotate tired players."
)


def test_it_holds_a_comment_about_something_else(check: ReviewFn) -> None:
    verdict = check(OFF_TOPIC, article_title=TITLE, article_text=ARTICLE)
    assert verdict.rules == ["off_topic"]
    assert verdict.action is Action.HOLD


def test_it_never_rejects_for_off_topic_alone(check: ReviewFn) -> None:
    from masthead.standards import ReviewContext, review

    policy = Policy().with_override("off_topic", action=Action.REJECT)
    verdict = review(
        OFF_TOPIC, ReviewContext(article_title=TITLE, article_text=ARTICLE), policy=policy
    )
    assert verdict.action is Action.HOLD


def test_it_publishes_a_comment_on_the_subject(check: ReviewFn) -> None:
    text = (
        "Sharing the vaccine would be a good start, but the ambassador avoided saying anything "
        "concrete about the treaty or about when trials will publish their data."
    )
    assert check(text, article_title=TITLE, article_text=ARTICLE).action is Action.PUBLISH


def test_it_does_not_judge_short_comments_or_replies(check: ReviewFn) -> None:
    assert check("Well said, thank you.", article_title=TITLE, article_text=ARTICLE).rules == []
    reply = check(OFF_TOPIC, article_title=TITLE, article_text=ARTICLE, is_reply=True)
    assert "off_topic" not in reply.rules


def test_it_judges_against_the_headline_alone_when_there_is_no_text(check: ReviewFn) -> None:
    text = (
        "The vaccine cooperation between Russia and the United States matters more than any "
        "election result, and both sides should share trial data openly now."
    )
    assert "off_topic" not in check(text, article_title=TITLE).rules
