"""Web Push (RFC 8030) with VAPID (RFC 8292), payloads encrypted as aes128gcm (RFC 8291)."""

from __future__ import annotations

import json
import threading
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

import requests
from django.conf import settings
from django.utils import timezone
from pywebpush import WebPusher

from masthead.notifications import vapid
from masthead.notifications.channels.base import Channel, Message, PermanentError, RetryableError
from masthead.notifications.models import PushSubscription


class PushAdapter(requests.adapters.HTTPAdapter):
    """Verifies TLS against PUSH_CA_BUNDLE when set. Session.verify alone is not enough:
    requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment override it."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if settings.PUSH_CA_BUNDLE:
            kwargs["verify"] = settings.PUSH_CA_BUNDLE
        return super().send(request, **kwargs)


# One HTTP session per thread: a fan-out sends thousands of requests to the same few push
# services, and reusing the TLS connection saves a handshake per message.
_local = threading.local()


def session() -> requests.Session:
    current: requests.Session | None = getattr(_local, "session", None)
    if current is None:
        current = requests.Session()
        current.mount("https://", PushAdapter(pool_connections=4, pool_maxsize=4))
        _local.session = current
    return current


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - timezone.now()).total_seconds())


def payload(message: Message) -> bytes:
    """What the service worker reads (see sw.js); kept small, push services cap it at 4 KB."""
    return json.dumps(
        {"title": message.title, "body": message.body, "url": message.url, "tag": message.tag},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


class WebPushChannel(Channel[PushSubscription]):
    name: ClassVar[str] = "webpush"

    def send(self, recipient: PushSubscription, message: Message) -> None:
        try:
            headers = dict(vapid.authorization(recipient.endpoint))
        except vapid.VapidNotConfigured as error:
            raise RetryableError(f"web push is not configured: {error}") from None
        headers["Urgency"] = "high" if message.tag.startswith("breaking") else "normal"
        if message.tag:
            # Topic: the push service keeps only the newest undelivered message with this topic.
            headers["Topic"] = message.tag[:32]
        try:
            response = WebPusher(recipient.as_subscription_info(), requests_session=session()).send(
                payload(message),
                headers,
                ttl=settings.PUSH_TTL_SECONDS,
                content_encoding="aes128gcm",
                timeout=settings.PUSH_TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise RetryableError(f"push service unreachable: {error!r}"[:300]) from None
        except (ValueError, TypeError) as error:
            # Keys that passed validation but do not make a point on the curve.
            raise PermanentError(f"the subscription's keys are unusable: {error}") from None
        assert isinstance(response, requests.Response)  # noqa: S101 - curl=False returns one
        status = response.status_code
        if status < 300:
            return
        reason = f"push service answered {status}"
        if status in (404, 410):
            raise PermanentError(reason, status=status)
        if status == 429 or status >= 500:
            raise RetryableError(
                reason,
                status=status,
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
            )
        # 400 (bad request), 401/403 (our VAPID refused), 413 (too big): retrying repeats it.
        raise PermanentError(reason, status=status)
