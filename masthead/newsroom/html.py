"""HTML that editors write, made safe once, when it is saved."""

from __future__ import annotations

import html
import re

import nh3

BODY_TAGS = {"a", "em", "strong", "b", "i", "br", "ul", "ol", "li", "sup", "sub", "abbr", "cite"}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_TAG = re.compile(r"<[^>]*>")


def sanitize_body_html(value: str) -> str:
    return nh3.clean(
        value,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def strip_all_html(value: str) -> str:
    """Plain text for subheads and quotes: any markup is dropped, entities decoded once."""
    return html.unescape(nh3.clean(value, tags=set())).strip()


def html_to_text(value: str) -> str:
    return html.unescape(_TAG.sub(" ", value)).replace("\xa0", " ").strip()
