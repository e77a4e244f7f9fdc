"""Counter-speech and kind words: hostile words denied, groups merely named, listed phrases
condemned, sympathy and thanks, illnesses wished gone."""

from __future__ import annotations

import pytest

from masthead.standards import Action, EngineConfig, ReviewContext, Verdict, review

from .conftest import ReviewFn


class _WordModel:
    """A stand-in for the trained model: each head reads the strongest of its listed words, so
    the rules on denials and names are tested apart from any model file."""

    version = "words"

    def __init__(self, **weights: tuple[float, float]) -> None:
        self.weights = weights  # word -> (insults, hate)

    def score(self, text: str) -> dict[str, float]:
        words = set(text.replace(",", " ").replace(".", " ").split())
        insults = max((w[0] for k, w in self.weights.items() if k in words), default=0.02)
        hate = max((w[1] for k, w in self.weights.items() if k in words), default=0.02)
        return {"insults": insults, "hate": hate, "profanity": 0.0, "spam": 0.0}

    def leaning(self, word: str, head: str) -> float:
        pair = self.weights.get(word)
        return 0.0 if pair is None else 10.0 * pair[0 if head == "insults" else 1]

    def cues(self, text: str, head: str) -> list[tuple[int, int]]:
        return [(0, 4)]


def _read(text: str, **weights: tuple[float, float]) -> Verdict:
    config = EngineConfig(model=_WordModel(**weights))  # type: ignore[arg-type]
    return review(text, ReviewContext(site_name="Masthead News"), config=config)


def test_a_hostile_word_denied_is_not_held_on_the_classifier_alone() -> None:
    # "blorks" stands for any hostile word no list holds.
    denied = _read("Those folk are not blorks.", blorks=(0.1, 0.95))
    assert denied.action is Action.PUBLISH, denied.as_dict()
    assert _read("Those folk are blorks.", blorks=(0.1, 0.95)).action is Action.HOLD
    # The rest of the comment is still read: a second hostile word keeps it held.
    both = _read("They are not blorks, they are snargs.", blorks=(0.1, 0.95), snargs=(0.1, 0.9))
    assert both.action is Action.HOLD


def test_denying_a_good_quality_is_the_insult() -> None:
    for text in ("You are not human.", "You are not welcome here.", "You're not the brightest."):
        verdict = _read(text, human=(0.9, 0.0), welcome=(0.9, 0.0), brightest=(0.9, 0.0))
        assert verdict.action is Action.HOLD, (text, verdict.as_dict())


def test_a_group_named_alone_is_not_held_for_hate() -> None:
    weights = {"muslims": (0.05, 0.95), "mosque": (0.05, 0.9)}
    named = _read("The Muslims at the mosque run a food bank.", **weights)
    assert named.action is Action.PUBLISH, named.as_dict()


def test_what_is_said_of_a_group_keeps_it_held() -> None:
    # Another word the hate head leans on survives the swap of the names.
    weights = {"muslims": (0.05, 0.95), "infest": (0.05, 0.7)}
    assert _read("Muslims infest the town.", **weights).action is Action.HOLD
    # And so does an insult: the swap is for names read as hostile, not for contempt.
    weights = {"muslims": (0.5, 0.95)}
    assert _read("Filthy Muslims.", **weights).action is Action.HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Muslims are not vermin.",
        "Refugees are not a disease, they are people.",
        "She is not stupid, she just disagrees with you.",
        "Gay parents are not perverts and they are no danger to children.",
        "Disabled people are not disgusting.",
        "The Muslims at the mosque run a food bank.",
        "Muslims are people.",
    ],
)
def test_the_shipped_model_publishes_counter_speech_and_plain_mentions(
    check: ReviewFn, text: str
) -> None:
    assert check(text).action is Action.PUBLISH, check(text).as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Saying all migrants are criminals is lazy nonsense; the figures show the opposite.",
        'People with Down\'s syndrome are not "retards", they are people.',
        "It's a myth that refugees are vermin.",
        # Quoted from what readers meet: a placard, a review.
        'The placard said "migrants are vermin" and the police did nothing about it.',
        'A one-star review just said "women should stay in the kitchen"; the owner laughed it off.',
    ],
)
def test_a_listed_phrase_denied_or_condemned_is_held_not_rejected(
    check: ReviewFn, text: str
) -> None:
    verdict = check(text)
    assert verdict.action is Action.HOLD, verdict.as_dict()
    assert "quoted speech" in str(verdict.as_dict())


