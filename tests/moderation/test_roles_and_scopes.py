"""Moderators and senior moderators; moderators limited to sections."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from masthead.discussion import access
from masthead.moderation import services
from masthead.moderation.models import AuditEntry, ModeratorScope
from tests import factories

from .conftest import client_for, held

pytestmark = pytest.mark.django_db


def test_a_scoped_moderator_may_only_decide_in_their_sections(moderator, reader, story):
    elsewhere = held(factories.article(), reader)
    mine = held(story, reader)
    ModeratorScope.objects.create(moderator=moderator, section=story.section)
    assert access.can_moderate(moderator, mine)
    assert not access.can_moderate(moderator, elsewhere)
    with pytest.raises(services.NotPermitted, match="section"):
        services.decide(moderator, elsewhere, "approve")
    response = client_for(moderator).post(
        "/moderation/decide/",
        {"comment": elsewhere.pk, "decision": "approve"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 403
    assert (
        client_for(moderator).get(f"/moderation/comments/{elsewhere.pk}/edit/").status_code == 403
    )


def test_a_moderator_without_scope_moderates_every_section(moderator, reader):
    assert services.can_moderate_comment(moderator, held(factories.article(), reader))


def test_senior_moderators_set_scopes_and_moderators_cannot(moderator, senior_moderator, story):
    services.set_scope(senior_moderator, moderator, [story.section_id])
    assert list(moderator.moderation_scopes.values_list("section_id", flat=True)) == [
        story.section_id
    ]
    assert AuditEntry.objects.filter(action="moderator.scope").exists()
    with pytest.raises(services.NotPermitted):
        services.set_scope(moderator, moderator, [])


def test_the_groups_carry_the_right_permissions(moderator, senior_moderator):
    from masthead.moderation.roles import ensure_moderator_groups

    ensure_moderator_groups()
    moderator = type(moderator).objects.get(pk=moderator.pk)
    senior_moderator = type(senior_moderator).objects.get(pk=senior_moderator.pk)
    assert moderator.has_perm("moderation.view_auditentry")
    assert not moderator.has_perm("moderation.lift_permanent_block")
    assert not moderator.has_perm("standards.change_rulesetting")
    assert senior_moderator.has_perm("moderation.lift_permanent_block")
    assert senior_moderator.has_perm("moderation.delete_reader_account")
    assert senior_moderator.has_perm("standards.change_rulesetting")
    assert Group.objects.filter(name="Senior moderators").exists()


def test_a_senior_moderator_deletes_an_account_without_notice(senior_moderator, reader):
    from masthead.moderation.roles import ensure_moderator_groups

    ensure_moderator_groups()
    senior = type(senior_moderator).objects.get(pk=senior_moderator.pk)
    response = client_for(senior).post(
        f"/moderation/readers/{reader.pk}/delete/", {"reason": "Spam network account"}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert not reader.is_active
    entry = AuditEntry.objects.get(action="user.delete")
    assert entry.reason == "Spam network account"


def test_a_moderator_cannot_delete_accounts(moderator, reader):
    response = client_for(moderator).post(
        f"/moderation/readers/{reader.pk}/delete/", {"reason": "I want to"}
    )
    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.is_active
