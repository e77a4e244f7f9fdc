"""After `load_demo` the demo moderator finds work, an appeal and a dashboard with history."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from masthead.moderation.models import Appeal, Decision

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_moderator_has_a_queue_an_appeal_and_a_history():
    call_command("load_demo", stdout=StringIO())
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
