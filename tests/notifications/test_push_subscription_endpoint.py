"""Browsers register their push subscription with us; anything malformed gets a clear 400."""

from __future__ import annotations

import base64
import json

import pytest
from django.test import Client
from django.urls import reverse

from masthead.notifications.models import PushSubscription
from tests import factories
from tests.notifications.conftest import Browser, PushService

URL = "/notifications/push/subscriptions/"


def post(client: Client, data: object, **extra):
    body = data if isinstance(data, (bytes, str)) else json.dumps(data)
    return client.post(URL, body, content_type="application/json", **extra)


@pytest.fixture
def browser(push_service: PushService, db) -> Browser:
    return push_service.new_browser()


@pytest.fixture
def world(db):
    return factories.section(name="World", slug="world")


def test_an_anonymous_reader_subscribes_to_breaking_news_by_default(client, browser):
    response = post(client, {"subscription": browser.subscription_json()})

    assert response.status_code == 201
    assert response.json() == {"topics": ["breaking"]}
    subscription = PushSubscription.objects.get()
    assert subscription.endpoint == browser.endpoint
    assert subscription.user is None


def test_a_second_post_adds_topics_to_the_same_browser(client, browser, world):
    factories.tag("Climate")
    post(client, {"subscription": browser.subscription_json()})
    response = post(
        client,
        {"subscription": browser.subscription_json(), "topics": ["section:world", "tag:climate"]},
    )

    assert response.json() == {"topics": ["breaking", "section:world", "tag:climate"]}
    assert PushSubscription.objects.count() == 1


def test_a_signed_in_readers_subscription_follows_the_account(client, browser, reader):
    client.force_login(reader)
    response = post(
        client,
        {"subscription": browser.subscription_json(), "topics": ["breaking", "replies"]},
    )

    assert response.status_code == 201
    assert PushSubscription.objects.get().user == reader


def test_replies_are_for_signed_in_readers_only(client, browser):
    response = post(client, {"subscription": browser.subscription_json(), "topics": ["replies"]})

    assert response.status_code == 400
    assert response.json()["field"] == "topics"
    assert "signed-in" in response.json()["error"]


def test_it_needs_the_csrf_token(browser, push_service):
    client = Client(enforce_csrf_checks=True)
    assert post(client, {"subscription": browser.subscription_json()}).status_code == 403

    token = client.get(reverse("notifications:push_config")).json()["csrfToken"]
    response = post(client, {"subscription": browser.subscription_json()}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_the_config_gives_the_public_key_and_is_never_cached(client, vapid_keys):
    response = client.get(reverse("notifications:push_config"))
    assert response.json()["publicKey"] == vapid_keys
    assert "no-cache" in response["Cache-Control"]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda s: s.update(endpoint="http://push.example/x"), "endpoint", "https"),
        (lambda s: s.update(endpoint="https://"), "endpoint", "https"),
        (lambda s: s.update(endpoint=42), "endpoint", "text"),
        (lambda s: s.update(endpoint="https://push.example/" + "a" * 1000), "endpoint", "longer"),
        (lambda s: s.pop("keys"), "keys", "required"),
        (lambda s: s["keys"].update(p256dh="not base64!"), "keys.p256dh", "base64url"),
        (lambda s: s["keys"].update(p256dh=_b64(b"\x04" + b"\x01" * 40)), "keys.p256dh", "65"),
        (lambda s: s["keys"].update(p256dh=_b64(b"\x04" + b"\x01" * 64)), "keys.p256dh", "curve"),
        (lambda s: s["keys"].update(auth=_b64(b"short")), "keys.auth", "16 bytes"),
        (lambda s: s["keys"].pop("auth"), "keys.auth", "base64url"),
    ],
)
def test_it_rejects_a_malformed_subscription(client, browser, change, field, words):
    subscription = browser.subscription_json()
    change(subscription)

    response = post(client, {"subscription": subscription})

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert words in response.json()["error"]
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"{not json", "body"),
        (b"\xff\xfe", "body"),
        ("[1, 2]", "body"),
        (json.dumps({"x": "y" * 9000}), "body"),
        ({"topics": ["breaking"]}, "subscription"),
    ],
)
def test_it_rejects_a_body_that_is_not_a_subscription(client, vapid_keys, body, field):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["field"] == field


@pytest.mark.parametrize(
    "topics", [[], "breaking", [1], ["section:nowhere"], ["tag:unknown"], ["everything"]]
)
def test_it_rejects_unknown_topics(client, browser, world, topics):
    response = post(client, {"subscription": browser.subscription_json(), "topics": topics})
    assert response.status_code == 400
    assert response.json()["field"] == "topics"


def test_get_is_not_allowed(client, vapid_keys):
    assert client.get(URL).status_code == 405


def test_without_vapid_keys_subscribing_is_refused_politely(client, settings, db):
    from masthead.notifications import vapid

    settings.VAPID_PRIVATE_KEY = ""
    settings.VAPID_PRIVATE_KEY_FILE = "/nonexistent/key.pem"
    vapid.forget_cached()
    response = post(client, {"subscription": {}})
    assert response.status_code == 409


def test_unsubscribing_removes_topics_or_the_whole_subscription(client, browser, world):
    post(
        client,
        {"subscription": browser.subscription_json(), "topics": ["breaking", "section:world"]},
    )
    unsubscribe = "/notifications/push/unsubscribe/"

    response = client.post(
        unsubscribe,
        json.dumps({"endpoint": browser.endpoint, "topics": ["breaking"]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert PushSubscription.objects.get().topic_keys() == ["section:world"]

    response = client.post(
        unsubscribe, json.dumps({"endpoint": browser.endpoint}), content_type="application/json"
    )
    assert response.status_code == 200
    assert not PushSubscription.objects.exists()

    again = client.post(
        unsubscribe, json.dumps({"endpoint": browser.endpoint}), content_type="application/json"
    )
    assert again.status_code == 404
    bad = client.post(
        unsubscribe, json.dumps({"endpoint": "ftp://x"}), content_type="application/json"
    )
    assert bad.status_code == 400
