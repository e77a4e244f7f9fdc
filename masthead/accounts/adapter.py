"""Where allauth meets our services: mails through the task queue, names, consent."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masthead.accounts import mail, services
from masthead.accounts.models import Consent, User


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": gettext_lazy(
            "Too many failed attempts to log in to this account. For its safety, log-in is"
            " paused for a few minutes. Please try again later, or choose a new password"
            " with the password recovery form."
        ),
    }

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """The failed log-in lock-out counts per account AND address.

        allauth keys it by account alone, so anyone who knows a reader's address could keep
        them locked out for good with five wrong guesses every fifteen minutes. Keyed by
        address too, the guesser locks out only themselves. A guesser with many addresses
        still meets the per-address limit on failures ("10/m/ip"), Argon2 and the password
        validators; that trade-off is written up in SECURITY.md. (This overrides a private
        allauth method: tests/security/test_authentication.py notices if it stops working.)
        """
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Rendered here (the templates need the request), sent by a task, for known and
        # unknown addresses alike.
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        mail.queue(self.render_mail(template_prefix, email, ctx))

    def populate_username(self, request: HttpRequest, user: Any) -> None:
        if not user.username:
            user.username = self.generate_unique_username(
                [user.display_name, user.first_name, user.email, "reader"]
            )

    def save_user(
        self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True
    ) -> Any:
        display_name = form.cleaned_data.get("display_name", "")
        user.display_name = " ".join(display_name.split())[:60]
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.register_reader(
                user, display_name=display_name, consent_method=Consent.Method.SIGNUP
            )
        return user


def _name_from(sociallogin: SocialLogin) -> str:
    data = sociallogin.account.extra_data or {}
    user = sociallogin.user
    for candidate in (
        data.get("name"),
        " ".join(filter(None, [user.first_name, user.last_name])),
        data.get("preferred_username"),
        data.get("login"),
    ):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()[:60]
    return ""


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict) -> Any:
        user = super().populate_user(request, sociallogin, data)
        user.display_name = _name_from(sociallogin)
        return user

    def save_user(
        self, request: HttpRequest, sociallogin: SocialLogin, form: BaseForm | None = None
    ) -> Any:
        user: User = super().save_user(request, sociallogin, form)
        services.register_reader(
            user,
            display_name=user.display_name or _name_from(sociallogin),
            consent_method=Consent.Method.SOCIAL,
        )
        tell_social_consent(request)
        return user


def tell_social_consent(request: HttpRequest) -> None:
    messages.info(
        request,
        _(
            "By signing in with a social network you accept our community standards and our"
            " privacy policy. You can read both at any time from the links at the foot of"
            " every page."
        ),
    )
