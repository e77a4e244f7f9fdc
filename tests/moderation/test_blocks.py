"""Blocking a reader: they read and log in, but cannot post, react or report; a second block
is permanent."""

from __future__ import annotations

import pytest

from masthead.discussion import services as discussion
from masthead.moderation import services
from masthead.moderation.models import AuditEntry, Sanction
from tests import factories

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_blocked_reader_cannot_post_react_or_report(blocked_reader, story, other_reader):
    someone_elses = factories.comment(story, other_reader)
    with pytest.raises(discussion.NotAllowed, match="Insulted other readers"):
        discussion.submit_comment(author=blocked_reader, article=story, text="Hello again.")
    with pytest.raises(discussion.NotAllowed):
        discussion.react(user=blocked_reader, comment=someone_elses)
    with pytest.raises(discussion.NotAllowed):
        discussion.report_comment(user=blocked_reader, comment=someone_elses, rule="insults")


def test_a_blocked_reader_still_reads_and_sees_why_and_where_to_appeal(blocked_reader, story):
    client = client_for(blocked_reader)
    first = client.get(story.get_absolute_url()).content.decode()
    assert "Insulted other readers twice in one evening." in first
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "/moderation/appeal/" in response.content.decode()


def test_a_second_block_is_permanent(moderator, blocked_reader):
    services.lift_block(moderator, blocked_reader, "Apologised")
    second = services.block(moderator, blocked_reader, "Insults again.", "insults")
    assert second.permanent
    assert "permanently" in second.notice_for_reader()


def test_only_a_senior_moderator_lifts_a_permanent_block(
    moderator, senior_moderator, blocked_reader
):
    services.lift_block(moderator, blocked_reader)
    services.block(moderator, blocked_reader, "Again.")
    with pytest.raises(services.NotPermitted, match="senior"):
        services.lift_block(moderator, blocked_reader)
    services.lift_block(senior_moderator, blocked_reader, "Reviewed by the desk")
    assert services.active_block(blocked_reader) is None


def test_blocking_twice_at_once_is_refused_with_a_message(moderator, blocked_reader):
    with pytest.raises(services.AlreadyDecided, match="already blocked"):
        services.block(moderator, blocked_reader, "Again")


def test_a_block_needs_a_reason_and_a_moderator(moderator, reader, other_reader):
    with pytest.raises(services.ModerationError, match="reason"):
        services.block(moderator, reader, "  ")
    with pytest.raises(services.NotPermitted):
        services.block(other_reader, reader, "I do not like them")


def test_blocks_and_lifts_are_audited(moderator, reader):
    services.block(moderator, reader, "Spam links", "spam")
    services.lift_block(moderator, reader, "Mistake")
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "user.block",
        "user.unblock",
    ]


def test_blocking_from_the_workspace(moderator, reader):
    client = client_for(moderator)
    response = client.post(
        f"/moderation/readers/{reader.pk}/block/",
        {"reason": "Threatened another reader", "rule": "insults"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    assert Sanction.objects.active().filter(user=reader, kind="block").exists()
    again = client.post(
        f"/moderation/readers/{reader.pk}/block/",
        {"reason": "again"},
        headers={"X-Requested-With": "fetch"},
    )
    assert again.status_code == 409
    assert client.post("/moderation/readers/999999/block/", {"reason": "x"}).status_code == 404
    page = client.get(f"/moderation/readers/{reader.pk}/")
    assert b"Lift the block" in page.content


def test_a_moderator_cannot_block_another_moderator(moderator, senior_moderator):
    with pytest.raises(services.NotPermitted):
        services.block(moderator, senior_moderator, "Disagreement")
