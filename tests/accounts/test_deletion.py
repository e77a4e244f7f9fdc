from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from masthead.accounts import lifecycle, services
from masthead.accounts.models import AccountAuditEntry
from tests.accounts.helpers import link_in, path_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def calls():
    seen: list[tuple[str, int]] = []
    lifecycle.register(
        "probe",
        on_deactivate=lambda u: seen.append(("deactivate", u.pk)),
        on_restore=lambda u: seen.append(("restore", u.pk)),
    )
    yield seen
    lifecycle.unregister("probe")


def _log_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_deleting_asks_for_the_password(client, verified_reader):
    client.force_login(verified_reader)
    page = client.get(reverse("accounts:delete"))
    assert page.status_code == 200
    assert "Do you really want to delete your account?" in page.content.decode()
    wrong = client.post(reverse("accounts:delete"), {"password": "nope"})
    assert wrong.status_code == 400
    assert "That is not your password." in wrong.content.decode()
    verified_reader.refresh_from_db()
    assert verified_reader.is_active


def test_deleting_switches_the_account_off_everywhere_and_mails_a_restore_link(
    client, verified_reader, calls, smtp_sink, django_capture_on_commit_callbacks
):
    from django.test import Client

    elsewhere = Client()
    _log_in(elsewhere, verified_reader)
    _log_in(client, verified_reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert "within 30 days" in response.content.decode()
    verified_reader.refresh_from_db()
    assert not verified_reader.is_active
    assert verified_reader.deactivated_at is not None
    assert calls == [("deactivate", verified_reader.pk)]
    assert AccountAuditEntry.objects.filter(
        subject=verified_reader, action=AccountAuditEntry.Action.DEACTIVATED
    ).exists()
    # Signed out here and on the other device; and no log-in either.
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert services.can_participate(verified_reader)[0] is False

    [message] = smtp_sink.wait_for(verified_reader.email)
    assert smtp_sink.html(message)
    link = link_in(smtp_sink.text(message), "/accounts/restore/")
    assert "Restore" in client.get(path_of(link)).content.decode()
    restored = client.post(path_of(link))
    assert restored.status_code == 302
    verified_reader.refresh_from_db()
    assert verified_reader.is_active
    assert verified_reader.deactivated_at is None
    assert calls[-1] == ("restore", verified_reader.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200
    # The link is spent.
    assert client.post(path_of(link)).status_code == 400


def test_a_tampered_or_stale_restore_link_is_refused(client, verified_reader):
    services.request_account_deletion(verified_reader)
    token = services.restore_token(verified_reader)
    assert client.get(reverse("accounts:restore", args=[token + "x"])).status_code == 400
    get_user_model().objects.filter(pk=verified_reader.pk).update(
        deactivated_at=timezone.now() - timedelta(days=31)
    )
    assert client.get(reverse("accounts:restore", args=[token])).status_code == 400


def test_a_deleted_account_cannot_log_in(client, verified_reader):
    services.request_account_deletion(verified_reader)
    response = client.post(
        reverse("account_login"), {"login": verified_reader.username, "password": PASSWORD}
    )
    assert not response.wsgi_request.user.is_authenticated
