from __future__ import annotations

from masthead.standards import Action

from .conftest import ReviewFn


def test_it_holds_comment_in_capitals(check: ReviewFn) -> None:
    verdict = check(
        "THE COUNCIL HAS PUT UP PARKING FEES AGAIN THIS YEAR WITHOUT ASKING RESIDENTS AT ALL"
    )
    assert verdict.rules == ["formatting"]
    assert verdict.action is Action.HOLD


def test_it_holds_capitals_written_in_look_alike_letters(check: ReviewFn) -> None:
    # Cyrillic А, Е, О, Р, С, Т, Х inside Latin capitals are still capitals.
    assert "formatting" in check("ТНIS GОVЕRNMЕNT IS LYING TО АLL ОF US АND NОBОDY CАRЕS").rules


def test_it_publishes_acronyms_and_short_shouting(check: ReviewFn) -> None:
    assert check("NATO and the USA agreed with the EU on this, finally.").action is Action.PUBLISH
    assert check("NO WAY!").action is Action.PUBLISH


def test_it_holds_long_text_without_sentences(check: ReviewFn) -> None:
    text = " ".join(["the government keeps telling us things that are not true"] * 10)
    verdict = check(text)
    assert "formatting" in verdict.rules


def test_it_publishes_long_text_with_sentences(check: ReviewFn) -> None:
    text = " ".join(["The government keeps telling us things that are not true."] * 10)
    assert "formatting" not in check(text).rules
