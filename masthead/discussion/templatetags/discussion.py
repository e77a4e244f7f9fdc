from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Only http(s) addresses become links; anything else (javascript:, data:) stays text.
_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’"


def _link(match: re.Match[str]) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    # The URL is already HTML-escaped: it goes into the attribute and the text as it is.
    return f'<a href="{url}" rel="nofollow ugc noopener" target="_blank">{url}</a>{tail}'


@register.filter
def comment_html(text: str) -> SafeString:
    """Plain text made safe: escaped, links clickable, line breaks kept."""
    escaped = escape(text)
    linked = _URL.sub(_link, escaped)
    return mark_safe(linked.replace("\n", "<br>"))  # noqa: S308 - built from escaped text
