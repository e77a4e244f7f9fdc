from __future__ import annotations

from datetime import timedelta

from masthead.standards import Action, MemoryStore

from .conftest import NOW, ReviewFn

CAMPAIGN = (
    "The ambassador is telling the truth and every reader of this site should share this "
    "article with ten friends today"
)


def variant(i: int) -> str:
    # Near-identical: a word changed, as campaigns do to dodge exact matching.
    return CAMPAIGN.replace("ten", ["ten", "five", "all your", "twenty", "ten"][i % 5])


def test_it_holds_the_same_text_from_many_accounts(check: ReviewFn, store: MemoryStore) -> None:
    verdicts = [
        check(variant(i), author_id=f"acct{i}", store=store, now=NOW + timedelta(minutes=i))
        for i in range(8)
    ]
    assert verdicts[0].action is Action.PUBLISH
    assert "flash_mob" in verdicts[-1].rules
    assert verdicts[-1].action is Action.HOLD


def test_it_ignores_one_account_repeating_itself(check: ReviewFn, store: MemoryStore) -> None:
    for i in range(6):
        verdict = check(
            CAMPAIGN, author_id="same", store=store, now=NOW + timedelta(minutes=20 * i)
        )
    assert "flash_mob" not in verdict.rules


def test_it_ignores_short_common_phrases(check: ReviewFn, store: MemoryStore) -> None:
    for i in range(10):
        verdict = check("Well said, I agree.", author_id=f"acct{i}", store=store, now=NOW)
    assert verdict.action is Action.PUBLISH


def test_it_ignores_different_comments(check: ReviewFn, store: MemoryStore) -> None:
    texts = [
        "The ambassador spoke about vaccines and arms control at the event in Washington.",
        "Nobody should trust a promise made at a think tank about sharing vaccines.",
        "The treaty expires in February and both sides want more time to negotiate it.",
        "I would like to see the Phase 3 data published before anyone talks about sharing.",
        "Relations between the two countries are at their lowest since the Cold War ended.",
    ]
    for i, text in enumerate(texts):
        verdict = check(text, author_id=f"acct{i}", store=store, now=NOW)
        assert "flash_mob" not in verdict.rules
