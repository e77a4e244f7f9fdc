"""The moderators' workspace and the readers' appeal form: adapters over selectors and services.

Every form works without JavaScript; with it (static/moderation/queue.js) the same endpoints
answer JSON when asked with `X-Requested-With: fetch`, and the queue runs from the keyboard.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from masthead.discussion.models import Comment
from masthead.discussion.rules import rule_choices
from masthead.moderation import live, selectors, services, svg
from masthead.moderation.models import Appeal, Decision
from masthead.newsroom.models import Section

View = Callable[..., Any]


def moderator_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.is_moderator(request.user):
            return _refused(request, _("This page is for moderators."), 403)
        return view(request, *args, **kwargs)

    return wrapper


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "moderation/refused.html", {"message": message}, status=status)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(default)


def _user(user_id: int) -> Any:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise Http404(_("There is no such reader."))
    return user


# --- The queue ------------------------------------------------------------------------------


@require_safe
@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    try:
        filters = selectors.QueueFilters.from_query(request.GET)
        page = selectors.queue_page(request.user, filters, request.GET.get("after"))
    except selectors.BadQuery as error:
        return _refused(request, error.message, 400)
    rules = rule_choices()
    # The rule menu is the same for every item but the preselected rule: build it once, not
    # 25 times through the template engine (it was most of the page's render time).
    options = format_html('<option value="">{}</option>', _("rule…")) + format_html_join(
        "", '<option value="{}">{}</option>', rules
    )
    for item in page.items:
        first = item.findings[0].get("rule") if item.findings else None
        marked = options.replace(f'value="{escape(first)}"', f'value="{escape(first)}" selected')
        item.rule_options = mark_safe(marked)  # noqa: S308 - built from escaped parts above
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "filters": filters,
            "filter_query": filters.as_query(),
            "show_choices": selectors.SHOW_CHOICES,
            "rules": rules,
            "sections": Section.objects.all(),
            "version": live.version(),
            "poll_seconds": settings.MODERATION_POLL_SECONDS,
            "appeals_waiting": Appeal.objects.filter(status=Appeal.Status.PENDING).count(),
        },
    )


@require_safe
@moderator_required
def queue_changes(request: HttpRequest) -> HttpResponse:
    """What changed in the queue since the version the page knows (answered from the cache)."""
    try:
        since = int(request.GET.get("since", "0"))
    except ValueError:
        return JsonResponse({"error": _("since must be a whole number.")}, status=400)
    return JsonResponse(live.changes_since(since))


@require_POST
@moderator_required
def decide(request: HttpRequest) -> HttpResponse:
    try:
        ids = [int(v) for v in request.POST.getlist("comment")]
    except ValueError:
        return _refused(request, _("Comment numbers must be whole numbers."), 400)
    if not ids:
        return _refused(request, _("Select at least one comment."), 400)
    decision = request.POST.get("decision", "")
    if decision not in Decision.Outcome.values:
        return _refused(request, _("Choose approve, reject or remove."), 400)
    results = services.decide_many(
        request.user,
        ids,
        decision,
        rule=request.POST.get("rule", ""),
        reason=request.POST.get("reason", ""),
    )
    if _wants_json(request):
        failed = [r for r in results if not r.ok]
        # Partly done is a success with the failures listed; all failed answers the first reason.
        status = failed[0].status if failed and len(failed) == len(results) else 200
        return JsonResponse(
            {
                "results": [
                    {"id": r.comment_id, "ok": r.ok, "message": r.message} for r in results
                ],
                "error": failed[0].message if failed and len(failed) == len(results) else None,
            },
            status=status,
        )
    done = sum(r.ok for r in results)
    if done:
        messages.success(request, _("%(n)d comment(s) decided.") % {"n": done})
    for result in results:
        if not result.ok:
            messages.error(request, result.message)
    return _back(request, reverse("moderation:queue"))


@moderator_required
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    try:
        comment = services.get_comment_for_moderator(request.user, comment_id)
    except services.ModerationError as refusal:
        return _refused(request, refusal.message, refusal.status)
    error = ""
    text = comment.text
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            services.edit(request.user, comment, text, request.POST.get("reason", ""))
        except services.ModerationError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("The comment is saved."))
            return _back(request, reverse("moderation:queue"))
    elif request.method not in ("GET", "HEAD"):
        return _refused(request, _("Use GET or POST."), 405)
    return render(
        request,
        "moderation/edit.html",
        {"comment": comment, "text": text, "error": error},
        status=400 if error else 200,
    )


# --- Readers --------------------------------------------------------------------------------


@require_safe
@moderator_required
def reader(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _user(user_id)
    record = selectors.author_records({user.pk})[user.pk]
    recent = (
        Comment.objects.filter(author=user).select_related("article").order_by("-created_at")[:20]
    )
    return render(
        request,
        "moderation/reader.html",
        {
            "record": record,
            "recent": recent,
            "rules": rule_choices(),
            "appeals": user.appeals.all()[:10],
            "can_delete": request.user.has_perm("moderation.delete_reader_account"),
        },
    )


def _reader_action(request: HttpRequest, user_id: int, action: Callable[[Any], str]) -> Any:
    user = _user(user_id)
    try:
        message = action(user)
    except services.ModerationError as error:
        return _refused(request, error.message, error.status)
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return _back(request, reverse("moderation:reader", args=[user.pk]))


@require_POST
@moderator_required
def block(request: HttpRequest, user_id: int) -> HttpResponse:
    def act(user: Any) -> str:
        sanction = services.block(
            request.user, user, request.POST.get("reason", ""), request.POST.get("rule", "")
        )
        if sanction.permanent:
            return _("%(name)s is blocked permanently (second block).") % {
                "name": user.get_username()
            }
        return _("%(name)s is blocked.") % {"name": user.get_username()}

    return _reader_action(request, user_id, act)


@require_POST
@moderator_required
def lift(request: HttpRequest, user_id: int) -> HttpResponse:
    def act(user: Any) -> str:
        services.lift_block(request.user, user, request.POST.get("reason", ""))
        return _("The block on %(name)s is lifted.") % {"name": user.get_username()}

    return _reader_action(request, user_id, act)


@require_POST
@moderator_required
def premoderation(request: HttpRequest, user_id: int) -> HttpResponse:
    on = request.POST.get("on") == "1"
    try:
        days = int(request.POST.get("days") or 0) or None
    except ValueError:
        return _refused(request, _("Days must be a whole number."), 400)
    if days is not None and not 1 <= days <= 3650:
        return _refused(request, _("Days must be between 1 and 3650."), 400)

    def act(user: Any) -> str:
        services.set_premoderation(
            request.user, user, on, request.POST.get("reason", ""), days=days
        )
        if on:
            return _("%(name)s's comments now wait for a moderator.") % {
                "name": user.get_username()
            }
        return _("%(name)s is out of pre-moderation.") % {"name": user.get_username()}

    return _reader_action(request, user_id, act)


@require_POST
@moderator_required
def delete_account(request: HttpRequest, user_id: int) -> HttpResponse:
    def act(user: Any) -> str:
        services.delete_account(request.user, user, request.POST.get("reason", ""))
        return _("The account of %(name)s is deleted.") % {"name": user.get_username()}

    return _reader_action(request, user_id, act)


# --- Appeals --------------------------------------------------------------------------------


@require_safe
@moderator_required
def appeals(request: HttpRequest) -> HttpResponse:
    return render(
        request, "moderation/appeals.html", {"appeals": selectors.pending_appeals(request.user)}
    )


@require_POST
@moderator_required
def answer_appeal(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = Appeal.objects.select_related("user").filter(pk=appeal_id).first()
    if appeal is None:
        raise Http404(_("There is no such request."))
    grant = request.POST.get("grant")
    if grant not in ("1", "0"):
        return _refused(request, _("Grant or refuse the request."), 400)
    try:
        services.decide_appeal(request.user, appeal, grant == "1", request.POST.get("answer", ""))
    except services.ModerationError as error:
        return _refused(request, error.message, error.status)
    messages.success(
        request, _("Request granted; the block is lifted.") if grant == "1" else _("Refused.")
    )
    return redirect("moderation:appeals")


def appeal(request: HttpRequest) -> HttpResponse:
    """The blocked reader's side: ask the moderators to restore access."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "HEAD", "POST"):
        return _refused(request, _("Use GET or POST."), 405)
    block_ = services.active_block(request.user)
    problem = services.appeal_problem(request.user)
    subject = services.APPEAL_SUBJECT
    explanation = ""
    error = ""
    if request.method == "POST":
        subject = request.POST.get("subject", subject)
        explanation = request.POST.get("explanation", "")
        try:
            services.submit_appeal(request.user, explanation, subject)
        except services.ModerationError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Your request is sent to the moderators."))
            return redirect("moderation:appeal")
    return render(
        request,
        "moderation/appeal.html",
        {
            "block": block_,
            "problem": problem,
            "subject": subject,
            "explanation": explanation,
            "error": error,
            "appeals": request.user.appeals.all()[:5],
        },
        status=400 if error else 200,
    )


