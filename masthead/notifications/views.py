"""Adapters: parse, call the service, answer. JSON for the browser's push script, HTML pages
for the newsletter links that arrive by mail."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from masthead.newsroom.models import Section
from masthead.notifications import services, vapid
from masthead.notifications.models import NotificationPreference
from masthead.notifications.validation import InvalidInput, parse_subscription, parse_unsubscribe


def _invalid(error: InvalidInput) -> JsonResponse:
    return JsonResponse({"error": error.message, "field": error.field}, status=400)


@require_GET
@never_cache
def push_config(request: HttpRequest) -> JsonResponse:
    """What the prompt script needs that a cached page cannot hold: a CSRF token of its own."""
    return JsonResponse(
        {
            "publicKey": vapid.public_key_or_empty(),
            "csrfToken": get_token(request),
            "signedIn": request.user.is_authenticated,
        }
    )


@require_POST
def push_subscribe(request: HttpRequest) -> JsonResponse:
    if not vapid.public_key_or_empty():
        return JsonResponse({"error": _("Push notifications are not enabled here.")}, status=409)
    try:
        data = parse_subscription(request.body, signed_in=request.user.is_authenticated)
    except InvalidInput as error:
        return _invalid(error)
    subscription = services.register_push_subscription(
        endpoint=data.endpoint,
        p256dh=data.p256dh,
        auth=data.auth,
        topics=data.topics,
        user=request.user if request.user.is_authenticated else None,
    )
    return JsonResponse({"topics": subscription.topic_keys()}, status=201)


@require_POST
def push_unsubscribe(request: HttpRequest) -> JsonResponse:
    try:
        endpoint, topics = parse_unsubscribe(request.body)
    except InvalidInput as error:
        return _invalid(error)
    if not services.unsubscribe(endpoint=endpoint, topics=topics):
        return JsonResponse({"error": _("No such subscription.")}, status=404)
    return JsonResponse({"ok": True})


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js from the site root, so its scope covers every page; revalidated on each visit
    so a fix reaches browsers at once."""
    response = HttpResponse(
        render_to_string("notifications/sw.js"),
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache, max-age=0"
    return response


class PreferencesForm(forms.Form):
    replies = forms.BooleanField(label=_lazy("E-mail me replies to my comments"), required=False)
    decisions = forms.BooleanField(
        label=_lazy("E-mail me moderators' decisions about my comments"), required=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """The reader's e-mail choices for events about their comments (push follows the topics
    chosen in the browser)."""
    assert request.user.is_authenticated  # noqa: S101 - login_required
    current = NotificationPreference.objects.filter(user=request.user).first()
    form = PreferencesForm(
        request.POST or None,
        initial={
            "replies": bool(current and current.email_replies),
            "decisions": bool(current and current.email_decisions),
        },
    )
    if request.method == "POST" and form.is_valid():
        services.set_email_preferences(
            request.user,
            replies=form.cleaned_data["replies"],
            decisions=form.cleaned_data["decisions"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _page(request: HttpRequest, title: str, text: str, *, status: int = 200, **extra: object):
    return render(
        request,
        "notifications/page.html",
        {"title": title, "text": text, **extra},
        status=status,
    )


# A forged subscription request only makes us mail a confirmation link to an address the forger
# could have typed in themselves, so CSRF protection adds nothing here, while a token would
# force a per-request hole into every cached article page.
@csrf_exempt
@require_POST
def newsletter_subscribe(request: HttpRequest) -> HttpResponse:
    email = request.POST.get("email", "").strip()
    section = Section.objects.filter(slug=request.POST.get("section", "")).first()
    if section is None:
        return _page(request, _("Newsletter"), _("Please choose a section."), status=400)
    try:
        if len(email) > 254:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        return _page(
            request, _("Newsletter"), _("Please enter a valid e-mail address."), status=400
        )
    services.request_newsletter(
        email=email, section=section, user=request.user if request.user.is_authenticated else None
    )
    # The same answer whether or not the address was already subscribed: no address probing.
    return _page(
        request,
        _("Check your inbox"),
        _(
            "We have sent a link to %(email)s. Open it within %(days)d days to start receiving "
            "the daily digest of %(section)s."
        )
        % {"email": email, "days": settings.NEWSLETTER_CONFIRM_DAYS, "section": section.name},
    )


@require_GET
def newsletter_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = services.confirm_newsletter(token)
    except services.InvalidToken as error:
        return _page(request, _("Newsletter"), str(error), status=400)
    return _page(
        request,
        _("Subscription confirmed"),
        _("You will receive the daily digest of %(section)s at %(email)s.")
        % {"section": subscription.section.name, "email": subscription.email},
    )


# RFC 8058: mail programs POST "List-Unsubscribe=One-Click" to this address with no cookie and
# no token of ours; the signed link is the authority. A GET (which link scanners follow) only
# shows a button, it never unsubscribes.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        try:
            services.subscription_from_token(token, "unsubscribe", None)
        except services.InvalidToken as error:
            return _page(request, _("Newsletter"), str(error), status=400)
        return _page(
            request,
            _("Unsubscribe"),
            _("Stop receiving this daily digest?"),
            unsubscribe_action=request.path,
        )
    try:
        subscription = services.unsubscribe_newsletter(token)
    except services.InvalidToken as error:
        return _page(request, _("Newsletter"), str(error), status=400)
    return _page(
        request,
        _("Unsubscribed"),
        _("%(email)s will no longer receive the digest of %(section)s.")
        % {"email": subscription.email, "section": subscription.section.name},
    )
