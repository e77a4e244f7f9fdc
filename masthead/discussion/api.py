"""The discussion's JSON API: the same service functions as the HTML views.

Served under /api/ with its OpenAPI document at /api/openapi.json. Session-authenticated
requests need the CSRF token, as forms do; scripts use a personal token
(`Authorization: Bearer <token>`, see masthead.core.tokens).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.security import APIKeyCookie, HttpBearer

from masthead.core import pagecache
from masthead.core.prepared import PreparedQuery
from masthead.core.tokens import user_for_token
from masthead.discussion import access, selectors, services
from masthead.discussion.models import Comment
from masthead.newsroom.models import Article


class SessionAuth(APIKeyCookie):
    """The browser's session; ninja checks the CSRF token on unsafe methods."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # A write asks who the owner is and whether they may write in one query.
        if request.method in ("GET", "HEAD", "OPTIONS"):
            user = user_for_token(token)
        else:
            user = access.writer_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Masthead discussion API",
    version="1",
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)
AUTH = [TokenAuth(), SessionAuth(csrf=True)]


class Error(Schema):
    error: str


class CommentOut(Schema):
    id: int
    parent_id: int | None
    author: str
    text: str
    created_at: datetime
    edited: bool
    likes: int
    status: str
    deleted: bool = False
    in_reply_to: str | None = None
    replies: list[CommentOut] = []


class PageOut(Schema):
    comments: list[CommentOut]
    next_cursor: str | None
    count: int


class PostIn(Schema):
    text: str = Field(..., max_length=100_000)
    parent_id: int | None = Field(None, ge=1)
    idempotency_key: str | None = Field(None, max_length=64)


class EditIn(Schema):
    text: str = Field(..., max_length=100_000)


class ReportIn(Schema):
    rule: str = Field(..., max_length=40)
    note: str = Field("", max_length=500)


class WriteOut(Schema):
    comment: CommentOut
    created: bool
    message: str


class LikesOut(Schema):
    likes: int


def _out(node: selectors.Node) -> CommentOut:
    c = node.comment
    stub = node.is_stub
    return CommentOut(
        id=c.pk,
        parent_id=c.parent_id,
        author="" if stub else c.author_name,
        text="" if stub else c.text,
        created_at=c.created_at,
        edited=c.edited_at is not None,
        likes=c.like_count,
        status=c.status,
        deleted=stub,
        in_reply_to=node.in_reply_to,
        replies=[_out(child) for child in node.children],
    )


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def _published_article(slug: str, now: datetime) -> Any:
    return Article.objects.published(now).filter(slug=slug)[:1]


# Every write of the API starts here: compiled once (see masthead.core.prepared).
_PUBLISHED_ARTICLE = PreparedQuery(_published_article, slug=str, now=datetime)


def _article(slug: str) -> Article:
    article = _PUBLISHED_ARTICLE.first_object(
        router.db_for_read(Article), slug=slug, now=timezone.now()
    )
    if article is None:
        raise services.DiscussionError(_("No published article has this address."), status=404)
    return article


def _comment(comment_id: int) -> Comment:
    comment = Comment.objects.select_related("article", "author").filter(pk=comment_id).first()
    if comment is None:
        raise services.DiscussionError(_("There is no such comment."), status=404)
    return comment


@api.exception_handler(services.DiscussionError)
def discussion_error(request: HttpRequest, error: services.DiscussionError) -> Any:
    return api.create_response(request, {"error": error.message}, status=error.status)


