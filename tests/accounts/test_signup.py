from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from masthead.accounts import services
from masthead.accounts.models import Consent
from tests.accounts.helpers import link_in, path_of, signup_data

pytestmark = pytest.mark.django_db


def test_the_signup_page_has_the_form_the_captcha_and_the_rules_link(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in page
    assert "data-captcha" in page
    assert "/community-standards/" in page
    assert "accounts/captcha.js" in page


def test_a_reader_signs_up_confirms_by_mail_and_may_then_take_part(
    client, smtp_sink, privacy_policy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.reader@example.org")
    assert user.display_name == "Nina New"
    assert user.get_short_name() == "Nina New"
    consent = Consent.objects.get(user=user)
    assert (consent.policy, consent.method) == (privacy_policy, Consent.Method.SIGNUP)
    allowed, reason = services.can_participate(user)
    assert not allowed
    assert "confirm your e-mail" in reason

    [message] = smtp_sink.wait_for("new.reader@example.org")
    assert "confirm" in str(message["Subject"]).lower()
    assert smtp_sink.html(message)  # plain text plus HTML
    link = link_in(smtp_sink.text(message), "/accounts/confirm-email/")
    client.post(path_of(link))
    assert EmailAddress.objects.get(user=user).verified
    assert services.can_participate(user) == (True, "")


def test_a_reader_cannot_log_in_before_confirming_the_address(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup_data())
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "new.reader@example.org", "password": "a long and unusual passphrase 42"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_signup_without_accepting_the_rules_is_refused_with_a_message(client):
    response = client.post(reverse("account_signup"), signup_data(accept_rules=""))
    assert response.status_code == 400
    assert "Please accept the community standards" in response.content.decode()
    assert not get_user_model().objects.filter(email="new.reader@example.org").exists()


def test_signup_with_a_blank_display_name_is_refused(client):
    response = client.post(reverse("account_signup"), signup_data(display_name="   "))
    assert response.status_code == 400
    assert not get_user_model().objects.filter(email="new.reader@example.org").exists()


def test_readers_log_in_by_email_or_by_username(client, verified_reader):
    for login in ["verified_reader@example.org", "verified_reader"]:
        response = client.post(
            reverse("account_login"),
            {"login": login, "password": "correct horse battery staple"},
        )
        assert response.status_code == 302, login
        assert client.get("/accounts/profile/").status_code == 200
        client.post(reverse("account_logout"))


def test_log_in_rotates_the_session_key(client, verified_reader):
    client.get(reverse("account_login"))
    client.session["probe"] = 1
    session = client.session
    session["probe"] = 1
    session.save()
    before = client.cookies["sessionid"].value
    client.post(
        reverse("account_login"),
        {"login": "verified_reader", "password": "correct horse battery staple"},
    )
    assert client.cookies["sessionid"].value != before


def test_outside_the_tests_passwords_are_hashed_with_argon2():
    import os
    import subprocess
    import sys

    # The test run uses a fast hasher on purpose; load the settings as a site would.
    env = {k: v for k, v in os.environ.items() if k != "MASTHEAD_TESTING"}
    env["DEBUG"] = "true"
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='masthead.settings'; "
        "django.setup(); from django.contrib.auth.hashers import get_hasher; "
        "print(get_hasher().algorithm)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "argon2"


def test_the_user_box_offers_log_in_and_register_to_visitors(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert reverse("account_login") in page
    assert reverse("account_signup") in page


def test_the_user_box_greets_a_signed_in_reader_by_name(client, verified_reader, article):
    client.force_login(verified_reader)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Hello, Vera Verified!" in page
    assert reverse("accounts:profile") in page
    assert reverse("account_logout") in page
    assert verified_reader.avatar_url in page


def test_the_greeting_never_shows_an_empty_name(client, article):
    user = get_user_model().objects.create_user(username="x", email="x@example.org")
    user.display_name = "   "
    user.save()
    client.force_login(user)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Hello, !" not in page
    assert "Hello, x!" in page
