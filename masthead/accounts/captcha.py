"""A proof-of-work captcha served by our own server (the ALTCHA protocol, version 1).

The server hands out a challenge: a salt (with its expiry) and the SHA-256 of salt + a secret
random number below CAPTCHA_MAX_NUMBER, signed with an HMAC. The browser finds the number by
brute force (static/accounts/captcha.js), which costs a person a second and a bot farm real
CPU per form. Verification is one hash and one HMAC; a solved challenge is remembered in the
cache until it expires, so it cannot be replayed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
from datetime import timedelta
from typing import Any

from altcha import ChallengeOptionsV1, create_challenge_v1, verify_solution_v1
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

MAX_PAYLOAD_LENGTH = 2000
MESSAGES = {
    "missing": _(
        "The anti-robot check has not finished. It runs in your browser and needs JavaScript;"
        " please wait a moment and send the form again."
    ),
    "invalid": _("The anti-robot check did not pass. Please send the form again."),
    "expired": _("The anti-robot check has expired. Please send the form again."),
    "replayed": _("This anti-robot check was already used. Please send the form again."),
}


class CaptchaError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _hmac_key() -> str:
    # Derived from SECRET_KEY so there is nothing more to configure, and scoped so that the
    # key never equals any other HMAC the site computes.
    return salted_hmac("masthead.accounts.captcha", "hmac-key").hexdigest()


def new_challenge() -> dict[str, Any]:
    expires = timezone.now() + timedelta(seconds=settings.CAPTCHA_EXPIRES_SECONDS)
    challenge = create_challenge_v1(
        ChallengeOptionsV1(
            algorithm="SHA-256",
            max_number=settings.CAPTCHA_MAX_NUMBER,
            hmac_key=_hmac_key(),
            expires=expires,
        )
    )
    return challenge.to_dict()


def _decode(payload: str) -> dict[str, Any]:
    if not payload:
        raise CaptchaError("missing")
    if len(payload) > MAX_PAYLOAD_LENGTH:
        raise CaptchaError("invalid")
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise CaptchaError("invalid") from None
    if not isinstance(data, dict) or not isinstance(data.get("salt"), str):
        raise CaptchaError("invalid")
    if not isinstance(data.get("number"), int) or not isinstance(data.get("challenge"), str):
        raise CaptchaError("invalid")
    return data


def _expiry(salt: str) -> int:
    from urllib.parse import parse_qs

    _nonce, _sep, query = salt.partition("?")
    values = parse_qs(query).get("expires", [])
    # Our challenges always carry one expiry; anything else is not ours.
    if len(values) != 1 or not values[0].isdigit():
        raise CaptchaError("invalid")
    return int(values[0])


def verify(payload: str) -> None:
    """Accept a solved challenge once, or raise CaptchaError with a reason code."""
    data = _decode(payload)
    expires = _expiry(data["salt"])
    remaining = expires - int(time.time())
    if remaining <= 0:
        raise CaptchaError("expired")
    ok, _error = verify_solution_v1(data, _hmac_key(), check_expires=True)  # type: ignore[call-overload]
    if not ok:
        raise CaptchaError("invalid")
    used_key = "captcha:used:" + hashlib.sha256(data["challenge"].encode()).hexdigest()
    # cache.add is atomic (SET NX on Redis): of two requests racing with one solution, one wins.
    if not cache.add(used_key, 1, timeout=remaining + 5):
        raise CaptchaError("replayed")


class CaptchaWidget(forms.Widget):
    template_name = "accounts/captcha_widget.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, "", attrs)
        # A fresh challenge on every render, so a form shown again after an error still works.
        context["challenge_json"] = json.dumps(new_challenge())
        return context


class CaptchaField(forms.CharField):
    widget = CaptchaWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Anti-robot check"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not settings.CAPTCHA_ENABLED:
            return value
        try:
            verify(value or "")
        except CaptchaError as error:
            raise forms.ValidationError(
                MESSAGES[error.code], code=f"captcha_{error.code}"
            ) from None
        return value
