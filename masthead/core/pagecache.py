"""Whole-page caching for everyone, with per-request holes.

A page is rendered once and stored in the cache; the few parts that differ per reader (the
greeting or log-in links, the clock, messages, CSRF tokens) are marked as holes in the HTML and
filled again on every request. So a signed-in reader gets the same cached page as an anonymous
one, plus a small personal fragment, and the page still works without JavaScript.

Invalidation is by version numbers kept in the cache: a site-wide generation, bumped when
anything that appears in lists is published or changed, and optional per-object versions (for
example an article's, bumped by a new comment), so a change invalidates exactly the pages that
show it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from masthead.core.cache import bump_versions

GENERATION_KEY = "pagecache:generation"
_HOLE = re.compile(r"<!--hole:(?P<name>[a-z_]+)(?::(?P<arg>[\w-]*))?-->.*?<!--/hole-->", re.DOTALL)

# A renderer gets the request and the hole's argument (e.g. an article's slug), or "".
HoleRenderer = Callable[[HttpRequest, str], str]
_holes: dict[str, HoleRenderer] = {}
# Holes whose content is the same for every anonymous reader of one version of the page.
_same_for_anonymous: set[str] = set()


def register_hole(
    name: str, *, same_for_anonymous: bool = False
) -> Callable[[HoleRenderer], HoleRenderer]:
    """Register a hole's renderer. `same_for_anonymous`: its output for anonymous readers
    depends only on the versions in the page's key (the discussion under an article), so the
    cached page keeps the anonymous rendering and anonymous hits do not render it again."""

    def decorator(func: HoleRenderer) -> HoleRenderer:
        _holes[name] = func
        if same_for_anonymous:
            _same_for_anonymous.add(name)
        return func

    return decorator


def render_hole(name: str, request: HttpRequest, arg: str = "") -> str:
    marker = f"{name}:{arg}" if arg else name
    return f"<!--hole:{marker}-->{_holes[name](request, arg)}<!--/hole-->"


def fill_holes(html: str, request: HttpRequest, *, keep_anonymous: bool = False) -> str:
    """Render every hole again; with `keep_anonymous`, leave the same-for-anonymous ones."""

    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if keep_anonymous and name in _same_for_anonymous:
            return match.group(0)
        return render_hole(name, request, match.group("arg") or "")

    return _HOLE.sub(fill, html)


def bump(*names: str) -> None:
    """Invalidate every page that depends on one of these versions.

    A missing version reads as 1, so bumping it stores 2. On Redis all of them move in one
    round trip (Django's `incr` costs two: EXISTS, then INCRBY); elsewhere one call each.
    """
    names = names or (GENERATION_KEY,)
    if bump_versions(names):
        return
    for name in names:
        try:
            cache.incr(name)
        except ValueError:
            cache.set(name, 2, timeout=None)


def version_of(name: str, request: HttpRequest | None = None) -> int:
    """The current version; with a request, the one its page key was built with if it read it
    (a hole then costs no second cache round trip, and matches the page it is filled into)."""
    read: dict[str, Any] | None = getattr(request, "_pagecache_versions", None)
    if read is not None and name in read:
        return int(read[name] or 1)
    return int(cache.get(name) or 1)


def object_version_key(kind: str, ident: object) -> str:
    return f"pagecache:v:{kind}:{ident}"


@dataclass
class CachedPage:
    html: str
    status: int
    content_type: str
    extra: dict[str, Any] = field(default_factory=dict)
    # The same-for-anonymous holes in `html` hold an anonymous reader's rendering.
    anonymous: bool = False


def versioned_key(
    prefix: str, raw: str, versions: Iterable[str], request: HttpRequest | None = None
) -> str:
    """A cache key that changes when the site generation or one of `versions` is bumped.

    One `get_many` reads every version; the key is hashed, so any text may go into `raw`.
    """
    names = [GENERATION_KEY, *versions]
    found = cache.get_many(names)
    if request is not None:
        request._pagecache_versions = {n: found.get(n, 1) for n in names}  # type: ignore[attr-defined]
    stamp = ":".join(str(found.get(n, 1)) for n in names)
    return f"{prefix}:" + hashlib.sha256(f"{raw}|{stamp}".encode()).hexdigest()


def _page_key(request: HttpRequest, versions: Iterable[str]) -> str:
    raw = f"{get_language()}|{request.get_full_path()}"
    return versioned_key("pagecache:page", raw, versions, request)


def cached_page(
    request: HttpRequest,
    render: Callable[[], tuple[HttpResponse, dict[str, Any]]],
    *,
    versions: Iterable[str] = (),
) -> tuple[HttpResponse, dict[str, Any]]:
    """Serve the page from cache, or render and store it. `render` returns (response, extra)."""
    cacheable = request.method in {"GET", "HEAD"} and settings.PAGE_CACHE_SECONDS > 0
    versions = list(versions)
    key = _page_key(request, versions) if cacheable else ""
    page: CachedPage | None = cache.get(key) if cacheable else None
    if page is None:
        # Just rendered for this request, holes included: stored as it is, served as it is.
        response, extra = render()
        if not cacheable or response.status_code != 200 or response.streaming:
            return response, extra
        page = CachedPage(
            html=response.content.decode(response.charset),
            status=response.status_code,
            content_type=response["Content-Type"],
            extra=extra,
            anonymous=not request.user.is_authenticated,
        )
        cache.set(key, page, settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
    else:
        anonymous = not request.user.is_authenticated
        html = fill_holes(page.html, request, keep_anonymous=anonymous and page.anonymous)
        if anonymous and not page.anonymous and _same_for_anonymous:
            # Rendered first for a signed-in reader: keep the anonymous rendering from now on.
            cache.set(key, replace(page, html=html, anonymous=True), settings.PAGE_CACHE_SECONDS)
        response = HttpResponse(html, status=page.status, content_type=page.content_type)
        response["X-Page-Cache"] = "hit"
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_SECONDS
        )
    return response, page.extra


def hole_html(name: str, context: dict[str, Any], request: HttpRequest) -> str:
    return render_to_string(f"holes/{name}.html", context, request=request)
