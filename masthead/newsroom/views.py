"""HTTP adapters: parse the request, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from masthead.core import pagecache
from masthead.newsroom import counters, search, selectors
from masthead.newsroom.models import Article, Author, Gallery, GalleryItem, Section, Tag
from masthead.newsroom.sitemaps import news_sitemap_articles

PAGE_SIZE = 20


def _page(request: HttpRequest, items: QuerySet[Any] | list[Any], size: int = PAGE_SIZE):
    raw = request.GET.get("page", "1")
    paginator = Paginator(items, size)
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        raise Http404(_("The page number must be a whole number.")) from None
    except EmptyPage:
        raise Http404(_("There is no page %(page)s.") % {"page": raw[:20]}) from None


def _sidebar(article: Article | None = None) -> dict[str, Any]:
    return {
        "all_news": selectors.all_news(),
        "recommended": selectors.recommended(article),
        "multimedia": selectors.multimedia(),
        "trending": selectors.trending(),
    }


def _cached(request: HttpRequest, template: str, context_factory, versions=()):
    def render_page() -> tuple[HttpResponse, dict[str, Any]]:
        context = context_factory()
        extra = context.pop("_extra", {})
        return render(request, template, context), extra

    return pagecache.cached_page(request, render_page, versions=versions)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    def context() -> dict[str, Any]:
        latest = list(Article.objects.published().for_lists().newest_first()[:13])
        return {"lead": latest[0] if latest else None, "latest": latest[1:], **_sidebar()}

    response, _extra = _cached(request, "newsroom/home.html", context)
    return response


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    def context() -> dict[str, Any]:
        article = selectors.article_for_page(slug)
        if article is None:
            raise Http404(_("No published article has this address."))
        return {
            "article": article,
            "widget_date": article.published_at,
            "_extra": {"article_id": article.pk},
            **_sidebar(article),
        }

    response, extra = _cached(
        request,
        "newsroom/article_detail.html",
        context,
        versions=[pagecache.object_version_key("article", slug)],
    )
    if "article_id" in extra:
        counters.record_view(request, extra["article_id"])
    return response


@require_safe
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    article = Article.objects.published().filter(short_code=code.lower()).only("slug").first()
    if article is None:
        raise Http404(_("This short link does not lead to any article."))
    return HttpResponsePermanentRedirect(article.get_absolute_url())


@require_safe
def all_news(request: HttpRequest) -> HttpResponse:
    page = _page(request, Article.objects.published().for_lists().newest_first())
    return render(
        request,
        "newsroom/list.html",
        {"title": _("All news"), "page": page, "articles": page.object_list},
    )


@require_safe
def recommended(request: HttpRequest) -> HttpResponse:
    items = selectors.recommended(limit=PAGE_SIZE)
    return render(request, "newsroom/list.html", {"title": _("Recommended"), "articles": items})


@require_safe
def trending(request: HttpRequest) -> HttpResponse:
    items = selectors.trending(limit=PAGE_SIZE)
    return render(
        request,
        "newsroom/list.html",
        {
            "title": _("Trending"),
            "articles": items,
            "empty": _("Nothing is trending yet: no article has been read in the last day."),
        },
    )


@require_safe
def multimedia(request: HttpRequest) -> HttpResponse:
    page = _page(request, Gallery.objects.published().prefetch_related("items__photo"), 12)
    return render(request, "newsroom/multimedia.html", {"page": page})


@require_safe
def section(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Section, slug=slug)
    page = _page(
        request, Article.objects.published().for_lists().filter(section=obj).newest_first()
    )
    return render(
        request,
        "newsroom/list.html",
        {
            "title": obj.name,
            "intro": obj.description,
            "page": page,
            "articles": page.object_list,
            "feed_section": obj,
        },
    )


@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.published().for_lists().filter(tags=obj).newest_first())
    return render(
        request,
        "newsroom/list.html",
        {
            "title": _("Tag: %(tag)s") % {"tag": obj.name},
            "page": page,
            "feed_tag": obj,
            "articles": page.object_list,
        },
    )


@require_safe
def author(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Author, slug=slug)
    page = _page(
        request, Article.objects.published().for_lists().filter(authors=obj).newest_first()
    )
    return render(
        request,
        "newsroom/list.html",
        {"title": obj.name, "intro": obj.bio, "page": page, "articles": page.object_list},
    )


@require_safe
def gallery(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Gallery.objects.published(), slug=slug)
    items = GalleryItem.objects.filter(gallery=obj).select_related("photo")
    return render(request, "newsroom/gallery.html", {"gallery": obj, "items": items})


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    try:
        terms = search.parse_query(raw)
    except search.InvalidQuery as error:
        return render(
            request, "newsroom/search.html", {"q": raw[:200], "error": str(error)}, status=400
        )
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 0
    if not 1 <= number <= 1000:
        return render(
            request,
            "newsroom/search.html",
            {"q": raw, "error": _("The page number must be between 1 and 1000.")},
            status=400,
        )
    size = 10
    results = search.search(raw, offset=(number - 1) * size, limit=size) if terms else None
    pages = (results.total + size - 1) // size if results else 0
    return render(
        request,
        "newsroom/search.html",
        {
            "q": raw,
            "results": results,
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
            "pages": pages,
        },
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        f"Sitemap: {settings.SITE_URL}/sitemap-news.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "newsroom/sitemap_news.xml",
        {"articles": news_sitemap_articles(), "now": timezone.now()},
        content_type="application/xml; charset=utf-8",
    )
