"""Reactions to allauth's events that belong to accounts (wired in AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from masthead.accounts import services
from masthead.accounts.models import Consent


@receiver(user_logged_in)
def consent_by_social_sign_in(
    sender: Any, request: HttpRequest, user: Any, sociallogin: Any = None, **kwargs: Any
) -> None:
    """Signing in with a network means accepting the rules; record it and say so."""
    if sociallogin is None or services.policy_awaiting_consent(user) is None:
        return
    from masthead.accounts.adapter import tell_social_consent

    services.record_consent(user, method=Consent.Method.SOCIAL)
    tell_social_consent(request)
