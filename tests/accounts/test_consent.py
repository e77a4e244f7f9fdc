from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.accounts import services
from masthead.accounts.models import Consent, PrivacyPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_policy(privacy_policy):
    return PrivacyPolicy.objects.create(
        version="2026-11", text="Now we also keep your reactions.", published_at=timezone.now()
    )


@pytest.fixture
def signed_in(client, verified_reader, privacy_policy):
    services.record_consent(verified_reader, method=Consent.Method.SIGNUP)
    client.force_login(verified_reader)
    return client


def test_a_reader_who_accepted_the_current_policy_browses_freely(signed_in, article):
    assert signed_in.get(article.get_absolute_url()).status_code == 200


def test_a_new_policy_stops_the_reader_on_the_next_page(signed_in, article, new_policy):
    response = signed_in.get(article.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:consent"))
    page = signed_in.get(response["Location"]).content.decode()
    assert "Now we also keep your reactions." in page
    assert 'type="checkbox"' in page
    assert reverse("accounts:delete") in page
    assert "privacy@" in page


def test_cached_pages_do_not_slip_past_the_check(signed_in, article, new_policy):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get(article.get_absolute_url()).status_code == 200
    assert anonymous.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert signed_in.get(article.get_absolute_url()).status_code == 302


def test_json_requests_get_a_403_naming_the_reason(signed_in, article, new_policy):
    response = signed_in.get(article.get_absolute_url(), headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.json()["error"] == "privacy_policy_not_accepted"


def test_anonymous_readers_are_not_stopped(client, article, new_policy):
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_policy_log_out_and_delete_pages_stay_open(signed_in, new_policy):
    assert signed_in.get(reverse("accounts:privacy")).status_code == 200
    assert signed_in.get(reverse("accounts:delete")).status_code == 200
    assert signed_in.get("/static/accounts/captcha.js").status_code in {200, 404}
    assert signed_in.post(reverse("account_logout")).status_code == 302


def test_ticking_the_box_records_the_consent_and_lets_the_reader_through(
    signed_in, verified_reader, article, new_policy
):
    url = reverse("accounts:consent") + "?next=" + article.get_absolute_url()
    refused = signed_in.post(url, {"next": article.get_absolute_url()})
    assert refused.status_code == 400
    assert "Please tick the box" in refused.content.decode()
    accepted = signed_in.post(url, {"accept": "on", "next": article.get_absolute_url()})
    assert accepted["Location"] == article.get_absolute_url()
    consent = Consent.objects.get(user=verified_reader, policy=new_policy)
    assert consent.method == Consent.Method.RECONSENT
    assert signed_in.get(article.get_absolute_url()).status_code == 200


def test_the_next_parameter_cannot_send_the_reader_elsewhere(signed_in, new_policy):
    response = signed_in.post(
        reverse("accounts:consent"), {"accept": "on", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_can_participate_needs_the_current_policy(verified_reader, privacy_policy, new_policy):
    services.record_consent(verified_reader, method=Consent.Method.SIGNUP, policy=privacy_policy)
    allowed, reason = services.can_participate(verified_reader)
    assert not allowed
    assert "privacy policy" in reason
    services.record_consent(verified_reader, method=Consent.Method.RECONSENT)
    assert services.can_participate(verified_reader) == (True, "")


def test_a_policy_scheduled_for_later_does_not_stop_anyone_yet(signed_in, article, privacy_policy):
    PrivacyPolicy.objects.create(
        version="future", text="Later.", published_at=timezone.now() + timedelta(days=2)
    )
    assert signed_in.get(article.get_absolute_url()).status_code == 200


def test_the_privacy_page_shows_the_policy_and_the_contact_address(
    client, privacy_policy, settings
):
    settings.PRIVACY_CONTACT_EMAIL = "dpo@masthead.example"
    page = client.get("/privacy/").content.decode()
    assert "We keep what you give us." in page
    assert "dpo@masthead.example" in page


def test_the_footer_links_to_the_policy_and_the_standards(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/privacy/"' in page
    assert 'href="/community-standards/"' in page
