from __future__ import annotations

import pytest

from masthead.standards import Action
from masthead.standards.checks.personal_data import iban_valid, luhn

from .conftest import ReviewFn


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("His card is 4111 1111 1111 1111, use it", "4111 1111 1111 1111"),
        ("Send it to GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32"),
        ("Her email is jane.doe@example.org", "jane.doe@example.org"),
        ("write to jane.doe [at] example [dot] org", "jane.doe [at] example [dot] org"),
        ("Call him on +44 20 7946 0958 tonight", "+44 20 7946 0958"),
        ("his number is (415) 555-2671", "(415) 555-2671"),
        ("He lives at 221 Baker Street, Apt 2", "221 Baker Street, Apt 2"),
        ("Адрес: ул. Ленина, д. 5, кв. 12", "ул. Ленина, д. 5, кв. 12"),
    ],
)
def test_it_finds_personal_data(check: ReviewFn, text: str, found: str) -> None:
    verdict = check(text)
    finding = next(f for f in verdict.findings if f.rule == "personal_data")
    assert found in [e.text for e in finding.evidence]
    assert verdict.action is not Action.PUBLISH


def test_it_rejects_a_card_number_outright(check: ReviewFn) -> None:
    assert check("card: 5500-0000-0000-0004 exp 12/29").action is Action.REJECT


def test_it_holds_an_email_address_rather_than_rejecting_it(check: ReviewFn) -> None:
    assert check("You can reach her at jane.doe@example.org").action is Action.HOLD


@pytest.mark.parametrize(
    "text",
    [
        "The treaty ran from 2010-2021 and cost 1234567890 roubles.",
        "Order number 4111 1111 1111 1112 is not a card.",
        "The 12 Angry Men film is a classic.",
        "GB00 WEST 1234 5698 7654 32 is not a valid IBAN.",
        "The video passed 2.126.521.750 views this week.",
        "The deficit grew by 212,652,175 dollars.",
    ],
)
def test_it_passes_numbers_that_fail_their_checksums(check: ReviewFn, text: str) -> None:
    assert "personal_data" not in check(text).rules


def test_checksums() -> None:
    assert luhn("4111111111111111")
    assert not luhn("4111111111111112")
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("DE00 3704 0044 0532 0130 00")
