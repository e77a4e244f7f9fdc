from __future__ import annotations

import json

from masthead.standards import Action, AuthorHistory, Policy, ReviewContext, review

from .conftest import ReviewFn, plain_lines


def test_it_explains_a_rejection_in_the_publishers_words(check: ReviewFn) -> None:
    verdict = check("You are an idiot and a liar.")
    explanation = verdict.explanation_for_author()
    assert explanation.startswith("Your comment was not published")
    assert "Insults and threats" in explanation
    assert verdict.policy.rule("insults").explanation in explanation


def test_it_explains_a_hold_as_waiting_for_a_moderator(check: ReviewFn) -> None:
    explanation = check(
        "THE COUNCIL HAS PUT UP PARKING FEES AGAIN THIS YEAR WITHOUT ASKING RESIDENTS"
    ).explanation_for_author()
    assert "waiting for a moderator" in explanation
    assert "Capitals and sentences" in explanation


def test_it_has_nothing_to_explain_for_a_published_comment(check: ReviewFn) -> None:
    assert check("A fair and thoughtful article, thank you.").explanation_for_author() == ""


def test_it_uses_the_explanation_the_publisher_wrote() -> None:
    policy = Policy().with_override("insults", title="Be kind", explanation="No name-calling.")
    verdict = review("You are an idiot.", policy=policy)
    assert "Be kind: No name-calling." in verdict.explanation_for_author()


def test_it_gives_moderators_everything_as_json(check: ReviewFn) -> None:
    verdict = check("You are an idiot. Mail me at joe.bloggs@example.org")
    data = json.loads(json.dumps(verdict.as_dict()))
    assert data["action"] == verdict.action.value
    rules = {f["rule"] for f in data["findings"]}
    assert {"insults", "personal_data"} <= rules
    insult = next(f for f in data["findings"] if f["rule"] == "insults")
    span = insult["evidence"][0]
    assert "You are an idiot."[span["start"] : span["end"]] == span["text"]
    assert data["engine_version"].startswith("model=")
    assert 0.0 <= data["score"] <= 1.0


def test_it_holds_uncertain_cases_instead_of_rejecting() -> None:
    # Past the rule's threshold but short of a confident score: a person decides.
    policy = Policy().with_override("insults", threshold=0.3)
    verdict = review("Only a clown would vote for this", policy=policy)
    assert 0.3 <= verdict.score < policy.confident
    assert verdict.action is Action.HOLD


def test_it_holds_a_borderline_comment_from_a_repeat_offender() -> None:
    text = "The cops in this town are a bunch of clowns, honestly."
    clean = review(text, ReviewContext())
    offender = review(text, ReviewContext(author_history=AuthorHistory(rejected=5, published=1)))
    assert offender.action.severity >= clean.action.severity


def test_it_publishes_ordinary_debate() -> None:
    for text in plain_lines("clean_comments.txt"):
        verdict = review(text, ReviewContext(site_name="Masthead News"))
        assert verdict.action is Action.PUBLISH, (text, verdict.as_dict())


def test_it_stops_abuse_in_every_disguise() -> None:
    for text in plain_lines("abusive_comments.txt"):
        verdict = review(text, ReviewContext(site_name="Masthead News"))
        assert verdict.action is not Action.PUBLISH, text


def test_a_disabled_rule_never_fires() -> None:
    policy = Policy().with_override("formatting", enabled=False)
    verdict = review(
        "THE COUNCIL HAS PUT UP PARKING FEES AGAIN THIS YEAR WITHOUT ASKING RESIDENTS",
        policy=policy,
    )
    assert verdict.action is Action.PUBLISH
