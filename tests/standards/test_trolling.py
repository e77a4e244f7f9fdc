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
