from django import template
from django.utils.safestring import SafeString, mark_safe

from masthead.core.pagecache import render_hole

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context: template.Context, name: str, arg: object = "") -> SafeString:
    """A part of the page rendered per request, even when the rest comes from the page cache."""
    return mark_safe(render_hole(name, context["request"], str(arg)))  # noqa: S308 - our own templates
