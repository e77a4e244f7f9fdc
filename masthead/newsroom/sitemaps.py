from __future__ import annotations

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.utils import timezone

from masthead.newsroom.models import Article, Gallery, Section, Tag


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.published()
            .order_by("-published_at", "-id")
            .only("slug", "updated_at", "published_at")
        )

    def lastmod(self, item: Article):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self) -> QuerySet[Section]:
        return Section.objects.all()


class TagSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.3

    def items(self) -> QuerySet[Tag]:
        return Tag.objects.all()


class GallerySitemap(Sitemap):
    def items(self) -> QuerySet[Gallery]:
        return Gallery.objects.published()

    def lastmod(self, item: Gallery):
        return item.published_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "galleries": GallerySitemap,
}


def news_sitemap_articles() -> QuerySet[Article]:
    """Google News asks for the articles of the last two days only."""
    since = timezone.now() - timedelta(days=2)
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .order_by("-published_at")
        .only("slug", "headline", "published_at", "language")[:1000]
    )
