"""Nobody can learn from our answers whether an address has an account."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse

from masthead.accounts.models import OutgoingMail
from tests.accounts.helpers import signup_data, solved_captcha

pytestmark = pytest.mark.django_db


def _normalise(html: str) -> str:
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"<!--hole:clock-->.*?<!--/hole-->", "", html, flags=re.DOTALL)
    return re.sub(r'data-challenge="[^"]+"', "", html)


def test_signup_with_a_known_address_looks_like_signup_with_a_new_one(
    client, verified_reader, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_signup"), signup_data(email=verified_reader.email))
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(reverse("account_signup"), signup_data(email="fresh@example.org"))
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Both addresses get a mail; only the mailbox owner learns which kind.
    [to_known] = smtp_sink.wait_for(verified_reader.email)
    [to_unknown] = smtp_sink.wait_for("fresh@example.org")
    assert "already have an account" in str(to_known["Subject"])
    assert "confirm" in str(to_unknown["Subject"]).lower()


def test_password_recovery_answers_the_same_for_known_and_unknown_addresses(
    client, verified_reader, smtp_sink, django_capture_on_commit_callbacks
):
    answers = []
    for email in [verified_reader.email, "nobody@example.org"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("account_reset_password"), {"email": email, "captcha": solved_captcha()}
            )
        answers.append((response.status_code, response["Location"]))
        followed = client.get(response["Location"])
        answers.append((followed.status_code, _normalise(followed.content.decode())))
    assert answers[0] == answers[2]
    assert answers[1] == answers[3]
    assert smtp_sink.wait_for(verified_reader.email)
    assert smtp_sink.wait_for("nobody@example.org")


def test_a_failed_log_in_says_the_same_for_known_and_unknown_addresses(client, verified_reader):
    pages = []
    for login in [verified_reader.email, "nobody@example.org"]:
        response = client.post(reverse("account_login"), {"login": login, "password": "wrong"})
        assert response.status_code == 400
        pages.append(_normalise(response.content.decode()).replace(login, "LOGIN"))
    assert pages[0] == pages[1]


class CountingHasher(Argon2PasswordHasher):
    """The production hasher, counting the hashes it computes (the costly, timeable part)."""

    hashes = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.hashes += 1
        return super().encode(password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        CountingHasher.hashes += 1
        return super().verify(password, encoded)


def _hashes_and_mails(call) -> tuple[int, int]:
    hashes, mails = CountingHasher.hashes, OutgoingMail.objects.count()
    call()
    return CountingHasher.hashes - hashes, OutgoingMail.objects.count() - mails


def test_log_in_and_recovery_do_the_same_costly_work_for_known_and_unknown(
    client, verified_reader, settings
):
    # Timing is what leaks, but timings are noise on a shared machine; what makes the time is
    # countable. A failed log-in costs the same password hashes whether the address is known or not
    # (an unknown one must pay for a hash too); recovery renders and queues one mail either
    # way, and no request waits on SMTP.
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    verified_reader.set_password("correct horse battery staple")
    verified_reader.save()
    settings.ACCOUNT_RATE_LIMITS = False

    def log_in(login: str):
        return lambda: client.post(reverse("account_login"), {"login": login, "password": "x"})

    def recover(email: str):
        return lambda: client.post(
            reverse("account_reset_password"), {"email": email, "captcha": solved_captcha()}
        )

    known = _hashes_and_mails(log_in(verified_reader.email))
    unknown = _hashes_and_mails(log_in("nobody@example.org"))
    assert known == unknown
    assert known[0] >= 1, "an unknown address must cost a hash too"
    assert known[1] == 0
    assert _hashes_and_mails(recover(verified_reader.email)) == (0, 1)
    assert _hashes_and_mails(recover("nobody@example.org")) == (0, 1)
