"""Nobody can learn from our answers whether an address has an account."""

from __future__ import annotations

import statistics
import time

import pytest
from django.urls import reverse

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


def _paired_medians_ms(first, second, rounds: int = 7) -> tuple[float, float]:
    """Median times of two calls, interleaved so that load on the machine hits both alike."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for call, bucket in ((first, timings[0]), (second, timings[1])):
            started = time.perf_counter()
            call()
            bucket.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings[0]), statistics.median(timings[1])


def _close(a: float, b: float, floor_ms: float) -> bool:
    # Loose on purpose (shared CI machines are noisy), yet far tighter than the gap of a whole
    # extra Argon2 hash, which more than doubles the time.
    return abs(a - b) < max(floor_ms, 0.4 * max(a, b))


def test_log_in_and_recovery_take_about_the_same_time_for_known_and_unknown(
    client, verified_reader, settings, capsys
):
    # Time it with the production hasher: the unknown address must pay for a hash too.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    verified_reader.set_password("correct horse battery staple")
    verified_reader.save()
    settings.ACCOUNT_RATE_LIMITS = False

    def log_in(login: str):
        return lambda: client.post(reverse("account_login"), {"login": login, "password": "x"})

    known, unknown = _paired_medians_ms(log_in(verified_reader.email), log_in("nobody@example.org"))

    def recover(email: str):
        return lambda: client.post(
            reverse("account_reset_password"), {"email": email, "captcha": solved_captcha()}
        )

    known_reset, unknown_reset = _paired_medians_ms(
        recover(verified_reader.email), recover("nobody@example.org")
    )
    with capsys.disabled():
        print(
            f"\n[timing] failed log-in known {known:.1f} ms / unknown {unknown:.1f} ms;"
            f" recovery known {known_reset:.1f} ms / unknown {unknown_reset:.1f} ms"
        )
    assert _close(known, unknown, floor_ms=40)
    assert _close(known_reset, unknown_reset, floor_ms=25)
