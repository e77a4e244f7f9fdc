"""Stop signed-in readers who have not accepted the current privacy policy.

It runs before the view, so it works for pages served from the page cache too. Anonymous
visitors pass untouched; so do the few paths a reader needs to make the choice (the policy, the
consent page, deleting the account, logging out) and the admin and files.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from masthead.accounts import services


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return (
        request.content_type == "application/json"
        or (accept.startswith("application/json") and "text/html" not in accept)
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


class PolicyConsentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def exempt_prefixes(self) -> tuple[str, ...]:
        return (
            settings.STATIC_URL,
            settings.MEDIA_URL,
            "/admin/",
            "/favicon.ico",
            reverse("account_logout"),
            reverse("accounts:consent"),
            reverse("accounts:delete"),
            reverse("accounts:privacy"),
            reverse("accounts:default_avatar", args=[0]).rsplit("/", 1)[0] + "/",
            # Re-authentication may be needed on the way to deleting the account.
            reverse("account_reauthenticate"),
            reverse("account_request_reauthentication_code"),
            reverse("account_confirm_reauthentication_code"),
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.exempt_prefixes)
        ):
            policy = services.policy_awaiting_consent(user)
            if policy is not None:
                return self.stop(request)
        return self.get_response(request)

    def stop(self, request: HttpRequest) -> HttpResponse:
        consent_url = reverse("accounts:consent")
        if wants_json(request):
            return JsonResponse(
                {
                    "error": "privacy_policy_not_accepted",
                    "detail": _(
                        "Our privacy policy has changed. Please accept it (or delete your"
                        " account) before you continue."
                    ),
                    "consent_url": consent_url,
                },
                status=403,
            )
        target = request.get_full_path() if request.method == "GET" else "/"
        return HttpResponseRedirect(f"{consent_url}?{urlencode({'next': target})}")


class FormErrorStatusMiddleware:
    """Answer a refused allauth form with 400, not 200.

    allauth re-renders an invalid form with status 200. The message is clear, but scripts, tests
    and monitoring should see that the request was refused: bad input gets a 4xx.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Only allauth's pages: other apps choose their own statuses.
        if (
            request.method == "POST"
            and response.status_code == 200
            and request.path.startswith("/accounts/")
        ):
            context = getattr(response, "context_data", None) or {}
            form = context.get("form")
            if form is not None and getattr(form, "is_bound", False) and form.errors:
                response.status_code = 400
        return response
