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