# --- The audit log and the dashboard --------------------------------------------------------


@require_safe
@moderator_required
def audit(request: HttpRequest) -> HttpResponse:
    try:
        rows = selectors.audit_rows(request.GET)
        entries = list(rows.select_related(None)[:200])
    except selectors.BadQuery as error:
        return _refused(request, error.message, 400)
    return render(
        request,
        "moderation/audit.html",
        {"entries": entries, "query": request.GET, "csv_query": request.GET.urlencode()},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_cell(value: Any) -> str:
    """A spreadsheet must not run what a reader wrote: formulas are quoted as text."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


@require_safe
@moderator_required
def audit_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    try:
        rows = selectors.audit_rows(request.GET)
    except selectors.BadQuery as error:
        return _refused(request, error.message, 400)
    writer = csv.writer(_Echo())
    header = ["time", "actor", "action", "target_type", "target_id", "reason", "details"]

    def lines() -> Any:
        yield writer.writerow(header)
        for entry in rows.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    csv_cell(v)
                    for v in (
                        entry.created_at.isoformat(),
                        entry.actor_name,
                        entry.action,
                        entry.target_type,
                        entry.target_id,
                        entry.reason,
                        entry.details,
                    )
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="moderation-audit.csv"'
    return response


@require_safe
@moderator_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard(request.user)
    labels = [d.strftime("%d %b") for d in data.days]
    return render(
        request,
        "moderation/dashboard.html",
        {
            "data": data,
            "per_day_chart": svg.stacked_bars(
                _("Comments per day by outcome"), labels, data.per_day
            ),
            "rules_chart": svg.horizontal_bars(_("Rejections by rule"), data.rejections_by_rule),
            "wait_chart": svg.line(
                _("Median hours to a decision, per day"), labels, data.median_wait_by_day
            ),
            "throughput_chart": svg.horizontal_bars(_("Decisions per moderator"), data.throughput),
        },
    )
