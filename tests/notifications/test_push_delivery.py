"""An article push reaches the push service encrypted and signed, once per subscription."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.notifications import services
from masthead.notifications.models import Delivery, PushNotification, PushSubscription
from tests import factories
from tests.notifications.conftest import Browser, PushService


def subscribe(browser: Browser, *topics: str, user=None) -> PushSubscription:
    return services.register_push_subscription(
        endpoint=browser.endpoint,
        p256dh=browser.p256dh,
        auth=browser.auth,
        topics=topics,
        user=user,
    )


@pytest.fixture
def world(db):
    return factories.section(name="World", slug="world")


def test_it_delivers_an_encrypted_signed_push_to_section_followers(
    push_service: PushService, world, django_capture_on_commit_callbacks
):
    follower, stranger = push_service.new_browser(), push_service.new_browser()
    subscribe(follower, "section:world")
    subscribe(stranger, "section:sport")
    article = factories.article(
        headline="Talks resume", standfirst="Both sides agree.", section=world
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.send_article_push(article)

    assert push_service.rejected == []
    assert push_service.payloads_for(follower) == [
        {
            "title": "Talks resume",
            "body": "Both sides agree.",
            "url": f"http://127.0.0.1:8000{article.get_absolute_url()}",
            "tag": f"n{PushNotification.objects.get().pk}",
        }
    ]
    assert push_service.payloads_for(stranger) == []
    received = push_service.received[0]
    assert received.claims["aud"] == push_service.origin
    assert received.claims["sub"] == "mailto:desk@example.org"
    assert received.headers["ttl"] == "86400"
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_breaking_news_also_reaches_breaking_followers_and_tag_followers_once(
    push_service: PushService, world, django_capture_on_commit_callbacks
):
    breaking, tag_follower, both = (push_service.new_browser() for _ in range(3))
    subscribe(breaking, "breaking")
    subscribe(tag_follower, "tag:elections")
    subscribe(both, "breaking", "section:world", "tag:elections")
    article = factories.article(headline="Polls close", section=world, tags=["Elections"])

    with django_capture_on_commit_callbacks(execute=True):
        services.send_article_push(article, breaking=True)

    for browser in (breaking, tag_follower, both):
        payloads = push_service.payloads_for(browser)
        assert [p["title"] for p in payloads] == ["Breaking: Polls close"]
    assert push_service.received[0].headers["urgency"] == "high"


def test_it_refuses_to_push_an_unpublished_article(vapid_keys, world):
    draft = factories.article(section=world, status="draft")
    with pytest.raises(ValueError, match="published"):
        services.send_article_push(draft)


def test_the_fan_out_is_split_into_keyset_batches(
    push_service: PushService, world, settings, django_capture_on_commit_callbacks
):
    settings.PUSH_BATCH_SIZE = 2
    settings.PUSH_CLAIM_SIZE = 1
    browsers = [push_service.new_browser() for _ in range(5)]
    for browser in browsers:
        subscribe(browser, "section:world")
    article = factories.article(section=world)

    with django_capture_on_commit_callbacks(execute=True):
        notification = services.send_article_push(article)

    assert services.plan_fanout(notification.pk) == 3  # 2 + 2 + 1
    assert all(len(push_service.payloads_for(b)) == 1 for b in browsers)


def test_a_rerun_batch_sends_nothing_twice(
    push_service: PushService, world, django_capture_on_commit_callbacks
):
    browsers = [push_service.new_browser() for _ in range(3)]
    subs = [subscribe(b, "section:world") for b in browsers]
    article = factories.article(section=world)
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.send_article_push(article)
    assert len(push_service.received) == 3

    again = services.send_batch(notification.pk, subs[0].pk, subs[-1].pk)

    assert again.sent == 0
    assert again.skipped == 3
    assert len(push_service.received) == 3


def test_a_worker_dying_mid_batch_leaves_the_rest_for_the_rerun(
    push_service: PushService, world, settings
):
    """Deliveries claimed by the dead worker are not repeated; the unclaimed ones are sent."""
    settings.PUSH_CLAIM_SIZE = 1
    browsers = [push_service.new_browser() for _ in range(3)]
    subs = [subscribe(b, "section:world") for b in browsers]
    article = factories.article(section=world)
    notification = PushNotification.objects.create(
        kind="article", title="t", url="/", topics=["section:world"], article=article
    )
    # What a worker leaves behind when it dies after claiming the first subscription.
    Delivery.objects.create(
        notification=notification, subscription_id=subs[0].pk, status="sending", claim="dead"
    )

    result = services.send_batch(notification.pk, subs[0].pk, subs[-1].pk)

    assert (result.sent, result.skipped) == (2, 1)
    assert push_service.payloads_for(browsers[0]) == []
    assert len(push_service.payloads_for(browsers[1])) == 1


@pytest.mark.parametrize("status", [404, 410])
def test_an_expired_subscription_is_removed(push_service: PushService, world, status):
    browser = push_service.new_browser()
    sub = subscribe(browser, "section:world")
    push_service.answer(browser, status)
    notification = services.send_article_push(factories.article(section=world))

    result = services.send_batch(notification.pk, sub.pk, sub.pk)

    assert result.gone == 1
    assert not PushSubscription.objects.filter(pk=sub.pk).exists()
    assert Delivery.objects.get().status == Delivery.Status.GONE


def test_a_throttled_push_waits_for_retry_after_then_is_sent(push_service: PushService, world):
    browser = push_service.new_browser()
    sub = subscribe(browser, "section:world")
    push_service.answer(browser, (429, {"Retry-After": "600"}), 201)
    notification = services.send_article_push(factories.article(section=world))

    first = services.send_batch(notification.pk, sub.pk, sub.pk)

    delivery = Delivery.objects.get()
    assert first.retry == 1
    assert delivery.status == Delivery.Status.RETRY
    assert delivery.next_attempt_at is not None
    assert delivery.next_attempt_at >= timezone.now() + timedelta(seconds=590)
    assert services.retry_due_deliveries().sent == 0  # not yet due
    later = services.retry_due_deliveries(now=timezone.now() + timedelta(seconds=601))
    assert later.sent == 1
    assert len(push_service.payloads_for(browser)) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_server_errors_back_off_and_give_up_after_the_last_attempt(
    push_service: PushService, world, settings
):
    settings.PUSH_MAX_ATTEMPTS = 3
    browser = push_service.new_browser()
    sub = subscribe(browser, "section:world")
    push_service.answer(browser, 500)
    notification = services.send_article_push(factories.article(section=world))
    services.send_batch(notification.pk, sub.pk, sub.pk)
    delays = []
    for _ in range(2):
        delivery = Delivery.objects.get()
        assert delivery.next_attempt_at is not None
        delays.append((delivery.next_attempt_at - delivery.updated_at).total_seconds())
        services.retry_due_deliveries(now=timezone.now() + timedelta(days=1))

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 3
    assert "500" in delivery.error
    assert delays[1] == pytest.approx(2 * delays[0], rel=0.01)  # exponential back-off
    assert PushSubscription.objects.filter(pk=sub.pk).exists()  # 5xx is not the reader's fault


def test_paused_subscriptions_receive_nothing(
    push_service: PushService, world, reader, django_capture_on_commit_callbacks
):
    browser = push_service.new_browser()
    sub = subscribe(browser, "section:world", user=reader)
    PushSubscription.objects.filter(pk=sub.pk).update(paused=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_article_push(factories.article(section=world))
    assert push_service.received == []


def test_a_claim_left_by_a_dead_worker_is_closed_as_failed_not_resent(db):
    notification = PushNotification.objects.create(kind="article", title="t", url="/")
    Delivery.objects.create(notification=notification, subscription_id=1, status="sending")
    assert services.close_stale_claims() == 0  # could still be in flight

    assert services.close_stale_claims(now=timezone.now() + timedelta(hours=2)) == 1
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert "not repeated" in delivery.error
