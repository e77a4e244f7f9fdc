"""After `load_demo` the demo moderator finds work, an appeal and a dashboard with history."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from masthead.discussion.models import Comment
from masthead.moderation.models import Appeal, Decision
from masthead.standards import distil

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_moderator_has_a_queue_an_appeal_and_a_history():
    out = StringIO()
    call_command("load_demo", stdout=out)
    moderator = get_user_model().objects.get(username="moderator")
    client = client_for(moderator)
    queue = client.get("/moderation/")
    assert queue.status_code == 200
    sources = {item.source for item in queue.context["page"].items}
    assert {"held", "reported"} <= sources
    appeal = Appeal.objects.get(status="pending")
    assert appeal.user.username == "bea_blocked"
    assert "bea_blocked" in client.get("/moderation/appeals/").content.decode()
    assert Decision.objects.values("created_at__date").distinct().count() >= 14
    assert client.get("/moderation/dashboard/").status_code == 200
    if distil.installed_encoder() is not None:
        # One demo reply is published by the engine and held by the second look.
        assert "(1 by the second look)" in out.getvalue()
        kettle = Comment.objects.get(text__contains="kettle that never quite boils")
        assert kettle.status == Comment.Status.HELD
        assert kettle.verdict["findings"][0]["detail"].startswith("second look:")
        assert kettle.pk in {item.comment.pk for item in queue.context["page"].items}
