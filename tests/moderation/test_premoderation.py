"""Readers often rejected wait for a moderator for a while; moderators can put anyone in or out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.discussion import services as discussion
from masthead.discussion.models import Comment
from masthead.moderation import services
from masthead.moderation.models import Sanction

from .conftest import client_for, held

pytestmark = pytest.mark.django_db


def test_the_third_rejection_in_a_week_puts_the_reader_in_premoderation(
    moderator, story, reader, settings
):
    settings.PREMODERATION_REJECTIONS = 3
    settings.PREMODERATION_DAYS = 14
    for n in range(2):
        services.decide(moderator, held(story, reader, f"Rude {n}"), "reject", rule="insults")
    assert not services.is_premoderated(reader)
    services.decide(moderator, held(story, reader, "Rude 3"), "reject", rule="insults")
    assert services.is_premoderated(reader)
    sanction = Sanction.objects.get(kind="premoderation")
    assert sanction.automatic
    assert sanction.ends_at is not None
    assert timedelta(days=13) < sanction.ends_at - timezone.now() <= timedelta(days=14)


def test_old_rejections_do_not_count(moderator, story, reader, settings):
    settings.PREMODERATION_REJECTIONS = 2
    old = held(story, reader, "Old rude remark")
    Comment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.PREMODERATION_WINDOW_DAYS + 1)
    )
    services.decide(moderator, old, "reject", rule="insults")
    services.decide(moderator, held(story, reader, "New rude remark"), "reject", rule="insults")
    assert not services.is_premoderated(reader)


def test_a_premoderated_readers_comment_waits_for_a_moderator(moderator, story, reader):
    services.set_premoderation(moderator, reader, True, "Watch for a while", days=3)
    outcome = discussion.submit_comment(
        author=reader, article=story, text="The repairs took longer than the council promised."
    )
    assert outcome.comment.status == Comment.Status.HELD


def test_moderators_put_readers_in_and_out_from_the_workspace(moderator, reader):
    client = client_for(moderator)
    client.post(f"/moderation/readers/{reader.pk}/premoderation/", {"on": "1", "days": "5"})
    assert services.is_premoderated(reader)
    client.post(f"/moderation/readers/{reader.pk}/premoderation/", {"on": "0"})
    assert not services.is_premoderated(reader)
    bad = client.post(f"/moderation/readers/{reader.pk}/premoderation/", {"on": "1", "days": "x"})
    assert bad.status_code == 400
    huge = {"on": "1", "days": "99999999999"}
    assert client.post(f"/moderation/readers/{reader.pk}/premoderation/", huge).status_code == 400


def test_the_sweep_catches_readers_the_engine_rejected_often(story, reader, other_reader, settings):
    from masthead.moderation.tasks import premoderate_often_rejected
    from tests import factories

    settings.PREMODERATION_REJECTIONS = 2
    for n in range(2):
        factories.comment(story, reader, f"Rejected by the engine {n}", status="rejected")
    factories.comment(story, other_reader, "Only one rejection", status="rejected")
    assert premoderate_often_rejected.call() == 1
    assert services.is_premoderated(reader)
    assert not services.is_premoderated(other_reader)
    assert premoderate_often_rejected.call() == 0
