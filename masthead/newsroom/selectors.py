"""Read rules for the article page and the lists; each returns what a template needs."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q

from masthead.newsroom import counters
from masthead.newsroom.models import Article, Block, Gallery, GalleryItem

LIST_LENGTH = 5


def article_for_page(slug: str) -> Article | None:
    """The published article with everything its page shows, in a constant number of queries."""
    return (
        Article.objects.published()
        .select_related("section", "lead_photo")
        .prefetch_related(
            "tags",
            "authors",
            "links",
            Prefetch("blocks", queryset=Block.objects.select_related("photo")),
            Prefetch(
                "related_articles",
                queryset=Article.objects.published().for_lists().newest_first(),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def all_news(limit: int = LIST_LENGTH) -> list[Article]:
    return list(Article.objects.published().for_lists().newest_first()[:limit])


def recommended(article: Article | None = None, limit: int = LIST_LENGTH) -> list[Article]:
    """Editors' picks first, then articles sharing the most tags with this one."""
    public = Article.objects.published().for_lists()
    if article is not None:
        public = public.exclude(pk=article.pk)
    picks = list(public.filter(is_recommended=True).newest_first()[:limit])
    if article is not None and len(picks) < limit:
        tag_ids = [tag.pk for tag in article.tags.all()]
        if tag_ids:
            similar = (
                public.exclude(pk__in=[p.pk for p in picks])
                .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids)))
                .filter(shared__gt=0)
                .order_by("-shared", "-published_at")[: limit - len(picks)]
            )
            picks.extend(similar)
    return picks


def multimedia(limit: int = 3) -> list[Gallery]:
    return list(
        Gallery.objects.published().prefetch_related(
            Prefetch("items", queryset=GalleryItem.objects.select_related("photo"))
        )[:limit]
    )


def trending(limit: int = LIST_LENGTH) -> list[Article]:
    ids = cache.get("newsroom:trending")
    if ids is None:
        ids = counters.trending_ids(limit=limit)
        cache.set("newsroom:trending", ids, 60)
    found = Article.objects.published().for_lists().in_bulk(ids)
    return [found[i] for i in ids if i in found][:limit]
