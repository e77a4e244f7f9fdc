"""Account lifecycle hooks: pause on deactivation, resume on restore, erase on purge, export."""

from __future__ import annotations

import json

from masthead.notifications import lifecycle, services
from masthead.notifications.models import (
    NewsletterSubscription,
    NotificationPreference,
    PushNotification,
    PushSubscription,
)
from tests import factories
from tests.notifications.conftest import PushService


def subscribe(push_service: PushService, user, *topics: str) -> PushSubscription:
    browser = push_service.new_browser()
    return services.register_push_subscription(
        endpoint=browser.endpoint,
        p256dh=browser.p256dh,
        auth=browser.auth,
        topics=topics,
        user=user,
    )


def test_deactivation_pauses_and_restore_resumes_only_that_readers_pushes(
    push_service, reader, other_reader
):
    mine = subscribe(push_service, reader, "breaking")
    theirs = subscribe(push_service, other_reader, "breaking")

    assert lifecycle.on_deactivate(reader) == 1
    assert list(PushSubscription.objects.active()) == [theirs]

    assert lifecycle.on_restore(reader) == 1
    assert set(PushSubscription.objects.active()) == {mine, theirs}


def test_purge_erases_subscriptions_preferences_newsletters_and_events(
    push_service, reader, other_reader
):
    subscribe(push_service, reader, "breaking", "replies")
    kept = subscribe(push_service, other_reader, "breaking")
    NotificationPreference.objects.create(user=reader, email_replies=True)
    section = factories.section()
    NewsletterSubscription.objects.create(email="READER@example.org", section=section)
    NewsletterSubscription.objects.create(email="other_reader@example.org", section=section)
    PushNotification.objects.create(kind="event", title="t", url="/", recipient=reader)

    lifecycle.on_purge(reader)

    assert list(PushSubscription.objects.all()) == [kept]
    assert not NotificationPreference.objects.filter(user=reader).exists()
    assert list(NewsletterSubscription.objects.values_list("email", flat=True)) == [
        "other_reader@example.org"
    ]
    assert not PushNotification.objects.filter(recipient=reader).exists()


def test_export_lists_everything_kept_about_the_reader_as_json(push_service, reader):
    sub = subscribe(push_service, reader, "breaking", "replies")
    NotificationPreference.objects.create(user=reader, email_decisions=True)
    section = factories.section(name="World", slug="world")
    NewsletterSubscription.objects.create(email="reader@example.org", section=section, user=reader)

    data = lifecycle.export(reader)

    json.dumps(data)  # plain data only
    assert data["push_subscriptions"][0]["endpoint"] == sub.endpoint
    assert data["push_subscriptions"][0]["topics"] == ["breaking", "replies"]
    assert data["email_preferences"] == {"replies": False, "decisions": True}
    assert data["newsletters"][0]["section"] == "World"
    assert data["newsletters"][0]["status"] == "pending"


def test_export_of_a_reader_with_nothing_is_empty(reader):
    assert lifecycle.export(reader) == {
        "push_subscriptions": [],
        "email_preferences": {"replies": False, "decisions": False},
        "newsletters": [],
        "notifications_received": [],
    }
