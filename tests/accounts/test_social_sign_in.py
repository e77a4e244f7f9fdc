"""Social sign-in end to end, against a real OpenID Connect provider on loopback."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.utils import timezone

from masthead.accounts import services
from masthead.accounts.models import Consent, PrivacyPolicy
from tests.accounts.oidc_server import OIDCProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(db):
    with OIDCProvider() as provider:
        SocialApp.objects.create(
            provider="openid_connect",
            provider_id="localidp",
            name="Local identity provider",
            client_id=provider.client_id,
            secret=provider.client_secret,
            settings={"server_url": provider.url},
        )
        yield provider


def sign_in_with_network(client, idp):
    """What the browser does: start, follow the provider's redirect, come back."""
    start = client.post("/accounts/oidc/localidp/login/")
    assert start.status_code == 302, start.content
    authorize_url = start["Location"]
    assert authorize_url.startswith(idp.url + "/authorize")
    at_provider = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def _signed_in_user(client):
    from django.contrib.auth import get_user

    return get_user(client)


def test_a_new_reader_signs_up_with_a_network_and_accepts_the_rules_by_doing_so(
    client, idp, privacy_policy
):
    idp.sign_in_as(sub="u-100", email="nadia@example.net", email_verified=True, name="Nadia North")
    response = sign_in_with_network(client, idp)
    assert response.status_code == 302
    user = _signed_in_user(client)
    assert user.is_authenticated
    assert user.email == "nadia@example.net"
    assert user.display_name == "Nadia North"
    assert SocialAccount.objects.get(user=user).uid == "u-100"
    consent = Consent.objects.get(user=user)
    assert consent.method == Consent.Method.SOCIAL
    assert consent.policy == privacy_policy
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("accept our community standards" in m for m in told)
    assert services.can_participate(user) == (True, "")
    # The provider saw a real OIDC exchange.
    assert {"GET /.well-known/openid-configuration", "GET /authorize", "POST /token"} <= set(
        idp.requests
    )


def test_an_unverified_address_from_a_network_cannot_take_over_an_account(
    client, idp, verified_reader
):
    idp.sign_in_as(sub="attacker", email=verified_reader.email, email_verified=False, name="X")
    sign_in_with_network(client, idp)
    user = _signed_in_user(client)
    assert not (user.is_authenticated and user.pk == verified_reader.pk)
    assert not SocialAccount.objects.filter(user=verified_reader).exists()


def test_even_a_verified_address_from_a_network_does_not_sign_into_an_existing_account(
    client, idp, verified_reader
):
    idp.sign_in_as(sub="someone", email=verified_reader.email, email_verified=True, name="Y")
    sign_in_with_network(client, idp)
    user = _signed_in_user(client)
    assert not (user.is_authenticated and user.pk == verified_reader.pk)
    assert not SocialAccount.objects.filter(user=verified_reader).exists()


def test_signing_in_again_after_a_policy_change_records_consent_and_says_so(
    client, idp, privacy_policy
):
    idp.sign_in_as(sub="u-200", email="olga@example.net", email_verified=True, name="Olga")
    sign_in_with_network(client, idp)
    client.logout()
    newer = PrivacyPolicy.objects.create(version="2", text="New.", published_at=timezone.now())
    response = sign_in_with_network(client, idp)
    user = get_user_model().objects.get(email="olga@example.net")
    assert Consent.objects.filter(user=user, policy=newer, method=Consent.Method.SOCIAL).exists()
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("accept our community standards" in m for m in told)
    assert EmailAddress.objects.get(user=user).verified


def test_the_big_networks_are_installed_as_providers():
    from allauth.socialaccount import providers

    ids = {p.id for p in providers.registry.get_class_list()}
    assert {"openid_connect", "google", "facebook", "apple", "github", "twitter_oauth2"} <= ids