@pytest.mark.parametrize(
    "text",
    [
        "Muslims are vermin.",
        "All migrants are criminals.",
        "Islam isn't a religion, it's an infection.",
        "You're not stupid, you're a worthless waste of oxygen.",
        "They are not human, they are vermin.",
    ],
)
def test_abuse_beside_a_denial_is_still_stopped(check: ReviewFn, text: str) -> None:
    assert check(text).action is not Action.PUBLISH, check(text).as_dict()


def test_words_of_sympathy_or_thanks_are_not_held_as_insults() -> None:
    # A stand-in head that reads "peace" and "heroes" as insults, as the trained one half does.
    weights = {"peace": (0.9, 0.0), "heroes": (0.85, 0.0), "blork": (0.9, 0.0)}
    for text in ("Rest in peace, Jenna.", "Hats off to the crew, real heroes."):
        verdict = _read(text, **weights)
        assert verdict.action is Action.PUBLISH, (text, verdict.as_dict())
    # The rest of the comment is read again: an insult beside the sympathy stays held.
    assert _read("Rest in peace, you blork.", **weights).action is Action.HOLD


@pytest.mark.parametrize(
    "text",
    [
        "Rest in peace, Jenna. You lit up every room. Our hearts are with your family.",
        "The young lad who pulled that woman out of the river deserves a medal.",
    ],
)
def test_the_shipped_model_publishes_condolences_and_praise(check: ReviewFn, text: str) -> None:
    assert check(text).action is Action.PUBLISH, check(text).as_dict()


def test_sympathy_does_not_cover_an_insult(check: ReviewFn) -> None:
    assert check("RIP your career, you absolute clown.").action is not Action.PUBLISH


def test_wishing_an_illness_gone_is_not_held_as_a_threat() -> None:
    # "wiped" and "eradicated" stand for the violent words the insults head learned from threats.
    weights = {"wiped": (0.9, 0.1), "eradicated": (0.9, 0.1)}
    for text in (
        "This virus should be wiped off the face of the earth.",
        "Honestly, malaria must be eradicated.",
        "Let's wipe out this deadly virus for good.",
    ):
        verdict = _read(text, **weights, wipe=(0.9, 0.1))
        assert verdict.action is Action.PUBLISH, (text, verdict.as_dict())


@pytest.mark.parametrize(
    "text",
    [
        "They should be wiped off the face of the earth.",
        # A group's name before the ill makes it hatred dressed as public health.
        "This migrant plague must be eradicated.",
        "Wipe out the migrant plague.",
        "Immigrants are a virus that should be wiped out.",
        # The rest of the comment is read again without the wish, and still holds it.
        "Malaria must be eradicated, and so must you, you blork.",
    ],
)
def test_wishing_people_gone_stays_held(text: str) -> None:
    weights = {"wiped": (0.9, 0.1), "eradicated": (0.9, 0.1), "wipe": (0.9, 0.1)}
    verdict = _read(text, **weights, blork=(0.9, 0.1))
    assert verdict.action is not Action.PUBLISH, (text, verdict.as_dict())


@pytest.mark.parametrize(
    "text",
    [
        "No woman deserves to be raped for walking home at night.",
        "Nobody should be beaten for supporting the wrong team.",
        "No one deserves to be shot over a parking space.",
        "Not a single person deserves to be beaten like that.",
    ],
)
def test_a_threat_phrase_with_nobody_as_its_subject_is_published(
    check: ReviewFn, text: str
) -> None:
    assert check(text).action is Action.PUBLISH, check(text).as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Nobody deserves to be beaten, except you.",
        "He deserves to be beaten.",
        "Nobody would cry if he deserves to be shot.",
    ],
)
def test_a_threat_with_somebody_as_its_subject_is_still_rejected(
    check: ReviewFn, text: str
) -> None:
    assert check(text).action is Action.REJECT, check(text).as_dict()
