"""Phrase lines of 28 November: a crowd sent to someone's door, pile-ons, threat idioms,
gloating, contempt for a whole group, sexual remarks; each beside the innocent twin it must
leave alone."""

from __future__ import annotations

import pytest

from masthead.standards import Action

from .conftest import ReviewFn


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The ref lives on Marsh Lane, blue door, in case anyone fancies telling him.", "insults"),
        ("She works at the chemist on Mill Street if anyone fancies a word.", "insults"),
        ("Everyone go flood his Facebook page and make his week hell.", "insults"),
        ("I have sent the screenshots to his employer and his wife.", "insults"),
        ("I'll knock your head off.", "insults"),
        ("I'd smash that smug grin off your face.", "insults"),
        ("Shoot the lot of them.", "insults"),
        ("Sink the boats.", "insults"),
        ("Glad he's in intensive care, hope he never wakes up.", "insults"),
        ("We'll be waiting with bats on Saturday.", "insults"),
        ("Boomers like you deserve to freeze this winter.", "insults"),
        ("Lesbians are disgusting and unnatural.", "hate"),
        ("Travellers are nothing but trouble.", "hate"),
        ("Islam isn't a religion, it's an infection.", "hate"),
    ],
)
def test_it_stops_the_new_lines(check: ReviewFn, text: str, rule: str) -> None:
    verdict = check(text)
    assert verdict.action is not Action.PUBLISH, verdict.as_dict()
    assert rule in verdict.rules, verdict.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "The library on Mill Lane is open late if anyone fancies a visit.",
        "We'll wipe the smile off their faces on Saturday.",
        "Sack the lot of them at the next election.",
        "This virus should be wiped off the face of the earth.",
        "Everyone leave a one star review for the new restaurant, the food was awful.",
        "Nice legs on the table, is it oak?",
        "Black workers are lower paid than white workers.",
        "Hope he never loses that smile.",
        "You deserve to win after the season you've had.",
        "Refugees are not a burden on this town.",
        "So sorry to hear about the student. Sending love to his family and flatmates.",
        "Our thoughts and prayers sent to her family tonight.",
    ],
)
def test_it_leaves_their_innocent_twins_alone(check: ReviewFn, text: str) -> None:
    assert check(text).action is Action.PUBLISH, check(text).as_dict()
