"""Small factories for test data, built in code (no fixtures files)."""

from __future__ import annotations

import io
import itertools
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from masthead.newsroom import services
from masthead.newsroom.models import Article, Block, Photo, Section, Tag

_counter = itertools.count(1)


def section(**fields: Any) -> Section:
    n = next(_counter)
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def tag(name: str) -> Tag:
    from django.utils.text import slugify

    return Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def jpeg_bytes(size: tuple[int, int] = (640, 360), color: str = "steelblue") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def photo(**fields: Any) -> Photo:
    from masthead.newsroom.photos import make_renditions

    n = next(_counter)
    fields.setdefault("alt_text", f"Picture {n}")
    fields.setdefault("caption", f"Caption {n}")
    fields.setdefault("credit", "Test Photographer / Masthead")
    obj = Photo(**fields)
    obj.image.save(f"test-{n}.jpg", ContentFile(jpeg_bytes()), save=False)
    obj.width, obj.height = 640, 360
    obj.save()
    make_renditions(obj)
    return obj


def article(
    *,
    headline: str | None = None,
    body: list[str] | None = None,
    tags: list[str] = (),  # type: ignore[assignment]
    published_at: datetime | None = None,
    status: str = Article.Status.PUBLISHED,
    **fields: Any,
) -> Article:
    n = next(_counter)
    if "section" not in fields:
        fields["section"] = section()
    obj = Article.objects.create(
        headline=headline or f"Headline number {n}",
        slug=fields.pop("slug", f"article-{n}"),
        standfirst=fields.pop("standfirst", f"Standfirst {n}."),
        status=Article.Status.DRAFT,
        **fields,
    )
    obj.tags.set(tag(t) for t in tags)
    for position, text in enumerate(body or [f"Body paragraph of article {n}."]):
        Block.objects.create(article=obj, position=position, text=text)
    if status == Article.Status.DRAFT:
        services.index_article(obj)
        return obj
    return services.publish_article(obj, at=published_at or timezone.now() - timedelta(hours=1))


def comment(
    article: Article,
    author: Any,
    text: str = "A fair point about the story.",
    parent: Any = None,
    **fields: Any,
) -> Any:
    """A published comment stored directly, without the standards review (for reading tests)."""
    from django.db.models import F

    from masthead.discussion.models import Comment

    obj = Comment.objects.create(
        article=article,
        author=author,
        parent=parent,
        root=(parent.root or parent) if parent is not None else None,
        depth=(parent.depth + 1) if parent is not None else 0,
        text=text,
        **fields,
    )
    if obj.status == Comment.Status.PUBLISHED:
        Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + 1)
    return obj
