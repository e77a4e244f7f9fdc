from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from masthead.notifications import vapid

register = template.Library()


@register.inclusion_tag("notifications/prompt.html")
def push_prompt() -> dict[str, Any]:
    """The soft prompt, hidden until push.js decides the reader has engaged enough."""
    return {
        "site_name": settings.SITE_NAME,
        "public_key": vapid.public_key_or_empty(),
        "after_views": settings.PUSH_PROMPT_AFTER_VIEWS,
        "after_seconds": settings.PUSH_PROMPT_AFTER_SECONDS,
        "refuse_days": settings.PUSH_PROMPT_REFUSE_DAYS,
    }
