"""Checking what browsers (and anyone else) POST to the push endpoints, field by field.

Every failure is an :class:`InvalidInput` naming the field and saying what is wrong; the views
turn it into a 400 with that message. Nothing malformed reaches the database or pywebpush.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from masthead.newsroom.models import Section, Tag
from masthead.notifications.models import PERSONAL_TOPICS, TopicKind

MAX_BODY_BYTES = 8192
MAX_TOPICS = 50
MAX_ENDPOINT_LENGTH = 1000
_B64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


class InvalidInput(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SubscriptionInput:
    endpoint: str
    p256dh: str
    auth: str
    topics: list[str]


def _json_object(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY_BYTES:
        raise InvalidInput("body", f"the request is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput("body", "the request is not valid JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput("body", "the request must be a JSON object")
    return data


def _b64url_bytes(value: object, field: str) -> bytes:
    if not isinstance(value, str) or not _B64URL.match(value):
        raise InvalidInput(field, "must be base64url text (A-Z, a-z, 0-9, - and _)")
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        raise InvalidInput(field, "is not valid base64url") from None


def clean_endpoint(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidInput("endpoint", "is required and must be text")
    if len(value) > MAX_ENDPOINT_LENGTH:
        raise InvalidInput("endpoint", f"is longer than {MAX_ENDPOINT_LENGTH} characters")
    try:
        URLValidator(schemes=["https"])(value)
    except ValidationError:
        raise InvalidInput("endpoint", "must be an https:// address") from None
    return value


def clean_p256dh(value: object) -> str:
    raw = _b64url_bytes(value, "keys.p256dh")
    if len(raw) != 65 or raw[0] != 4:
        raise InvalidInput("keys.p256dh", "must be an uncompressed P-256 point (65 bytes)")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        raise InvalidInput("keys.p256dh", "is not a point on the P-256 curve") from None
    assert isinstance(value, str)  # noqa: S101 - checked by _b64url_bytes
    return value.rstrip("=")


def clean_auth(value: object) -> str:
    raw = _b64url_bytes(value, "keys.auth")
    if len(raw) != 16:
        raise InvalidInput("keys.auth", "must be 16 bytes")
    assert isinstance(value, str)  # noqa: S101 - checked by _b64url_bytes
    return value.rstrip("=")


def clean_topics(value: object, *, signed_in: bool, default: list[str] | None = None) -> list[str]:
    if value is None and default is not None:
        return default
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise InvalidInput("topics", "must be a list of topic names")
    if not value:
        raise InvalidInput("topics", "must name at least one topic")
    if len(value) > MAX_TOPICS:
        raise InvalidInput("topics", f"at most {MAX_TOPICS} topics at once")
    topics = sorted(set(value))
    sections = {t.partition(":")[2] for t in topics if t.startswith("section:")}
    tags = {t.partition(":")[2] for t in topics if t.startswith("tag:")}
    known_sections = set(Section.objects.filter(slug__in=sections).values_list("slug", flat=True))
    known_tags = set(Tag.objects.filter(slug__in=tags).values_list("slug", flat=True))
    for topic in topics:
        kind, _colon, slug = topic.partition(":")
        if topic == TopicKind.BREAKING:
            continue
        if topic in PERSONAL_TOPICS:
            if not signed_in:
                raise InvalidInput("topics", f"“{topic}” is for signed-in readers only")
            continue
        if kind == TopicKind.SECTION and slug in known_sections:
            continue
        if kind == TopicKind.TAG and slug in known_tags:
            continue
        raise InvalidInput("topics", f"unknown topic “{topic[:80]}”")
    return topics


def parse_subscription(body: bytes, *, signed_in: bool) -> SubscriptionInput:
    """{"subscription": PushSubscription.toJSON(), "topics": ["breaking", "section:world"]}."""
    data = _json_object(body)
    subscription = data.get("subscription")
    if not isinstance(subscription, dict):
        raise InvalidInput("subscription", "is required: the browser's PushSubscription as JSON")
    keys = subscription.get("keys")
    if not isinstance(keys, dict):
        raise InvalidInput("keys", "is required, with p256dh and auth")
    return SubscriptionInput(
        endpoint=clean_endpoint(subscription.get("endpoint")),
        p256dh=clean_p256dh(keys.get("p256dh")),
        auth=clean_auth(keys.get("auth")),
        topics=clean_topics(
            data.get("topics"), signed_in=signed_in, default=[TopicKind.BREAKING.value]
        ),
    )


def parse_unsubscribe(body: bytes) -> tuple[str, list[str] | None]:
    """{"endpoint": "...", "topics": [...]?}: without topics, the whole subscription goes."""
    data = _json_object(body)
    endpoint = clean_endpoint(data.get("endpoint"))
    topics = data.get("topics")
    if topics is not None and (
        not isinstance(topics, list)
        or not all(isinstance(t, str) and len(t) <= 120 for t in topics)
        or len(topics) > MAX_TOPICS
    ):
        raise InvalidInput("topics", "must be a list of topic names")
    return endpoint, topics
