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
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
_HOLE = re.compile(r"<!--hole:(?P<name>[a-z_]+)(?::(?P<arg>[\w-]*))?-->.*?<!--/hole-->", re.DOTALL)

# A renderer gets the request and the hole's argument (e.g. an article's slug), or "".
HoleRenderer = Callable[[HttpRequest, str], str]
_holes: dict[str, HoleRenderer] = {}


def register_hole(name: str) -> Callable[[HoleRenderer], HoleRenderer]:
    def decorator(func: HoleRenderer) -> HoleRenderer:
        _holes[name] = func
        return func

    return decorator


def render_hole(name: str, request: HttpRequest, arg: str = "") -> str:
    marker = f"{name}:{arg}" if arg else name
    return f"<!--hole:{marker}-->{_holes[name](request, arg)}<!--/hole-->"


def fill_holes(html: str, request: HttpRequest) -> str:
    return _HOLE.sub(lambda m: render_hole(m.group("name"), request, m.group("arg") or ""), html)


def bump(*names: str) -> None:
    """Invalidate every page that depends on one of these versions."""
    for name in names or (GENERATION_KEY,):
        try:
            cache.incr(name)
        except ValueError:
            cache.set(name, 2, timeout=None)


def version_of(name: str) -> int:
    return int(cache.get(name) or 1)


def object_version_key(kind: str, ident: object) -> str:
    return f"pagecache:v:{kind}:{ident}"


@dataclass
class CachedPage:
    html: str
    status: int
    content_type: str
    extra: dict[str, Any] = field(default_factory=dict)


def versioned_key(prefix: str, raw: str, versions: Iterable[str]) -> str:
    """A cache key that changes when the site generation or one of `versions` is bumped.

    One `get_many` reads every version; the key is hashed, so any text may go into `raw`.
    """
    names = [GENERATION_KEY, *versions]
    found = cache.get_many(names)
    stamp = ":".join(str(found.get(n, 1)) for n in names)
    return f"{prefix}:" + hashlib.sha256(f"{raw}|{stamp}".encode()).hexdigest()


def _page_key(request: HttpRequest, versions: Iterable[str]) -> str:
    raw = f"{get_language()}|{request.get_full_path()}"
    return versioned_key("pagecache:page", raw, versions)


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
        )
        cache.set(key, page, settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
    else:
        response = HttpResponse(
            fill_holes(page.html, request), status=page.status, content_type=page.content_type
        )
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
