"""The daily section digest by e-mail: double opt-in, one-click unsubscribe, once a day."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.notifications import services
from masthead.notifications.models import DigestSend, NewsletterSubscription
from tests import factories
from tests.notifications.conftest import html_of, text_of

SUBSCRIBE = "/notifications/newsletter/"


@pytest.fixture
def world(db):
    return factories.section(name="World", slug="world")


def link_in(mail, path: str) -> str:
    found = re.search(rf"http://127\.0\.0\.1:8000({path}[^\s\"<>]+)", text_of(mail))
    assert found, text_of(mail)
    return found.group(1)


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """The form's POST, with what it enqueues after commit run (the test is one transaction)."""

    def run(data: dict[str, str]):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SUBSCRIBE, data)

    return run


@pytest.fixture
def sign_up(post, smtp_sink):
    def run(email: str = "ann@example.org") -> str:
        response = post({"email": email, "section": "world"})
        assert response.status_code == 200
        return link_in(smtp_sink.last(), "/notifications/newsletter/confirm/")

    return run


@pytest.fixture
def confirmed(client, sign_up):
    def run(email: str = "ann@example.org") -> NewsletterSubscription:
        client.get(sign_up(email))
        return NewsletterSubscription.objects.get(email=email)

    return run


def test_signing_up_sends_a_confirmation_link_and_nothing_else(post, smtp_sink, world):
    response = post({"email": "Ann@Example.ORG", "section": "world"})

    assert "Check your inbox" in response.content.decode()
    mail = smtp_sink.last()
    assert mail["To"] == "Ann@example.org"
    assert "World" in mail["Subject"]
    assert "/notifications/newsletter/confirm/" in html_of(mail)
    assert NewsletterSubscription.objects.get().status == "pending"


def test_the_link_confirms_the_subscription(client, sign_up, world):
    response = client.get(sign_up())

    assert response.status_code == 200
    assert "Subscription confirmed" in response.content.decode()
    assert NewsletterSubscription.objects.get().status == "confirmed"


def test_an_expired_or_forged_link_is_refused(client, sign_up, world, settings):
    link = sign_up()
    assert client.get(link[:-3] + "xyz/").status_code == 400
    settings.NEWSLETTER_CONFIRM_DAYS = 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: datetime.now().timestamp() + 2 * 86400)  # noqa: DTZ005
        response = client.get(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert NewsletterSubscription.objects.get().status == "pending"


@pytest.mark.parametrize(
    "data", [{"email": "not-an-address", "section": "world"}, {"email": "a@b.org", "section": "x"}]
)
def test_bad_input_gets_a_clear_400(post, smtp_sink, world, data):
    response = post(data)
    assert response.status_code == 400
    assert smtp_sink.messages == []


def test_signing_up_again_once_confirmed_sends_nothing(post, confirmed, smtp_sink, world):
    confirmed()
    count = len(smtp_sink.messages)
    response = post({"email": "ann@example.org", "section": "world"})
    assert response.status_code == 200  # the same answer: no probing of who is subscribed
    assert len(smtp_sink.messages) == count


def last_seven_am() -> datetime:
    """The latest 7 o'clock already past: articles before it are published for real."""
    today = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    at = today + timedelta(hours=7)
    return at if at <= timezone.now() else at - timedelta(days=1)


def test_the_digest_goes_out_once_a_day_with_one_click_unsubscribe(
    confirmed, smtp_sink, world, settings
):
    settings.NEWSLETTER_DIGEST_HOUR = 7
    confirmed()
    at = last_seven_am()
    factories.article(
        headline="Ceasefire holds", section=world, published_at=at - timedelta(hours=3)
    )
    factories.article(headline="Old news", section=world, published_at=at - timedelta(days=3))
    before = len(smtp_sink.messages)

    assert services.send_daily_digests(now=at - timedelta(hours=1)) == 0  # 6 o'clock: too early
    assert services.send_daily_digests(now=at) == 1
    assert services.send_daily_digests(now=at + timedelta(hours=2)) == 0  # same day again

    assert len(smtp_sink.messages) == before + 1
    digest = smtp_sink.last()
    assert "Ceasefire holds" in text_of(digest)
    assert "Old news" not in text_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.fullmatch(r"<http://127\.0\.0\.1:8000(.+)>", digest["List-Unsubscribe"])
    assert unsubscribe_url

    # What a mail program does for RFC 8058: a POST, no cookies, no CSRF token.
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe_url.group(1), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NewsletterSubscription.objects.get().status == "unsubscribed"
    assert services.send_daily_digests(now=at + timedelta(days=1)) == 0


def test_opening_the_unsubscribe_link_only_asks(client, confirmed, world):
    subscription = confirmed()
    token = services.newsletter_token(subscription, "unsubscribe")

    response = client.get(f"/notifications/newsletter/unsubscribe/{token}/")

    assert response.status_code == 200
    assert "<form" in response.content.decode()
    assert NewsletterSubscription.objects.get().status == "confirmed"
    confirm_token = services.newsletter_token(subscription, "confirm")
    assert client.post(f"/notifications/newsletter/unsubscribe/{confirm_token}/").status_code == 400


def test_a_day_without_news_sends_no_empty_digest(confirmed, smtp_sink, world):
    confirmed()
    before = len(smtp_sink.messages)
    assert services.send_daily_digests(now=last_seven_am()) == 0
    assert len(smtp_sink.messages) == before


def test_a_digest_claimed_by_another_worker_is_not_sent_again(confirmed, smtp_sink, world):
    subscription = confirmed()
    at = last_seven_am()
    factories.article(section=world, published_at=at - timedelta(hours=1))
    DigestSend.objects.create(subscription=subscription, day=timezone.localdate(at))
    before = len(smtp_sink.messages)
    assert services.send_daily_digests(now=at) == 0
    assert len(smtp_sink.messages) == before


def test_a_mail_server_outage_leaves_the_digest_for_the_next_run(confirmed, world, settings):
    subscription = confirmed()
    at = last_seven_am()
    factories.article(section=world, published_at=at - timedelta(hours=1))
    good = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    assert services.send_daily_digests(now=at) == 0
    assert not DigestSend.objects.filter(subscription=subscription).exists()
    settings.MAILERS = good
    assert services.send_daily_digests(now=at) == 1
