from __future__ import annotations

import pytest

from masthead.standards.normalise import normalise


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("f.u.c.k", "fuck"),
        ("f u c k", "fuck"),
        ("f-u-c-k", "fuck"),
        ("sh1t", "shit"),
        ("a55hole", "asshole"),
        ("fuuuuuuck", "fuuck"),
        ("Ｆｕｃｋ", "fuck"),
        ("fück", "fuck"),
        ("ІDIOT", "idiot"),  # Cyrillic І
        ("іdіot", "idiot"),  # Cyrillic і in a Latin word
        ("сyка", "сука"),  # Latin y in a Cyrillic word
        ("n\u200bigg\u200ber", "nigger"),
        ("mor\u202eon", "moron"),
    ],
)
def test_it_folds_disguises(written: str, folded: str) -> None:
    assert normalise(written).text == folded


@pytest.mark.parametrize(
    "ordinary",
    [
        "I paid $5 for 3rd place in 2020",
        "the 1990s",
        "great!",
        "COVID-19 cases",
        "Привет, как дела",
    ],
)
def test_it_leaves_ordinary_numbers_and_words_alone(ordinary: str) -> None:
    assert normalise(ordinary).text == ordinary.lower()


def test_it_maps_spans_back_to_the_original_text() -> None:
    original = "Well, f\u200b.u.\u200bc.k that idea"
    norm = normalise(original)
    start = norm.text.index("fuck")
    a, b = norm.span(start, start + 4)
    assert original[a:b] == "f\u200b.u.\u200bc.k"


def test_it_maps_spans_through_stretched_letters() -> None:
    original = "so fuuuuuuck this"
    norm = normalise(original)
    start = norm.text.index("fuuck")
    a, b = norm.span(start, start + len("fuuck"))
    assert original[a:b] == "fuuuuuuck"


def test_it_maps_spans_through_wide_characters() -> None:
    original = "hey Ｆｕｃｋ off"
    norm = normalise(original)
    start = norm.text.index("fuck")
    assert original[slice(*norm.span(start, start + 4))] == "Ｆｕｃｋ"
