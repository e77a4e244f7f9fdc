from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.accounts import services
from masthead.accounts.models import Consent, PrivacyPolicy

pytestmark = pytest.mark.django_db


def test_staff_publish_a_policy_version_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_privacypolicy_add"),
        {
            "version": "2027-01",
            "text": "What we keep, and why.",
            "published_at_0": timezone.now().strftime("%Y-%m-%d"),
            "published_at_1": "00:00:00",
        },
    )
    assert response.status_code == 302
    current = PrivacyPolicy.objects.current()
    assert current is not None
    assert current.version == "2027-01"


def test_a_live_policy_cannot_be_edited_or_deleted_once_accepted(
    admin_client, privacy_policy, verified_reader
):
    services.record_consent(verified_reader, method=Consent.Method.SIGNUP)
    url = reverse("admin:accounts_privacypolicy_change", args=[privacy_policy.pk])
    admin_client.post(url, {"version": "x", "text": "Changed behind their back."})
    privacy_policy.refresh_from_db()
    assert privacy_policy.text != "Changed behind their back."
    delete = admin_client.get(
        reverse("admin:accounts_privacypolicy_delete", args=[privacy_policy.pk])
    )
    assert delete.status_code == 403


def test_the_admin_cannot_hard_delete_users(admin_client, verified_reader):
    page = admin_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "delete_selected" not in page
    assert "delete_without_notice" in page
    response = admin_client.get(reverse("admin:accounts_user_delete", args=[verified_reader.pk]))
    assert response.status_code == 403


def test_consents_and_audit_entries_are_read_only_in_the_admin(admin_client, verified_reader):
    services.request_account_deletion(verified_reader)
    assert (
        admin_client.get(reverse("admin:accounts_accountauditentry_changelist")).status_code == 200
    )
    assert admin_client.get(reverse("admin:accounts_accountauditentry_add")).status_code == 403