@api.get(
    "/articles/{slug}/comments", response={200: PageOut, 400: Error, 404: Error}, tags=["comments"]
)
def list_comments(
    request: HttpRequest,
    slug: str,
    sort: Literal["newest", "oldest", "liked"] = "newest",
    after: str | None = None,
) -> Any:
    """A page of threads, each with its replies nested to the site's depth."""
    if not _SLUG.fullmatch(slug):
        # Not a slug any article can have; also keeps spaces and control characters out of
        # cache keys.
        raise services.DiscussionError(_("No published article has this address."), status=404)
    if after is not None and len(after) > 64:
        raise services.DiscussionError(_("That page of the discussion does not exist."))
    # Served from the cache like the article page: the key holds the site generation (an
    # unpublished article disappears) and the article's version, which every new, edited,
    # deleted, liked or moderated comment bumps.
    key = pagecache.versioned_key(
        "discussion:api:list",
        f"{slug}|{sort}|{after}",
        [pagecache.object_version_key("article", slug)],
    )
    body = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
    if body is None:
        article = _article(slug)
        try:
            page = selectors.thread_page(article, sort=sort, cursor=after)
        except selectors.BadCursor:
            raise services.DiscussionError(
                _("That page of the discussion does not exist.")
            ) from None
        out = PageOut(
            comments=[_out(n) for n in page.threads],
            next_cursor=page.next_cursor,
            count=article.comment_count,
        )
        # Rendered by the API's own renderer, exactly as ninja would, then kept as bytes.
        body = api.create_response(request, out.model_dump(), status=200).content
        if settings.PAGE_CACHE_SECONDS:
            cache.set(key, body, settings.PAGE_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api.post(
    "/articles/{slug}/comments",
    auth=AUTH,
    response={
        200: WriteOut,
        201: WriteOut,
        400: Error,
        403: Error,
        404: Error,
        422: WriteOut,
        429: Error,
    },
    tags=["comments"],
)
def post_comment(request: HttpRequest, slug: str, payload: PostIn) -> Any:
    """Post a comment or a reply. It is published, held for a moderator, or rejected (422)."""
    article = _article(slug)
    parent = None
    if payload.parent_id is not None:
        parent = Comment.objects.filter(pk=payload.parent_id).select_related("root").first()
        if parent is None:
            raise services.DiscussionError(_("The comment you reply to does not exist."))
    outcome = services.submit_comment(
        author=request.user,
        article=article,
        text=payload.text,
        parent=parent,
        idempotency_key=payload.idempotency_key,
    )
    status = (
        422
        if outcome.comment.status == Comment.Status.REJECTED
        else (201 if outcome.created else 200)
    )
    return status, WriteOut(
        comment=_out(selectors.Node(comment=outcome.comment)),
        created=outcome.created,
        message=outcome.message,
    )


@api.patch(
    "/comments/{comment_id}",
    auth=AUTH,
    response={200: WriteOut, 400: Error, 403: Error, 404: Error, 429: Error},
    tags=["comments"],
)
def edit_comment(request: HttpRequest, comment_id: int, payload: EditIn) -> Any:
    outcome = services.edit_comment(
        editor=request.user, comment=_comment(comment_id), text=payload.text
    )
    return WriteOut(
        comment=_out(selectors.Node(comment=outcome.comment)),
        created=False,
        message=outcome.message,
    )


@api.delete(
    "/comments/{comment_id}",
    auth=AUTH,
    response={204: None, 403: Error, 404: Error},
    tags=["comments"],
)
def delete_comment(request: HttpRequest, comment_id: int) -> Any:
    services.delete_comment(user=request.user, comment=_comment(comment_id))
    return 204, None


@api.post(
    "/comments/{comment_id}/like",
    auth=AUTH,
    response={200: LikesOut, 400: Error, 403: Error, 404: Error, 429: Error},
    tags=["reactions"],
)
def like(request: HttpRequest, comment_id: int) -> Any:
    return LikesOut(likes=services.react(user=request.user, comment=_comment(comment_id)))


@api.delete(
    "/comments/{comment_id}/like",
    auth=AUTH,
    response={200: LikesOut, 400: Error, 403: Error, 404: Error, 429: Error},
    tags=["reactions"],
)
def unlike(request: HttpRequest, comment_id: int) -> Any:
    return LikesOut(likes=services.react(user=request.user, comment=_comment(comment_id), on=False))


@api.post(
    "/comments/{comment_id}/reports",
    auth=AUTH,
    response={201: None, 400: Error, 403: Error, 404: Error, 429: Error},
    tags=["reports"],
)
def report(request: HttpRequest, comment_id: int, payload: ReportIn) -> Any:
    services.report_comment(
        user=request.user, comment=_comment(comment_id), rule=payload.rule, note=payload.note
    )
    return 201, None
