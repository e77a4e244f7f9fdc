"""The per-request parts of cached pages (see pagecache)."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.utils import timezone

from masthead.core.pagecache import hole_html, register_hole


@register_hole("user")
def user_box(request: HttpRequest, arg: str) -> str:
    return hole_html("user", {"user": request.user}, request)


@register_hole("clock")
def clock(request: HttpRequest, arg: str) -> str:
    return hole_html("clock", {"now": timezone.now()}, request)


@register_hole("messages")
def messages(request: HttpRequest, arg: str) -> str:
    return hole_html("messages", {"messages": get_messages(request)}, request)
