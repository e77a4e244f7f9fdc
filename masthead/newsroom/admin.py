"""The editors' desk: the Django admin arranged for a newsroom."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from masthead.newsroom import selectors, services
from masthead.newsroom.models import (
    Article,
    Author,
    Block,
    Gallery,
    GalleryItem,
    Photo,
    RelatedLink,
    Section,
    Tag,
)
from masthead.newsroom.photos import make_renditions, validate_photo_upload


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "source_url"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and hasattr(image, "size") and not getattr(image, "_committed", True):
            validate_photo_upload(image)
        return image


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "caption", "credit", "created_at"]
    search_fields = ["caption", "alt_text", "credit"]
    readonly_fields = ["width", "height", "created_at"]

    @admin.display(description=_("picture"))
    def thumbnail(self, obj: Photo) -> str:
        if not obj.renditions:
            return "—"
        return format_html('<img src="{}" alt="" width="96">', obj.srcset.split(" ")[0])

    def save_model(self, request: HttpRequest, obj: Photo, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data or not obj.renditions:
            make_renditions(obj)


class BlockInline(admin.StackedInline):
    model = Block
    extra = 1
    fields = ["position", "kind", "text", "cite", "photo"]
    autocomplete_fields = ["photo"]
    classes = ["collapse-open"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 1
    fields = ["position", "title", "url"]


class ArticleForm(forms.ModelForm):
    # Not stored on the article: an instruction for this save only (see save_related).
    send_push = forms.BooleanField(
        label=_("Send a push notification"),
        required=False,
        help_text=_(
            "To readers who follow this article's section or tags. Published articles only."
        ),
    )
    push_breaking = forms.BooleanField(
        label=_("Breaking news"),
        required=False,
        help_text=_("With the push: also alert every reader who follows breaking news."),
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields shown

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("push_breaking") and not cleaned.get("send_push"):
            self.add_error("push_breaking", _("Tick “Send a push notification” as well."))
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "status", "published_at", "is_recommended", "view_count"]
    list_filter = [
        "status",
        "section",
        "is_recommended",
        "language",
        "tags",
        ("published_at", admin.DateFieldListFilter),
    ]
    search_fields = ["headline", "standfirst", "body_text", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["tags", "authors", "lead_photo", "related_articles"]
    readonly_fields = ["short_link", "view_count", "updated_at", "preview_link"]
    inlines = [BlockInline, RelatedLinkInline]
    actions = ["publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "section", "dateline", "language"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_recommended",
                    "comments_open",
                    "send_push",
                    "push_breaking",
                    "preview_link",
                    "short_link",
                    "view_count",
                    "updated_at",
                ]
            },
        ),
        (
            _("Pictures and links"),
            {"fields": ["lead_photo", "authors", "tags", "related_articles"]},
        ),
    ]

    @admin.display(description=_("short link"))
    def short_link(self, obj: Article) -> str:
        return obj.get_short_url() if obj.pk else "—"

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Article) -> str:
        if not obj.pk:
            return "—"
        url = reverse("admin:newsroom_article_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Open the preview"))

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview),
                name="newsroom_article_preview",
            )
        ]
        return extra + super().get_urls()

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The article as readers will see it, whatever its status; never cached."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        article = get_object_or_404(
            Article.objects.select_related("section", "lead_photo").prefetch_related(
                "tags", "authors", "links", "blocks__photo", "related_articles"
            ),
            pk=pk,
        )
        return render(
            request,
            "newsroom/article_detail.html",
            {
                "article": article,
                "preview": True,
                "widget_date": article.published_at,
                "all_news": selectors.all_news(),
                "recommended": [],
                "multimedia": [],
                "trending": [],
            },
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Tags and blocks are saved after the article itself: only now is the text complete.
        super().save_related(request, form, formsets, change)
        services.article_saved(form.instance)
        if form.cleaned_data.get("send_push"):
            self.send_push(request, form.instance, breaking=form.cleaned_data["push_breaking"])

    def send_push(self, request: HttpRequest, article: Article, *, breaking: bool) -> None:
        from masthead.notifications.services import send_article_push

        try:
            sent_by = request.user if request.user.is_authenticated else None
            send_article_push(article, breaking=breaking, sent_by=sent_by)
        except ValueError as error:
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.message_user(request, _("The push notification is on its way."), messages.SUCCESS)

    @admin.action(description=_("Publish the selected articles now"))
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            services.publish_article(article, at=timezone.now())
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d article published.", "%(n)d articles published.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Take the selected articles back to draft"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.unpublish_article(article)
        self.message_user(request, _("The articles are drafts again."), messages.SUCCESS)


class GalleryItemInline(admin.TabularInline):
    model = GalleryItem
    extra = 2
    fields = ["position", "photo", "caption"]
    autocomplete_fields = ["photo"]
    ordering = ["position"]


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "published_at", "section"]
    list_filter = ["is_published", "section"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [GalleryItemInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.content_changed()
