"""The discussion as a hole in the cached article page (see masthead.core.pagecache)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

from masthead.core import pagecache
from masthead.core.pagecache import register_hole
from masthead.discussion import access, selectors
from masthead.discussion.views import discussion_context, new_key
from masthead.newsroom.models import Article


@register_hole("discussion", same_for_anonymous=True)
def discussion_hole(request: HttpRequest, slug: str) -> str:
    """The discussion under an article, rendered per request around the cached page.

    Anonymous readers share one rendering per article version (cached here); a signed-in reader
    gets their own, with edit and delete on their comments and the form's fresh tokens.
    """
    version = pagecache.version_of(pagecache.object_version_key("article", slug), request)
    anonymous = not request.user.is_authenticated
    key = f"discussion:fragment:{slug}:{version}"
    if anonymous:
        cached = cache.get(key)
        if cached is not None:
            return cached
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        return ""
    page = selectors.thread_page(article)
    context = {
        "article": article,
        "page": page,
        "problem": access.participation_problem(request.user),
        "form_key": new_key(),
        **discussion_context(request, article),
    }
    html = render_to_string("discussion/_section.html", context, request=request)
    if anonymous:
        cache.set(key, html, settings.PAGE_CACHE_SECONDS or 60)
    return html
