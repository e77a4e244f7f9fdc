from __future__ import annotations

import base64
import json
import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from masthead.accounts import captcha
from tests.accounts.helpers import challenge_from_page, signup_data, solve, solved_captcha

pytestmark = pytest.mark.django_db


def _refused(client, value: str) -> str:
    response = client.post(reverse("account_signup"), signup_data(captcha=value))
    assert response.status_code == 400
    assert not get_user_model().objects.filter(email="new.reader@example.org").exists()
    return response.content.decode()


def test_a_solution_from_the_page_is_accepted(client):
    page = client.get(reverse("account_signup")).content.decode()
    value = solve(challenge_from_page(page))
    response = client.post(reverse("account_signup"), signup_data(captcha=value))
    assert response.status_code == 302


def test_signup_without_a_solution_is_refused_with_a_message(client):
    assert "anti-robot check has not finished" in _refused(client, "")


def test_garbage_is_refused(client):
    assert "did not pass" in _refused(client, "not base64 at all!")
    assert "did not pass" in _refused(client, base64.b64encode(b"[1, 2]").decode())


def test_a_wrong_number_is_refused(client):
    payload = json.loads(base64.b64decode(solved_captcha()))
    payload["number"] += 1
    assert "did not pass" in _refused(
        client, base64.b64encode(json.dumps(payload).encode()).decode()
    )


def test_a_challenge_signed_with_another_key_is_refused(client, settings):
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    foreign = solved_captcha()
    settings.SECRET_KEY = settings.SECRET_KEY.removeprefix("another-")
    assert "did not pass" in _refused(client, foreign)


def test_an_expired_solution_is_refused(client, monkeypatch):
    value = solved_captcha()
    later = time.time() + 3600
    monkeypatch.setattr(captcha.time, "time", lambda: later)
    assert "expired" in _refused(client, value)


def test_a_solution_cannot_be_replayed(client):
    value = solved_captcha()
    first = client.post(reverse("account_signup"), signup_data(captcha=value))
    assert first.status_code == 302
    client.logout()
    page = _refused_for_other_address(client, value)
    assert "already used" in page


def _refused_for_other_address(client, value: str) -> str:
    response = client.post(
        reverse("account_signup"), signup_data(email="second@example.org", captcha=value)
    )
    assert response.status_code == 400
    return response.content.decode()


def test_password_recovery_needs_the_captcha_too(client, reader):
    response = client.post(
        reverse("account_reset_password"), {"email": reader.email, "captcha": ""}
    )
    assert response.status_code == 400
    assert "anti-robot check" in response.content.decode()
    ok = client.post(
        reverse("account_reset_password"), {"email": reader.email, "captcha": solved_captcha()}
    )
    assert ok.status_code == 302


def test_the_captcha_script_is_served_by_us(client):
    page = client.get(reverse("account_reset_password")).content.decode()
    assert 'src="/static/accounts/captcha.js"' in page
    assert "https://" not in page.split("<footer")[0].split("</head>")[0].replace(
        'rel="alternate"', ""
    )
