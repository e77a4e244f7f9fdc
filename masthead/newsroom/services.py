"""The newsroom's writes. The admin, the demo loader and commands all go through these."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from masthead.core import pagecache
from masthead.newsroom import search
from masthead.newsroom.html import html_to_text
from masthead.newsroom.models import Article, Block

LAST_ANNOUNCED_KEY = "newsroom:last-due-check"


def content_changed(article: Article | None = None) -> None:
    """Invalidate cached pages once the change is committed: lists show any article."""

    def bump() -> None:
        keys = [pagecache.GENERATION_KEY]
        if article is not None:
            # Article pages and their discussion are versioned by slug (the key in the URL).
            keys.append(pagecache.object_version_key("article", article.slug))
        pagecache.bump(*keys)
        cache.delete("newsroom:trending")

    transaction.on_commit(bump)


def index_article(article: Article) -> None:
    """Rebuild the article's plain text and its search entry from its blocks and tags."""
    texts = []
    for block in article.blocks.all():
        if block.kind == Block.Kind.PHOTO:
            if block.photo is not None and block.photo.caption:
                texts.append(block.photo.caption)
        else:
            texts.append(html_to_text(block.text))
    article.body_text = "\n\n".join(t for t in texts if t)
    Article.objects.filter(pk=article.pk).update(body_text=article.body_text)
    search.index(article)


def article_saved(article: Article) -> None:
    """Everything that follows an edit: the search entry, then the caches."""
    index_article(article)
    content_changed(article)


def publish_article(article: Article, *, at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at` (an article scheduled for the past is published)."""
    when = at or timezone.now()
    article.published_at = when
    article.status = Article.Status.SCHEDULED if when > timezone.now() else Article.Status.PUBLISHED
    article.full_clean()
    with transaction.atomic():
        article.save()
        article_saved(article)
    return article


def unpublish_article(article: Article) -> Article:
    with transaction.atomic():
        article.status = Article.Status.DRAFT
        article.save(update_fields=["status", "updated_at"])
        content_changed(article)
    return article


def announce_due_articles() -> int:
    """Scheduled articles become visible by themselves; the page cache must learn it too."""
    now = timezone.now()
    since = cache.get(LAST_ANNOUNCED_KEY) or now
    due = Article.objects.filter(
        status=Article.Status.SCHEDULED, published_at__gt=since, published_at__lte=now
    ).count()
    cache.set(LAST_ANNOUNCED_KEY, now, timeout=None)
    if due:
        pagecache.bump()
    return due
