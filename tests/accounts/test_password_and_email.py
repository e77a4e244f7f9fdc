from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import link_in, path_of, solved_captcha

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "another long passphrase 77"


def test_a_reader_recovers_a_forgotten_password_by_mail(
    client, verified_reader, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"),
            {"email": verified_reader.email, "captcha": solved_captcha()},
        )
    assert response.status_code == 302
    [message] = smtp_sink.wait_for(verified_reader.email)
    assert smtp_sink.html(message)
    link = path_of(link_in(smtp_sink.text(message), "/accounts/password/reset/key/"))
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    verified_reader.refresh_from_db()
    assert verified_reader.check_password(NEW_PASSWORD)


def test_a_reader_changes_their_password(client, verified_reader):
    client.force_login(verified_reader)
    wrong = client.post(
        reverse("account_change_password"),
        {"oldpassword": "nope", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 400
    ok = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert ok.status_code == 302
    verified_reader.refresh_from_db()
    assert verified_reader.check_password(NEW_PASSWORD)


def test_a_new_address_counts_only_once_it_is_confirmed(
    client, verified_reader, smtp_sink, django_capture_on_commit_callbacks
):
    client.force_login(verified_reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "vera.new@example.org"}
        )
    assert response.status_code == 302
    verified_reader.refresh_from_db()
    assert verified_reader.email == "verified_reader@example.org"
    [message] = smtp_sink.wait_for("vera.new@example.org")
    link = path_of(link_in(smtp_sink.text(message), "/accounts/confirm-email/"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    verified_reader.refresh_from_db()
    assert verified_reader.email == "vera.new@example.org"
    assert EmailAddress.objects.get(user=verified_reader, primary=True).verified


def test_verification_mails_cannot_be_sent_in_a_stream(
    client, unverified_reader, smtp_sink, django_capture_on_commit_callbacks
):
    # Each log-in attempt with an unconfirmed address would resend the mail.
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("account_login"),
                {"login": unverified_reader.username, "password": PASSWORD},
            )
    assert len(smtp_sink.to(unverified_reader.email)) == 1


def test_a_reader_without_a_password_confirms_by_a_mailed_code_before_deleting(
    client, verified_reader
):
    verified_reader.set_unusable_password()
    verified_reader.save()
    client.force_login(verified_reader)
    assert client.get(reverse("accounts:delete")).status_code == 200
    response = client.post(reverse("accounts:delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_request_reauthentication_code"))
    verified_reader.refresh_from_db()
    assert verified_reader.is_active


def test_without_a_password_or_a_confirmed_address_deleting_explains_what_to_do(
    client, unverified_reader
):
    unverified_reader.set_unusable_password()
    unverified_reader.save()
    client.force_login(unverified_reader)
    response = client.post(reverse("accounts:delete"))
    assert response.status_code == 400
    assert "set a password" in response.content.decode()
    unverified_reader.refresh_from_db()
    assert unverified_reader.is_active


def test_the_mailed_code_confirms_the_deletion(
    client, verified_reader, smtp_sink, django_capture_on_commit_callbacks
):
    import re

    verified_reader.set_unusable_password()
    verified_reader.save()
    client.force_login(verified_reader)
    first = client.post(reverse("accounts:delete"))
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(first["Location"], {"recipient": verified_reader.email})
    assert asked.status_code == 302
    [message] = smtp_sink.wait_for(verified_reader.email)
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", smtp_sink.text(message), re.MULTILINE)
    assert code, smtp_sink.text(message)
    # allauth resumes the request it suspended: the deletion itself.
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(asked["Location"], {"code": code.group(1)})
    assert confirmed.status_code == 200
    assert "Your account is deleted" in confirmed.content.decode()
    verified_reader.refresh_from_db()
    assert verified_reader.deactivated_at is not None
    assert any(
        "/accounts/restore/" in link
        for link in smtp_sink.links(smtp_sink.to(verified_reader.email)[-1])
    )
