from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from masthead.newsroom.models import Article, Section, Tag

FEED_LENGTH = 30


class AllNewsFeed(Feed):
    def title(self) -> str:
        return _("%(site)s: all news") % {"site": settings.SITE_NAME}

    def link(self) -> str:
        return "/"

    def description(self) -> str:
        return _("The latest articles from %(site)s.") % {"site": settings.SITE_NAME}

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().for_lists().newest_first()[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name]


class AllNewsAtom(AllNewsFeed):
    feed_type = Atom1Feed
    subtitle = AllNewsFeed.description


class SectionFeed(AllNewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:  # type: ignore[override]
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: Section) -> str:  # type: ignore[override]
        return obj.get_absolute_url()

    def description(self, obj: Section) -> str:  # type: ignore[override]
        return obj.description or obj.name

    def items(self, obj: Section) -> QuerySet[Article]:  # type: ignore[override]
        return (
            Article.objects.published().for_lists().filter(section=obj).newest_first()[:FEED_LENGTH]
        )


class TagFeed(AllNewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag) -> str:  # type: ignore[override]
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: Tag) -> str:  # type: ignore[override]
        return obj.get_absolute_url()

    def description(self, obj: Tag) -> str:  # type: ignore[override]
        return _("Articles tagged “%(tag)s”.") % {"tag": obj.name}

    def items(self, obj: Tag) -> QuerySet[Article]:  # type: ignore[override]
        return Article.objects.published().for_lists().filter(tags=obj).newest_first()[:FEED_LENGTH]


class SectionAtom(SectionFeed):
    feed_type = Atom1Feed


class TagAtom(TagFeed):
    feed_type = Atom1Feed
