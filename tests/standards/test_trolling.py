from __future__ import annotations

from masthead.standards import Action

from .conftest import ReviewFn


def test_it_holds_baiting(check: ReviewFn) -> None:
    verdict = check("lol you mad? cope and seethe, snowflake")
    assert "trolling" in verdict.rules
    assert verdict.action is not Action.PUBLISH


def test_it_holds_insults_aimed_at_the_site_by_name(check: ReviewFn) -> None:
    verdict = check("Masthead News is run by idiots", site_name="Masthead News")
    assert "disrespect_site" in verdict.rules


def test_it_sees_the_site_name_through_disguises(check: ReviewFn) -> None:
    verdict = check("M a s t h e a d News is a shitty rag", site_name="Masthead News")
    assert "disrespect_site" in verdict.rules


def test_it_holds_insults_aimed_at_this_rag(check: ReviewFn) -> None:
    assert "disrespect_site" in check("this rag is full of morons").rules


def test_it_publishes_criticism_of_the_journalism(check: ReviewFn) -> None:
    text = "Masthead News got this story wrong: the ambassador never said that."
    assert check(text, site_name="Masthead News").action is Action.PUBLISH


def test_baiting_words_in_ordinary_sentences_pass(check: ReviewFn) -> None:
    # "cry" and "cope" bait only in their taunting phrases ("cry more", "cope and seethe").
    for text in (
        "Nobody will cry over the closure of that ugly car park.",
        "I could cry, the library is closing.",
        "The hospital cannot cope with demand this winter.",
    ):
        assert check(text).action is Action.PUBLISH, (text, check(text).as_dict())


def test_taunting_phrases_are_trolling(check: ReviewFn) -> None:
    for text in ("Cry more, loser.", "cope harder lol", "cope and seethe"):
        assert "trolling" in check(text).rules, (text, check(text).as_dict())


def test_nobody_asked_baits_only_when_said_to_someone(check: ReviewFn) -> None:
    verdict = check("Nobody asked you, go back to your basement.")
    assert "trolling" in verdict.rules
    assert verdict.action is not Action.PUBLISH
    for text in (
        "What a pity nobody asked the residents before painting the lines.",
        "Nobody asked us whether we wanted a cycle lane on Mill Road.",
        "Who asked the council for this roundabout?",
    ):
        assert check(text).action is Action.PUBLISH, (text, check(text).as_dict())
