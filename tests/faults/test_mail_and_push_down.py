"""SMTP and push services down: the page answers at once, and nothing is lost: it is retried."""

from __future__ import annotations

import socket
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from masthead.accounts.models import OutgoingMail

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_password_reset_with_smtp_down_answers_and_the_mail_goes_out_later(
    reader, settings, request, django_capture_on_commit_callbacks
):
    from tests.accounts.helpers import solved_captcha

    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": _closed_port(), "timeout": 2},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = Client(raise_request_exception=False).post(
            "/accounts/password/reset/", {"email": reader.email, "captcha": solved_captcha()}
        )
    assert response.status_code == 302
    assert OutgoingMail.objects.filter(to=reader.email).count() == 1, "kept for a retry"

    sink = request.getfixturevalue("smtp_sink")  # SMTP is back
    OutgoingMail.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    from masthead.accounts import tasks

    tasks.retry_unsent_mail.call()
    assert len(sink.wait_for(reader.email)) == 1
    assert not OutgoingMail.objects.exists()


def test_the_mail_retry_is_scheduled():
    from masthead.accounts import tasks

    assert ("masthead.accounts.tasks.retry_unsent_mail", 60) in tasks.SCHEDULE


def test_a_push_service_that_is_down_leaves_the_delivery_waiting_for_a_retry(settings):
    from masthead.notifications import services
    from masthead.notifications.channels.base import RetryableError
    from masthead.notifications.models import Delivery, PushNotification
    from tests.faults.test_worker_killed import _audience

    (subscription,) = _audience(1)
    notification = PushNotification.objects.create(
        kind=PushNotification.Kind.ARTICLE,
        title="Bridge reopens",
        body="Traffic is back.",
        url="https://news.example.org/articles/bridge/",
        topics=["breaking"],
    )

    class Down:
        def send(self, subscription, message):
            raise RetryableError("connection refused")

    delivered: list[int] = []

    class Up:
        def send(self, subscription, message):
            delivered.append(subscription.pk)

    with mock.patch.object(services, "WebPushChannel", Down):
        services.send_batch(notification.pk, subscription.pk, subscription.pk)
    delivery = Delivery.objects.get(notification=notification)
    assert delivery.status == Delivery.Status.RETRY
    assert delivery.next_attempt_at is not None
    with mock.patch.object(services, "WebPushChannel", Up):
        services.retry_due_deliveries(now=timezone.now() + timedelta(hours=7))
    assert delivered == [subscription.pk]
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
