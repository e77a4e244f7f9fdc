"""A task worker killed mid-task: the task runs again and its effect happens once.

"Killed" is a BaseException raised at the worst moment (after the database commit, before the
clean-up; after a push service accepted a message, before it was recorded), which unwinds the
task as SIGKILL would, minus the process. Then the task runs again, as the queue would.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from masthead.newsroom import counters
from masthead.newsroom.models import Article

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Not an Exception: nothing in the task may catch it, as nothing catches SIGKILL."""


def test_a_view_batch_applied_twice_counts_once(story):
    stamp = counters._hour_stamp(timezone.now())
    counts = {str(story.pk): 7}
    assert counters.apply_view_batch("batch-1", stamp, counts) == 7
    # The worker died after its commit and before it deleted the batch: the re-run is a no-op.
    assert counters.apply_view_batch("batch-1", stamp, counts) == 0
    assert Article.objects.get(pk=story.pk).view_count == 7


def test_a_view_flush_killed_after_its_commit_counts_once_when_run_again(story, settings):
    from django.core.cache import caches

    if not counters.uses_redis():
        pytest.skip("the shared view buffer is in Redis (the PostgreSQL + Redis run)")
    client = counters._redis()
    for key in client.scan_iter(caches["default"].make_key("views:*")):
        client.delete(key)
    request = mock.Mock(headers={"User-Agent": "Mozilla/5.0 Firefox/130.0"}, method="GET")
    for _ in range(5):
        counters.record_view(request, story.pk)
    real_delete = type(client).delete

    def die_before_cleanup(self, *names):
        raise WorkerKilled

    with (
        mock.patch.object(type(client), "delete", die_before_cleanup),
        pytest.raises(WorkerKilled),
    ):
        counters.flush_views()
    assert Article.objects.get(pk=story.pk).view_count == 5
    with mock.patch.object(type(client), "delete", real_delete):
        counters.flush_views()
    assert Article.objects.get(pk=story.pk).view_count == 5


class FakePushService:
    """Records every message a push service accepted; can be made to die after the n-th."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self.die_after: int | None = None

    def channel(self):
        service = self

        class Channel:
            def send(self, subscription, message) -> None:
                service.received.append(subscription.pk)
                if service.die_after is not None and len(service.received) >= service.die_after:
                    service.die_after = None
                    raise WorkerKilled

        return Channel


def _audience(n: int):
    from masthead.notifications.services import register_push_subscription

    return [
        register_push_subscription(
            endpoint=f"https://push.example.org/send/{i}",
            p256dh="B" * 87,
            auth="A" * 22,
            topics=["breaking"],
        )
        for i in range(n)
    ]


def test_a_push_batch_killed_mid_send_delivers_each_push_at_most_once_when_run_again(
    settings,
):
    from masthead.notifications import services
    from masthead.notifications.models import Delivery, PushNotification

    settings.PUSH_CLAIM_SIZE = 2
    settings.PUSH_SEND_THREADS = 1
    subscriptions = _audience(6)
    notification = PushNotification.objects.create(
        kind=PushNotification.Kind.ARTICLE,
        title="Breaking: bridge reopens",
        body="Traffic is back.",
        url="https://news.example.org/articles/bridge/",
        topics=["breaking"],
        breaking=True,
    )
    service = FakePushService()
    service.die_after = 3  # dies inside the second chunk, after the service took message 3
    first, last = subscriptions[0].pk, subscriptions[-1].pk
    with (
        mock.patch.object(services, "WebPushChannel", service.channel()),
        pytest.raises(WorkerKilled),
    ):
        services.send_batch(notification.pk, first, last)
    with mock.patch.object(services, "WebPushChannel", service.channel()):
        services.send_batch(notification.pk, first, last)
    # Nobody got a push twice, and every delivery has one row.
    assert len(service.received) == len(set(service.received))
    assert Delivery.objects.filter(notification=notification).count() == 6
    # The chunk in flight when the worker died is not sent again; it is closed as failed later.
    services.close_stale_claims(now=timezone.now() + timedelta(days=1))
    statuses = set(
        Delivery.objects.filter(notification=notification).values_list("status", flat=True)
    )
    assert statuses <= {Delivery.Status.SENT, Delivery.Status.FAILED}
    sent = Delivery.objects.filter(notification=notification, status=Delivery.Status.SENT)
    assert sent.count() >= 4
