"""Authentication: lock-outs nobody can abuse, no enumeration, sessions, CSRF, redirects.

Related cases live beside the accounts app and are counted in SECURITY.md:
tests/accounts/test_enumeration.py (same messages), test_rate_limits.py (lockout lifts after
the window), test_social_sign_in.py (no take-over by a network's address), test_captcha.py
(replay refused).
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import solved_captcha

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ATTACKER = "203.0.113.9"
READER_HOME = "198.51.100.7"


def _log_in(client: Client, login: str, password: str, address: str = READER_HOME):
    return client.post(
        reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=address
    )


def test_a_third_party_guessing_cannot_lock_the_reader_out(reader):
    attacker = Client()
    for _ in range(20):
        _log_in(attacker, reader.email, "guess", ATTACKER)
    # The guesser is stopped, even with the right password...
    assert _log_in(attacker, reader.email, PASSWORD, ATTACKER).status_code == 400
    # ...while the reader, from their own address, logs in as usual.
    assert _log_in(Client(), reader.email, PASSWORD).status_code == 302


def test_failed_log_ins_are_throttled_per_account_and_address(reader):
    client = Client()
    statuses = [_log_in(client, reader.email, "guess", ATTACKER).status_code for _ in range(6)]
    assert statuses == [400] * 6
    locked = _log_in(client, reader.email, PASSWORD, ATTACKER)
    assert "paused for a few minutes" in locked.content.decode()


def test_one_address_guessing_many_accounts_is_throttled(db, settings):
    from django.contrib.auth import get_user_model

    for n in range(15):
        get_user_model().objects.create_user(f"victim{n}", f"victim{n}@example.org", PASSWORD)
    client = Client()
    answers = [
        _log_in(client, f"victim{n}@example.org", "guess", ATTACKER).content.decode()
        for n in range(15)
    ]
    assert any("too many" in a.lower() or "paused" in a.lower() for a in answers[10:])


def test_log_in_with_a_known_and_an_unknown_address_take_about_the_same_time(reader, settings):
    """Coarse, statistical: interleaved samples, medians compared with a generous bound.

    Real Argon2 for this test (the suite otherwise uses a fast hasher), since the hash is the
    cost an attacker would time. The bound tells "the same work" from "one more password hash",
    not small differences, so a busy shared machine does not make it flaky.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    reader.set_password(PASSWORD)
    reader.save()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": False}
    known: list[float] = []
    unknown: list[float] = []
    client = Client()
    for n in range(12):
        for login, samples in [(reader.email, known), (f"nobody{n}@example.org", unknown)]:
            started = time.perf_counter()
            response = _log_in(client, login, "wrong password", f"192.0.2.{n}")
            samples.append(time.perf_counter() - started)
            assert response.status_code == 400
    ratio = statistics.median(known) / statistics.median(unknown)
    assert 0.6 < ratio < 1.6, (statistics.median(known), statistics.median(unknown))


def test_recovery_queues_a_mail_task_for_known_and_unknown_addresses_alike(
    reader, django_capture_on_commit_callbacks
):
    from masthead.accounts.models import OutgoingMail

    client = Client()
    for address in [reader.email, "nobody@example.org"]:
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(
                reverse("account_reset_password"), {"email": address, "captcha": solved_captcha()}
            )
        assert response.status_code == 302
        assert response["Location"] == reverse("account_reset_password_done")
        assert len(callbacks) == 1, "one mail task, whoever asks"
    assert OutgoingMail.objects.count() == 2


def test_logging_in_gives_a_new_session_key(reader):
    client = Client()
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    assert _log_in(client, reader.email, PASSWORD).status_code == 302
    assert client.session.session_key != before


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
        "/%2F%2Fevil.example",
        " //evil.example",
        "\t//evil.example",
    ],
)
def test_log_in_never_redirects_to_another_site(reader, target):
    response = Client().post(
        reverse("account_login") + "?next=" + target,
        {"login": reader.email, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert "evil.example" not in location.replace("%2F%2Fevil", "")
    assert not location.startswith(("//", "/\\", "\\", "javascript:", "http://", "https://"))


def test_forms_refuse_a_post_without_the_csrf_token(story, reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    for url, data in [
        (f"/articles/{story.slug}/comments/", {"text": "A forged comment."}),
        ("/accounts/profile/", {"display_name": "Forged"}),
        ("/accounts/export/", {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    response = client.post(
        f"/api/articles/{story.slug}/comments",
        '{"text": "A forged comment."}',
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
    from masthead.discussion.models import Comment

    assert not Comment.objects.exists()


def test_a_captcha_solution_is_accepted_once(db):
    solution = solved_captcha()
    client = Client()
    first = client.post(
        reverse("account_reset_password"), {"email": "a@example.org", "captcha": solution}
    )
    again = client.post(
        reverse("account_reset_password"), {"email": "b@example.org", "captcha": solution}
    )
    assert first.status_code == 302
    assert again.status_code == 400


def test_sign_up_with_a_known_and_a_new_address_take_about_the_same_time(reader, settings):
    """Coarse, statistical, as the log-in timing test above: a known address must not skip
    the password hash a new account costs."""
    from tests.accounts.helpers import signup_data

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": False}
    known: list[float] = []
    new: list[float] = []
    for n in range(10):
        for address, samples in [(reader.email, known), (f"new{n}@example.org", new)]:
            data = signup_data(email=address, display_name=f"Reader {n}")
            started = time.perf_counter()
            response = Client().post(reverse("account_signup"), data, REMOTE_ADDR=f"192.0.2.{n}")
            samples.append(time.perf_counter() - started)
            assert response.status_code == 302, response.content[:300]
    ratio = statistics.median(known) / statistics.median(new)
    assert 0.6 < ratio < 1.6, (statistics.median(known), statistics.median(new))
