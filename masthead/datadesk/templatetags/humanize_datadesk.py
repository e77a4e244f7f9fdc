"""Number formatting for the data desk: thousands separators that follow the active language."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def thousands(value: int | None) -> str:
    if value is None:
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def signed_thousands(value: int | None) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else "\u2212" if value < 0 else "\u00b1"
    return sign + number_format(abs(value), force_grouping=True)
