"""Two moderators deciding the same comment at the same moment: one decision, one clear refusal."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from masthead.discussion.models import Comment
from masthead.moderation import services
from masthead.moderation.models import Decision

from .conftest import held

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_only_one_of_two_simultaneous_decisions_wins(moderator, senior_moderator, story, reader):
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database cannot hold two writing threads; on SQLite the
        # conditional UPDATE is covered by the stale-copy test in test_decisions.py.
        pytest.skip("needs PostgreSQL")
    comment = held(story, reader)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def work(who, decision, rule):
        copy = Comment.objects.select_related("article", "author").get(pk=comment.pk)
        barrier.wait()
        try:
            services.decide(who, copy, decision, rule)
            outcomes.append("won")
        except services.AlreadyDecided as refusal:
            outcomes.append(refusal.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(moderator, "approve", None)),
        threading.Thread(target=work, args=(senior_moderator, "reject", "insults")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Decision.objects.count() == 1
    assert outcomes.count("won") == 1
    loser = next(o for o in outcomes if o != "won")
    winner = Decision.objects.select_related("moderator").get().moderator
    assert winner is not None
    assert f"already decided by {winner.get_username()}" in loser


def test_a_crowd_of_moderators_decides_each_comment_exactly_once(story, reader):
    """Eight moderators work through the same forty held comments at once, each in its own
    order and with its own mind (approve or reject): every comment gets exactly one decision,
    the losers are told, and the article's counter equals its published comments."""
    import random

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from masthead.moderation.roles import MODERATORS

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (several writing threads)")
    group = Group.objects.get_or_create(name=MODERATORS)[0]
    crew = []
    for n in range(8):
        user = get_user_model().objects.create_user(f"crew{n}", f"crew{n}@example.org", "x")
        user.groups.add(group)
        crew.append(user)
    ids = [held(story, reader, f"Held comment number {n}.").pk for n in range(40)]
    barrier = threading.Barrier(len(crew))
    won: list[int] = []
    refused: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(number: int, who) -> None:
        rng = random.Random(number)
        order = ids[:]
        rng.shuffle(order)
        barrier.wait()
        try:
            for comment_id in order:
                copy = Comment.objects.select_related("article", "author").get(pk=comment_id)
                decision = rng.choice(["approve", "reject"])
                try:
                    services.decide(
                        who, copy, decision, "insults" if decision == "reject" else None
                    )
                    with lock:
                        won.append(comment_id)
                except services.AlreadyDecided:
                    with lock:
                        refused.append(comment_id)
        except Exception as error:  # reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n, who)) for n, who in enumerate(crew)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(won) == sorted(ids)  # each comment won once, by one moderator
    assert len(refused) == len(crew) * len(ids) - len(ids)
    assert Decision.objects.count() == len(ids)
    assert not Comment.objects.filter(pk__in=ids, status=Comment.Status.HELD).exists()
    story.refresh_from_db()
    published = Comment.objects.filter(article=story, status=Comment.Status.PUBLISHED).count()
    assert story.comment_count == published
