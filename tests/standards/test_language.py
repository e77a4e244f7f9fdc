from __future__ import annotations

import time

import pytest

from masthead.standards import Action
from masthead.standards.checks.language import detect

from .conftest import ReviewFn


def test_it_rejects_comment_in_other_language(check: ReviewFn) -> None:
    text = "Das ist ein ganz normaler Kommentar über den Impfstoff und die Politik der Regierung."
    verdict = check(text)
    assert verdict.rules == ["language"]
    assert verdict.action is Action.REJECT


def test_it_rejects_english_on_a_russian_site(check: ReviewFn) -> None:
    text = "This is an ordinary comment about the vaccine and the government's policy."
    assert "language" in check(text, site_language="ru").rules


def test_it_publishes_russian_on_a_russian_site(check: ReviewFn) -> None:
    text = "Посол считает, что сотрудничество по вакцине выгодно обеим странам."
    assert check(text, site_language="ru").action is Action.PUBLISH


@pytest.mark.parametrize(
    "text", ["Merci!", "Danke schön", "Putin Biden Trump", "lol ok", "Spasibo, tovarishch"]
)
def test_it_lets_short_or_ambiguous_text_through(check: ReviewFn, text: str) -> None:
    assert "language" not in check(text).rules


def test_it_publishes_english_with_a_foreign_quote(check: ReviewFn) -> None:
    text = 'The French call it "la vie en rose", but the economy tells a different story.'
    assert "language" not in check(text).rules


def test_it_detects_quickly() -> None:
    detect("warm up the model before timing it, please")
    started = time.perf_counter()
    for _ in range(200):
        detect("Das ist ein ganz normaler Kommentar über den Impfstoff und die Politik.")
    assert (time.perf_counter() - started) / 200 < 0.005
