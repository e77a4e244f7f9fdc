"""Editors send a push from the article form: a checkbox, and a "breaking" flag."""

from __future__ import annotations

import pytest

from masthead.notifications import services
from masthead.notifications.models import PushNotification
from tests import factories
from tests.notifications.conftest import PushService


@pytest.fixture
def world(db):
    return factories.section(name="World", slug="world")


def article_form(section, **extra: str) -> dict[str, object]:
    return {
        "headline": "Bridge reopens",
        "slug": "bridge-reopens",
        "standfirst": "Traffic flows again.",
        "section": section.pk,
        "language": "en",
        "status": "published",
        "published_at_0": "2020-12-01",
        "published_at_1": "10:00:00",
        "blocks-TOTAL_FORMS": "0",
        "blocks-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        **extra,
    }


def test_a_ticked_push_goes_to_breaking_and_section_followers(
    client, editor, push_service: PushService, world, django_capture_on_commit_callbacks
):
    follower, breaking = push_service.new_browser(), push_service.new_browser()
    for browser, topic in [(follower, "section:world"), (breaking, "breaking")]:
        services.register_push_subscription(
            endpoint=browser.endpoint, p256dh=browser.p256dh, auth=browser.auth, topics=[topic]
        )
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/newsroom/article/add/",
            article_form(world, send_push="on", push_breaking="on"),
        )

    assert response.status_code == 302
    notification = PushNotification.objects.get()
    assert notification.breaking
    assert notification.sent_by == editor
    assert [p["title"] for p in push_service.payloads_for(follower)] == ["Breaking: Bridge reopens"]
    assert len(push_service.payloads_for(breaking)) == 1


def test_no_push_unless_ticked(client, editor, vapid_keys, world):
    client.force_login(editor)
    response = client.post("/admin/newsroom/article/add/", article_form(world))
    assert response.status_code == 302
    assert not PushNotification.objects.exists()


def test_a_draft_is_not_pushed_and_the_editor_is_told(client, editor, vapid_keys, world):
    client.force_login(editor)
    response = client.post(
        "/admin/newsroom/article/add/",
        article_form(world, status="draft", send_push="on"),
        follow=True,
    )
    assert response.status_code == 200
    assert "Only a published article can be pushed." in response.content.decode()
    assert not PushNotification.objects.exists()


def test_breaking_without_the_push_box_is_pointed_out(client, editor, vapid_keys, world):
    client.force_login(editor)
    response = client.post("/admin/newsroom/article/add/", article_form(world, push_breaking="on"))
    assert response.status_code == 200
    assert "Tick “Send a push notification” as well." in response.content.decode()
    assert not PushNotification.objects.exists()
