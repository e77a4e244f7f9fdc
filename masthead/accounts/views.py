"""Thin adapters: parse the request, check access, call a service, render."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from masthead.accounts import avatars, services
from masthead.accounts.forms import (
    AvatarForm,
    ConsentForm,
    DeleteAccountForm,
    ProfileForm,
)
from masthead.accounts.models import Consent, DataExport, PrivacyPolicy, User

log = logging.getLogger(__name__)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@require_GET
def privacy_policy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/privacy.html",
        {
            "policy": PrivacyPolicy.objects.current(),
            "older": PrivacyPolicy.objects.published()[1:10],
            "contact": settings.PRIVACY_CONTACT_EMAIL,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    policy = services.policy_awaiting_consent(user)
    next_url = _safe_next(request)
    if policy is None:
        return redirect(next_url)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_consent(user, method=Consent.Method.RECONSENT, policy=policy)
        messages.success(request, _("Thank you. You can carry on where you were."))
        return redirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/consent.html",
        {
            "policy": policy,
            "form": form,
            "next": next_url,
            "contact": settings.PRIVACY_CONTACT_EMAIL,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST or None, initial={"display_name": user.shown_name})
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, display_name=form.cleaned_data["display_name"])
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    allowed, reason = services.can_participate(user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "avatar_form": AvatarForm(),
            "can_participate": allowed,
            "participation_reason": reason,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def avatar_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = AvatarForm(request.POST, request.FILES)
    error = ""
    status = 400
    if form.is_valid():
        try:
            services.set_avatar(user, form.cleaned_data["avatar"])
        except avatars.AvatarError as exc:
            error = str(exc)
        except OSError:
            # The disk is full or the media volume failed: the storage removed any partial
            # file; the reader gets a clear answer instead of a 500.
            log.exception("Could not store the avatar of user %s", user.pk)
            error = _("We could not store your picture just now. Please try again later.")
            status = 503
        else:
            messages.success(request, _("Your new picture is saved."))
            return redirect("accounts:profile")
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    messages.error(request, error)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": ProfileForm(initial={"display_name": user.shown_name}),
            "avatar_form": form,
            "avatar_error": error,
            "can_participate": services.can_participate(user)[0],
            "participation_reason": services.can_participate(user)[1],
        },
        status=status,
    )


@login_required
@require_POST
def avatar_remove(request: HttpRequest) -> HttpResponse:
    services.remove_avatar(_user(request))
    messages.success(request, _("Your picture is removed."))
    return redirect("accounts:profile")


@require_GET
@cache_control(public=True, max_age=3600)
def default_avatar(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_user_model().objects.filter(pk=user_id).first()
    name = user.get_short_name() if user else "?"
    svg = avatars.default_svg(user_id, name)
    response = HttpResponse(svg, content_type="image/svg+xml")
    # An SVG opened on its own must not be able to run anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def _needs_reauthentication(request: HttpRequest) -> bool:
    # Readers who only ever signed in with a network have no password to ask for.
    return request.user.is_authenticated and not _user(request).has_usable_password()


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if (
        request.method == "POST"
        and not user.has_usable_password()
        and not get_account_adapter().get_reauthentication_methods(user)
    ):
        # No password and no confirmed address to send a code to: nothing proves it is them.
        return render(
            request,
            "accounts/delete.html",
            {"form": None, "days": settings.ACCOUNT_RESTORE_DAYS, "cannot_confirm": True},
            status=400,
        )
    return _delete_account(request)


@reauthentication_required(allow_get=True, enabled=_needs_reauthentication)
def _delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    needs_password = user.has_usable_password()
    form = DeleteAccountForm(request.POST or None, user=user) if needs_password else None
    if request.method == "POST" and (form is None or form.is_valid()):
        services.request_account_deletion(user)
        logout(request)
        return render(
            request,
            "accounts/deleted.html",
            {"days": settings.ACCOUNT_RESTORE_DAYS},
        )
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "days": settings.ACCOUNT_RESTORE_DAYS},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def restore(request: HttpRequest, token: str) -> HttpResponse:
    user = services.user_for_restore_token(token)
    if user is None:
        return render(request, "accounts/restore_invalid.html", status=400)
    if request.method == "POST":
        services.restore_account(user)
        # The link came to the reader's own mailbox, which is the same proof a password reset
        # relies on; so following it and confirming signs them in.
        login(request, user, backend="masthead.accounts.backends.AuthenticationBackend")
        messages.success(request, _("Welcome back! Your account is restored."))
        return redirect("accounts:profile")
    return render(request, "accounts/restore.html", {"restored_user": user})


@login_required
@require_http_methods(["GET", "POST"])
def data_export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        services.request_data_export(user)
        messages.success(
            request,
            _("We are preparing your data. We will e-mail you a link when it is ready."),
        )
        return redirect("accounts:export")
    exports = list(DataExport.objects.filter(user=user)[:10])
    links: list[dict[str, Any]] = [
        {"export": e, "link": services.export_link(e) if e.is_available else None} for e in exports
    ]
    return render(
        request,
        "accounts/export.html",
        {"exports": links, "days": settings.DATA_EXPORT_DAYS},
    )


@login_required
@require_GET
def export_download(request: HttpRequest, token: str) -> FileResponse:
    export = services.export_for_token(token, _user(request))
    if export is None:
        raise Http404(_("This download link is not valid, has expired, or is not yours."))
    response = FileResponse(
        export.file.open("rb"), as_attachment=True, filename="personal-data.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response
