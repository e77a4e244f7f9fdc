from __future__ import annotations

import time

import pytest
from django.urls import reverse

from tests.accounts.helpers import solved_captcha

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _log_in(client, login: str, password: str):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_repeated_failed_log_ins_lock_the_account_with_a_clear_message(client, verified_reader):
    for _ in range(5):
        assert _log_in(client, verified_reader.email, "wrong").status_code == 400
    locked = _log_in(client, verified_reader.email, PASSWORD)
    assert locked.status_code == 400
    assert "log-in is paused for a few minutes" in locked.content.decode()


def test_the_lockout_lifts_by_itself_after_the_window(client, verified_reader, monkeypatch):
    from allauth.core.internal import ratelimit

    for _ in range(5):
        _log_in(client, verified_reader.email, "wrong")
    assert _log_in(client, verified_reader.email, PASSWORD).status_code == 400

    class Later:
        monotonic = staticmethod(time.monotonic)
        sleep = staticmethod(time.sleep)

        @staticmethod
        def time() -> float:
            return time.time() + 16 * 60

    monkeypatch.setattr(ratelimit, "time", Later)
    assert _log_in(client, verified_reader.email, PASSWORD).status_code == 302


def test_many_log_ins_from_one_address_are_slowed_down(client, settings, verified_reader):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    for _ in range(3):
        _log_in(client, "someone@example.org", "wrong")
    response = _log_in(client, "someone@example.org", "wrong")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_recovery_mails_are_limited_per_address(client, verified_reader):
    codes = [
        client.post(
            reverse("account_reset_password"),
            {"email": verified_reader.email, "captcha": solved_captcha()},
        ).status_code
        for _ in range(4)
    ]
    assert codes[:3] == [302, 302, 302]
    assert codes[3] in {400, 429}


def test_sign_ups_from_one_address_are_limited(client, settings):
    from tests.accounts.helpers import signup_data

    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}
    codes = []
    for n in range(3):
        client.logout()
        codes.append(
            client.post(
                reverse("account_signup"), signup_data(email=f"bulk{n}@example.org")
            ).status_code
        )
    assert codes == [302, 302, 429]
