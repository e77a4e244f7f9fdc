from __future__ import annotations

from datetime import timedelta

from masthead.standards import Action, MemoryStore

from .conftest import NOW, ReviewFn


def test_it_holds_the_sixth_comment_in_a_minute(check: ReviewFn, store: MemoryStore) -> None:
    verdicts = [
        check(text, author_id="a", store=store, now=NOW + timedelta(seconds=i * 5))
        for i, text in enumerate(
            [
                "The budget is wrong.",
                "Defence spending is too high.",
                "Schools get less every year.",
                "Hospitals are short of nurses.",
                "Pensions have not kept up.",
                "And transport is a mess too.",
            ]
        )
    ]
    assert [v.action for v in verdicts[:5]] == [Action.PUBLISH] * 5
    assert "flooding" in verdicts[5].rules
    assert verdicts[5].action is Action.HOLD


def test_it_holds_the_same_text_posted_again(check: ReviewFn, store: MemoryStore) -> None:
    text = "Everyone should read the treaty before commenting on it."
    first = check(text, author_id="a", store=store, now=NOW)
    second = check(text, author_id="a", store=store, now=NOW + timedelta(minutes=3))
    assert first.action is Action.PUBLISH
    assert "flooding" in second.rules


def test_it_forgets_after_the_window(check: ReviewFn, store: MemoryStore) -> None:
    text = "Everyone should read the treaty before commenting on it."
    check(text, author_id="a", store=store, now=NOW)
    later = check(text, author_id="a", store=store, now=NOW + timedelta(hours=2))
    assert later.action is Action.PUBLISH


def test_it_counts_authors_separately(check: ReviewFn, store: MemoryStore) -> None:
    for i in range(5):
        check(f"Comment {i} on the budget.", author_id="a", store=store, now=NOW)
    assert (
        "flooding" not in check("My view on the budget.", author_id="b", store=store, now=NOW).rules
    )


def test_it_does_nothing_without_an_author(check: ReviewFn, store: MemoryStore) -> None:
    for _ in range(10):
        verdict = check("Same words again.", store=store, now=NOW)
    assert verdict.action is Action.PUBLISH


def test_it_never_looks_back_further_than_the_store_remembers() -> None:
    from masthead.standards.checks import MEMORY_SECONDS, flooding

    assert max(window for window, _limit in flooding.RATE_LIMITS) <= MEMORY_SECONDS
    assert flooding.REPEAT_WINDOW <= MEMORY_SECONDS


def test_one_exchange_with_the_store_per_review(check: ReviewFn) -> None:
    """Flooding and flash-mob memory travel together: one round trip to Redis per comment."""
    calls: list[list[str]] = []

    class CountingStore(MemoryStore):
        def exchange(self, items, since, at, ttl):
            calls.append(sorted(items))
            return super().exchange(items, since, at, ttl)

    store = CountingStore()
    check(
        "The ambassador is telling the truth and every reader should share this today",
        author_id="a",
        store=store,
    )
    assert len(calls) == 1
    assert "author:a" in calls[0]
    assert any(key.startswith("mob:") for key in calls[0])
