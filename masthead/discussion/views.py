"""HTML adapters for the discussion: plain forms that work without JavaScript.

With JavaScript (static/discussion/discussion.js) the same endpoints answer with fragments, so
posting, replying and editing happen in place.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from masthead.discussion import access, live, selectors, services
from masthead.discussion.models import Comment
from masthead.discussion.rules import rule_choices, rules_in_force
from masthead.newsroom.models import Article


def _article(slug: str) -> Article:
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        raise Http404(_("No published article has this address."))
    return article


def _comment(comment_id: int) -> Comment:
    comment = Comment.objects.select_related("article", "author").filter(pk=comment_id).first()
    if comment is None:
        raise Http404(_("There is no such comment."))
    return comment


def _wants_fragment(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _refused(
    request: HttpRequest, error: services.DiscussionError, back: str, text: str = ""
) -> HttpResponse:
    if _wants_fragment(request):
        return JsonResponse({"error": error.message}, status=error.status)
    return render(
        request,
        "discussion/refused.html",
        {"message": error.message, "back": back, "text": text},
        status=error.status,
    )


@require_safe
def discussion_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The discussion alone: sorting and "load more" without JavaScript."""
    article = _article(slug)
    sort = request.GET.get("sort", "newest")
    try:
        page = selectors.thread_page(article, sort=sort, cursor=request.GET.get("after"))
    except selectors.BadCursor:
        return render(
            request,
            "discussion/refused.html",
            {
                "message": _("That page of the discussion does not exist."),
                "back": article.get_absolute_url(),
            },
            status=400,
        )
    context = {"article": article, "page": page, **discussion_context(request, article)}
    if _wants_fragment(request):
        return render(request, "discussion/_threads.html", context)
    return render(request, "discussion/page.html", context)


def discussion_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "discussion_open": access.discussion_is_open(article),
        "close_after_days": settings.DISCUSSION_CLOSE_AFTER_DAYS,
        "rules": rule_choices(),
        "max_length": settings.COMMENT_MAX_LENGTH,
        "poll_seconds": settings.DISCUSSION_POLL_SECONDS,
        "latest_id": live.latest(article.pk) or 0,
    }


@require_POST
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article(slug)
    back = article.get_absolute_url() + "#discussion"
    text = request.POST.get("text", "")
    parent = None
    parent_id = request.POST.get("parent")
    try:
        if parent_id:
            if not parent_id.isdigit():
                raise services.DiscussionError(_("The comment you reply to does not exist."))
            parent = Comment.objects.filter(pk=int(parent_id)).select_related("root").first()
            if parent is None:
                raise services.DiscussionError(_("The comment you reply to does not exist."))
        outcome = services.submit_comment(
            author=request.user,
            article=article,
            text=text,
            parent=parent,
            idempotency_key=request.POST.get("key") or None,
        )
    except services.DiscussionError as error:
        return _refused(request, error, back, text if isinstance(text, str) else "")
    return _after_write(request, outcome, back, text)


def _after_write(
    request: HttpRequest, outcome: services.Outcome, back: str, text: str
) -> HttpResponse:
    comment = outcome.comment
    if _wants_fragment(request):
        html = ""
        if comment.is_public:
            html = render_to_string(
                "discussion/_comment.html",
                {"node": selectors.Node(comment=comment), "user": request.user},
                request=request,
            )
        return JsonResponse(
            {"status": comment.status, "message": outcome.message, "html": html, "id": comment.pk},
            status=201 if outcome.created else 200,
        )
    if comment.status == Comment.Status.REJECTED:
        return render(
            request,
            "discussion/refused.html",
            {"message": outcome.message, "back": back, "text": text, "rejected": True},
            status=422,
        )
    messages.info(request, outcome.message)
    return redirect(f"{back.split('#')[0]}#comment-{comment.pk}")


@require_POST
def edit_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    back = comment.article.get_absolute_url() + "#discussion"
    text = request.POST.get("text", "")
    try:
        outcome = services.edit_comment(editor=request.user, comment=comment, text=text)
    except services.DiscussionError as error:
        return _refused(request, error, back, text)
    return _after_write(request, outcome, back, text)


@require_safe
def reply_form(request: HttpRequest, comment_id: int) -> HttpResponse:
    parent = _comment(comment_id)
    if not parent.is_public:
        raise Http404(_("There is no such comment."))
    return render(
        request,
        "discussion/reply.html",
        {
            "article": parent.article,
            "parent": parent,
            "form_key": new_key(),
            "problem": access.participation_problem(request.user),
            "max_length": settings.COMMENT_MAX_LENGTH,
        },
    )


@require_safe
def edit_form(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    if comment.author_id != request.user.pk and not access.can_moderate(request.user, comment):
        return render(
            request,
            "discussion/refused.html",
            {
                "message": _("You can only edit your own comments."),
                "back": comment.article.get_absolute_url(),
            },
            status=403,
        )
    return render(
        request,
        "discussion/edit.html",
        {"comment": comment, "max_length": settings.COMMENT_MAX_LENGTH},
    )


@require_POST
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    back = comment.article.get_absolute_url() + "#discussion"
    try:
        services.delete_comment(user=request.user, comment=comment)
    except services.DiscussionError as error:
        return _refused(request, error, back)
    if _wants_fragment(request):
        return JsonResponse({"status": "deleted"})
    messages.info(request, _("Your comment is deleted."))
    return redirect(back)


@require_POST
def like_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    back = comment.article.get_absolute_url() + f"#comment-{comment.pk}"
    try:
        count = services.react(
            user=request.user, comment=comment, on=request.POST.get("on", "1") != "0"
        )
    except services.DiscussionError as error:
        return _refused(request, error, back)
    if _wants_fragment(request):
        return JsonResponse({"likes": count})
    return redirect(back)


@require_safe
def report_form(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    return render(request, "discussion/report.html", {"comment": comment, "rules": rule_choices()})


@require_POST
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    back = comment.article.get_absolute_url() + f"#comment-{comment.pk}"
    try:
        services.report_comment(
            user=request.user,
            comment=comment,
            rule=request.POST.get("rule", ""),
            note=request.POST.get("note", ""),
        )
    except services.DiscussionError as error:
        return _refused(request, error, back)
    if _wants_fragment(request):
        return JsonResponse({"reported": True})
    messages.info(request, _("Thank you. A moderator will look at the comment."))
    return redirect(back)


@require_safe
def new_comments(request: HttpRequest, slug: str) -> HttpResponse:
    """Polled by open pages: answered from the cache unless something new was published."""
    article_id = Article.objects.published().filter(slug=slug).values_list("pk", flat=True).first()
    if article_id is None:
        raise Http404(_("No published article has this address."))
    raw = request.GET.get("after", "0")
    if not raw.isdigit() or len(raw) > 18:
        return JsonResponse({"error": _("“after” must be a comment number.")}, status=400)
    after = int(raw)
    latest = live.latest(article_id)
    if latest is None or latest <= after:
        return JsonResponse({"count": 0, "latest": max(after, latest or 0)})
    article = Article.objects.get(pk=article_id)
    fresh = selectors.new_since(article, after)
    html = "".join(
        render_to_string(
            "discussion/_comment.html",
            {"node": selectors.Node(comment=c), "user": request.user, "live": True},
            request=request,
        )
        for c in fresh
    )
    return JsonResponse(
        {"count": len(fresh), "latest": max([c.pk for c in fresh] + [after]), "html": html}
    )


@require_safe
def community_standards(request: HttpRequest) -> HttpResponse:
    return render(request, "discussion/standards.html", {"rules": rules_in_force()})


def new_key() -> str:
    return uuid.uuid4().hex
