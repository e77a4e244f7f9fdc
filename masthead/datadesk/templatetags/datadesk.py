"""``{% load datadesk %}{% covid_widget article.published_at %}`` for the page header.

The fragment is rendered once per day shown, language and data version and then served from
the cache: the header is on every page, and a refresh bumps the version so nothing stale stays.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from masthead.datadesk import selectors
from masthead.datadesk.models import DataSource
from masthead.datadesk.services import data_version_key

register = template.Library()

# How long a process trusts its cached copy of the data version. With Redis every process sees
# a bump at once; with the per-process local-memory cache this bounds how stale another
# process's widget can be after a refresh.
VERSION_TTL_SECONDS = 60


def _data_version() -> int | None:
    key = data_version_key(selectors.COVID_SOURCE)
    version = cache.get(key)
    if version is None:
        version = (
            DataSource.objects.filter(key=selectors.COVID_SOURCE)
            .values_list("data_version", flat=True)
            .first()
        )
        if version is None:
            return None
        cache.set(key, version, VERSION_TTL_SECONDS)
    return int(version)


@register.simple_tag
def covid_widget(as_of: date | datetime | None = None) -> SafeString:
    """World COVID-19 figures for the day of `as_of` (latest when None); empty without data."""
    day = selectors.as_date(as_of) if as_of else None
    version = _data_version()
    if version is None:
        return mark_safe("")
    cache_key = (
        f"datadesk:covid_widget:v{version}:{day.isoformat() if day else 'latest'}"
        f":{translation.get_language()}"
    )
    html = cache.get(cache_key)
    if html is None:
        data = selectors.covid_widget_data(day)
        html = render_to_string("datadesk/widget.html", {"widget": data}) if data else ""
        cache.set(cache_key, html, settings.DATADESK_WIDGET_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template
