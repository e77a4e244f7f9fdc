"""The newsroom's content: sections, tags, authors, photos, articles and galleries.

What the public may see is defined once, by the `published()` QuerySet methods; every list,
feed, sitemap and search goes through them.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext.db.models.manager import RelatedManager

SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: codes are read aloud
SHORT_CODE_LENGTH = 7


def validate_link(value: str) -> None:
    """An absolute http(s) address, or a path on this site (which survives a change of domain)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position in menus"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:section", args=[self.slug])


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:tag", args=[self.slug])


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    bio = models.TextField(_("biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", args=[self.slug])


class Photo(models.Model):
    image = models.ImageField(
        _("image"), upload_to="photos/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_("Photographer and agency, e.g. “Jane Roe / Masthead”."),
    )
    source_url = models.URLField(_("source address"), blank=True)
    # [{"width": 480, "height": 270, "name": "photos/renditions/…-480.jpg"}, …], smallest first.
    renditions = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(condition=~Q(credit=""), name="photo_credit_required"),
            models.CheckConstraint(condition=~Q(alt_text=""), name="photo_alt_text_required"),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt_text

    @property
    def srcset(self) -> str:
        from django.core.files.storage import default_storage

        return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in self.renditions)

    @property
    def best_url(self) -> str:
        """The largest rendition (for Open Graph and feeds), else the original."""
        from django.core.files.storage import default_storage

        if self.renditions:
            return default_storage.url(self.renditions[-1]["name"])
        return self.image.url


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, now: datetime | None = None) -> ArticleQuerySet:
        """What the public sees. A scheduled article appears by itself once its time has come."""
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=now or timezone.now(),
        )

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-id")

    def for_lists(self) -> ArticleQuerySet:
        """Everything a list item shows, in a constant number of queries."""
        return self.select_related("section", "lead_photo")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.CharField(_("standfirst"), max_length=400, blank=True)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), blank=True, related_name="articles"
    )
    lead_photo = models.ForeignKey(
        Photo,
        verbose_name=_("lead photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dateline = models.CharField(_("dateline"), max_length=80, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    is_recommended = models.BooleanField(
        _("editors' pick"), default=False, help_text=_("Shown first under “Recommended”.")
    )
    related_articles = models.ManyToManyField(
        "self", verbose_name=_("related articles"), blank=True, symmetrical=False
    )
    short_code = models.CharField(
        _("short code"), max_length=16, unique=True, default=new_short_code, editable=False
    )
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    # Kept by the discussion's services with F() updates, so every list shows it without a join.
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    # Plain text of the body, kept for search and descriptions; rebuilt by index_article().
    body_text = models.TextField(editable=False, blank=True)

    objects = ArticleQuerySet.as_manager()

    if TYPE_CHECKING:
        blocks: RelatedManager[Block]
        links: RelatedManager[RelatedLink]

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_publication_time_required",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "scheduled", "published"]),
                name="article_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_list"),
            # The lists ask for "published or scheduled" (two values), which an index led by
            # status cannot return in date order: PostgreSQL read the whole table and sorted it.
            # These hold only public rows, newest first, so a list page is an index's first 20
            # entries (tests/scale/test_indexes.py checks the plans).
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=["published", "scheduled"]),
                name="article_newest_public",
            ),
            models.Index(
                fields=["section", "-published_at", "-id"],
                condition=Q(status__in=["published", "scheduled"]),
                name="article_section_public",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("newsroom:article", args=[self.slug])

    def get_short_url(self) -> str:
        return reverse("newsroom:short", args=[self.short_code])

    def clean(self) -> None:
        if self.status != self.Status.DRAFT and self.published_at is None:
            raise ValidationError(
                {"published_at": _("Give a publication time to publish or schedule the article.")}
            )
        if (
            self.status == self.Status.SCHEDULED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self._state.adding
        ):
            raise ValidationError(
                {"published_at": _("A scheduled article needs a time in the future.")}
            )

    @property
    def is_public(self) -> bool:
        return (
            self.status != self.Status.DRAFT
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Block(models.Model):
    """One piece of an article's body, in order: a paragraph, a subhead, a quote or a photo."""

    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph")
        SUBHEAD = "subhead", _("Subhead")
        QUOTE = "quote", _("Quote")
        PHOTO = "photo", _("Photo")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PARAGRAPH)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Paragraphs may use links, emphasis and lists; anything else is removed."),
    )
    cite = models.CharField(_("quote attributed to"), max_length=200, blank=True)
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("body block")
        verbose_name_plural = _("body blocks")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="photo", photo__isnull=False) | (~Q(kind="photo") & ~Q(text="")),
                name="block_has_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}"

    def save(self, *args, **kwargs) -> None:
        # Sanitising here, not in a form, means the admin, the demo loader and any future import
        # path all store the same safe HTML.
        from masthead.newsroom.html import sanitize_body_html, strip_all_html

        if self.kind == self.Kind.PARAGRAPH:
            self.text = sanitize_body_html(self.text)
        else:
            self.text = strip_all_html(self.text)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.kind == self.Kind.PHOTO and self.photo_id is None:
            raise ValidationError({"photo": _("Choose the photo for this block.")})
        if self.kind != self.Kind.PHOTO and not self.text.strip():
            raise ValidationError({"text": _("This block needs some text.")})


class RelatedLink(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(
        _("address"),
        max_length=500,
        validators=[validate_link],
        help_text=_("A full http(s) address, or a path on this site such as /articles/…/."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")

    def __str__(self) -> str:
        return self.title


class GalleryQuerySet(models.QuerySet["Gallery"]):
    def published(self) -> GalleryQuerySet:
        return self.filter(is_published=True, published_at__lte=timezone.now())


class Gallery(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("publication time"), default=timezone.now)

    objects = GalleryQuerySet.as_manager()

    if TYPE_CHECKING:
        items: RelatedManager[GalleryItem]

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:gallery", args=[self.slug])

    @property
    def cover(self) -> GalleryItem | None:
        items = list(self.items.all())
        return items[0] if items else None


class GalleryItem(models.Model):
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="items")
    photo = models.ForeignKey(Photo, verbose_name=_("photo"), on_delete=models.PROTECT)
    caption = models.CharField(
        _("caption"), max_length=400, blank=True, help_text=_("Leave empty to use the photo's.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")

    def __str__(self) -> str:
        return self.caption or str(self.photo)

    @property
    def shown_caption(self) -> str:
        return self.caption or self.photo.caption


class ArticleViewHour(models.Model):
    """Views per article per hour: the raw material of "Trending"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="one_view_row_per_hour"),
        ]
        indexes = [models.Index(fields=["hour", "article"], name="views_by_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}h: {self.views}"


class ViewFlush(models.Model):
    """A flushed batch of buffered views; its id makes a retried flush a no-op."""

    batch = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)
    views = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.batch
