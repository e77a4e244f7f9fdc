"""The demo newsroom: original articles (demo_content.py) with generated photos."""

from __future__ import annotations

import hashlib
import io
import random
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter

from masthead.newsroom import demo_content as content
from masthead.newsroom import services
from masthead.newsroom.models import (
    Article,
    ArticleViewHour,
    Author,
    Block,
    Gallery,
    GalleryItem,
    Photo,
    RelatedLink,
    Section,
    Tag,
)
from masthead.newsroom.photos import make_renditions

PHOTO_SIZE = (1200, 675)


def draw_picture(key: str) -> bytes:
    """A calm landscape-like picture, different for every key and the same on every run."""
    rng = random.Random(hashlib.sha256(key.encode()).digest())  # noqa: S311 - not security
    width, height = PHOTO_SIZE
    top = tuple(rng.randint(40, 200) for _ in range(3))
    bottom = tuple(rng.randint(120, 255) for _ in range(3))
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun = (rng.randint(100, width - 100), rng.randint(60, height // 2))
    radius = rng.randint(40, 90)
    draw.ellipse(
        [sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius],
        fill=(255, rng.randint(200, 240), rng.randint(120, 200)),
    )
    for layer in range(3):
        base = height * (0.55 + 0.13 * layer)
        shade = tuple(max(0, c - 60 - 35 * layer) for c in bottom)
        points: list[tuple[float, float]] = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.randint(-60, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(2, 6)):
        x = rng.randint(0, width - 60)
        w, h = rng.randint(30, 90), rng.randint(60, 200)
        draw.rectangle(
            [x, height - h, x + w, height], fill=tuple(rng.randint(20, 70) for _ in range(3))
        )
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def make_photo(spec: dict[str, str]) -> Photo:
    existing = Photo.objects.filter(image__contains=f"demo-{spec['key']}").first()
    if existing is not None:
        return existing
    photo = Photo(
        alt_text=spec["alt"],
        caption=spec.get("caption", ""),
        credit=spec["credit"],
    )
    photo.image.save(f"demo-{spec['key']}.jpg", ContentFile(draw_picture(spec["key"])), save=False)
    photo.width, photo.height = PHOTO_SIZE
    photo.save()
    make_renditions(photo)
    return photo


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def load(stdout: Any) -> None:
    spec: Any  # the demo content is plain data of several shapes
    sections = {}
    for position, spec in enumerate(content.SECTIONS):
        sections[spec["slug"]], _ = Section.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "position": position,
            },
        )
    authors = {}
    for spec in content.AUTHORS:
        authors[spec["slug"]], _ = Author.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "bio": spec["bio"]}
        )
    articles: dict[str, Article] = {}
    for index, spec in enumerate(content.ARTICLES):
        article, _ = Article.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "headline": spec["headline"],
                "standfirst": spec["standfirst"],
                "section": sections[spec["section"]],
                "dateline": spec.get("dateline", ""),
                "is_recommended": spec.get("recommended", False),
                "lead_photo": make_photo(spec["lead_photo"]) if spec.get("lead_photo") else None,
            },
        )
        article.tags.set(
            Tag.objects.get_or_create(
                slug=slugify(name, allow_unicode=True), defaults={"name": name}
            )[0]
            for name in spec["tags"]
        )
        article.authors.set(authors[slug] for slug in spec.get("authors", []))
        article.blocks.all().delete()
        for position, block in enumerate(spec["body"]):
            kind = block[0]
            if kind == "photo":
                Block.objects.create(
                    article=article,
                    position=position,
                    kind=Block.Kind.PHOTO,
                    photo=make_photo(block[1]),
                )
            elif kind == "h":
                Block.objects.create(
                    article=article, position=position, kind=Block.Kind.SUBHEAD, text=block[1]
                )
            elif kind == "q":
                Block.objects.create(
                    article=article,
                    position=position,
                    kind=Block.Kind.QUOTE,
                    text=block[1],
                    cite=block[2] if len(block) > 2 else "",
                )
            else:
                Block.objects.create(
                    article=article, position=position, kind=Block.Kind.PARAGRAPH, text=block[1]
                )
        article.links.all().delete()
        # Links to articles already listed as related would show twice.
        related_urls = {f"/articles/{slug}/" for slug in spec.get("related", [])}
        links = [(t, u) for t, u in spec.get("related_links", []) if u not in related_urls]
        for position, (title, url) in enumerate(links):
            RelatedLink.objects.create(article=article, title=title, url=url, position=position)
        services.publish_article(article, at=_when(spec["published"]))
        # The seed's article had 311 views; the others get plausible, different numbers.
        views = 311 if index == 0 else 40 + (index * 97) % 900
        # A demo article was last touched when it was published, not when the demo was loaded.
        Article.objects.filter(pk=article.pk).update(
            view_count=views, updated_at=article.published_at
        )
        articles[spec["slug"]] = article
    for spec in content.ARTICLES:
        articles[spec["slug"]].related_articles.set(articles[s] for s in spec.get("related", []))
    for spec in content.GALLERIES:
        gallery, _ = Gallery.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "description": spec.get("description", ""),
                "is_published": True,
                "published_at": _when(spec["published"]),
            },
        )
        gallery.items.all().delete()
        for position, item in enumerate(spec["items"]):
            GalleryItem.objects.create(
                gallery=gallery,
                photo=make_photo(item),
                position=position,
                caption=item.get("caption", ""),
            )
    # Views in the last day, so "Trending" has something to show in a fresh demo.
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    for rank, article in enumerate(list(articles.values())[:8]):
        for back in range(0, 24, 3):
            ArticleViewHour.objects.update_or_create(
                article=article,
                hour=hour - timedelta(hours=back),
                defaults={"views": 5 + (8 - rank) * 7 + back},
            )
    for article in articles.values():
        services.index_article(article)
    services.content_changed()
    stdout.write(f"demo newsroom: {len(articles)} articles, {len(content.GALLERIES)} galleries")
