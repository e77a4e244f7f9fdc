"""Demo data for accounts: a first privacy policy, verified addresses and consents."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.accounts import services
from masthead.accounts.models import Consent, PrivacyPolicy

POLICY_TEXT = """\
This is the demo site's privacy policy. A real publisher writes their own.

What we keep: the e-mail address and display name you register with, your picture if you \
upload one, your comments and reactions, and the record of when you accepted this policy.

Why: to run your account and the discussions, and to keep them civil.

Your rights: you can download a copy of your data or delete your account from your account page \
at any time. A deleted account can be restored for 30 days and is then erased for good.
"""


def load(stdout: Any) -> None:
    policy, _created = PrivacyPolicy.objects.get_or_create(
        version="1.0", defaults={"text": POLICY_TEXT, "published_at": timezone.now()}
    )
    for user in get_user_model().objects.filter(is_active=True).exclude(email=""):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        services.record_consent(user, method=Consent.Method.SIGNUP, policy=policy)
    stdout.write("accounts: privacy policy 1.0, demo readers verified and consenting")
