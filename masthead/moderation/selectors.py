"""Reads for the moderators' workspace: the queue, authors' records, appeals, the dashboard.

The queue is ordered by priority (the engine's risk, readers' reports, the article's traffic)
and paged by keyset over (priority, id), so its 400th page costs what its first does; a page
loads its comments, their context, reports and authors' records in a fixed number of queries.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Least, Mod, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from masthead.discussion.models import Comment, Report
from masthead.moderation.highlight import highlight, spans_of
from masthead.moderation.models import Appeal, AuditEntry, Decision, Sanction
from masthead.moderation.services import scoped_section_ids

SHOW_CHOICES = {
    "all": _lazy("Held and reported"),
    "held": _lazy("Held"),
    "reported": _lazy("Reported"),
    "spot": _lazy("Spot checks"),
}
# Rule filters look at the first few findings of a verdict: JSON containment is not portable to
# SQLite, and the engine lists a comment's findings strongest first.
RULE_FINDINGS_SCANNED = 6


class BadQuery(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class QueueFilters:
    show: str = "all"
    rule: str = ""
    section: str = ""
    article: str = ""
    author: str = ""

    @classmethod
    def from_query(cls, query: Any) -> QueueFilters:
        values = {}
        for name in ("show", "rule", "section", "article", "author"):
            value = query.get(name, "")
            if not isinstance(value, str) or len(value) > 150 or "\x00" in value:
                raise BadQuery(f"The filter {name!r} is not valid.")
            values[name] = value.strip()
        values["show"] = values["show"] or "all"
        if values["show"] not in SHOW_CHOICES:
            raise BadQuery(f"Show one of: {', '.join(SHOW_CHOICES)}.")
        return cls(**values)

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v and not (k == "show" and v == "all")}


def _unresolved_reports() -> Exists:
    return Exists(Report.objects.filter(comment=OuterRef("pk"), resolved=False))


def priority() -> ExpressionWrapper:
    views = Cast(F("article__view_count"), FloatField())
    return ExpressionWrapper(
        F("risk")
        + Value(0.1) * Cast(Least(F("report_count"), Value(10)), FloatField())
        + Value(0.2) * views / (views + Value(1000.0)),
        output_field=FloatField(),
    )


def queue_rows(moderator: Any, filters: QueueFilters) -> QuerySet[Comment]:
    rows = Comment.objects.all()
    reported = Q(status=Comment.Status.PUBLISHED) & Q(_unresolved_reports())
    if filters.show == "held":
        rows = rows.filter(status=Comment.Status.HELD)
    elif filters.show == "reported":
        rows = rows.filter(reported)
    elif filters.show == "spot":
        since = timezone.now() - timedelta(days=settings.MODERATION_SPOT_CHECK_DAYS)
        rows = (
            rows.filter(status=Comment.Status.PUBLISHED, created_at__gte=since, report_count=0)
            .annotate(sample=Mod(F("id") * 37, 100))
            .filter(sample__lt=settings.MODERATION_SPOT_CHECK_PERCENT)
            .exclude(Exists(Decision.objects.filter(comment=OuterRef("pk"))))
        )
    else:
        rows = rows.filter(Q(status=Comment.Status.HELD) | reported)
    if filters.rule:
        by_rule = Q(Exists(Report.objects.filter(comment=OuterRef("pk"), rule=filters.rule)))
        for index in range(RULE_FINDINGS_SCANNED):
            by_rule |= Q(**{f"verdict__findings__{index}__rule": filters.rule})
        rows = rows.filter(by_rule)
    if filters.section:
        rows = rows.filter(article__section__slug=filters.section)
    if filters.article:
        rows = rows.filter(article__slug=filters.article)
    if filters.author:
        rows = rows.filter(author__username=filters.author)
    sections = scoped_section_ids(moderator)
    if sections is not None:
        rows = rows.filter(article__section_id__in=sections)
    return rows


def parse_cursor(raw: Any) -> tuple[float, int] | None:
    if not raw:
        return None
    try:
        score, ident = str(raw).split("_", 1)
        value = float(score)
        if not math.isfinite(value):
            raise ValueError(score)
        return value, int(ident)
    except (ValueError, TypeError):
        raise BadQuery("That page of the queue does not exist.") from None


@dataclass
class AuthorRecord:
    user: Any
    published: int = 0
    rejected: int = 0
    reports: int = 0
    sanctions: list[Sanction] = field(default_factory=list)

    @property
    def account_age_days(self) -> int:
        return (timezone.now() - self.user.date_joined).days

    @property
    def blocked(self) -> Sanction | None:
        for sanction in self.sanctions:
            if (
                sanction.kind == Sanction.Kind.BLOCK
                and sanction.lifted_at is None
                and (sanction.ends_at is None or sanction.ends_at > timezone.now())
            ):
                return sanction
        return None

    @property
    def premoderated(self) -> bool:
        now = timezone.now()
        return any(
            s.kind == Sanction.Kind.PREMODERATION
            and s.lifted_at is None
            and (s.ends_at is None or s.ends_at > now)
            for s in self.sanctions
        )


@dataclass
class QueueItem:
    comment: Comment
    source: str
    marked_text: str
    findings: list[dict[str, Any]]
    reports: list[Report]
    record: AuthorRecord | None
    rule_options: str = ""


@dataclass
class QueuePage:
    items: list[QueueItem]
    next_cursor: str | None
    total: int


def author_records(user_ids: set[int]) -> dict[int, AuthorRecord]:
    users = get_user_model().objects.in_bulk(list(user_ids))
    records = {pk: AuthorRecord(user) for pk, user in users.items()}
    counts = (
        Comment.objects.filter(author_id__in=user_ids)
        .values("author_id")
        .annotate(
            published=Count("id", filter=Q(status=Comment.Status.PUBLISHED)),
            rejected=Count(
                "id", filter=Q(status__in=[Comment.Status.REJECTED, Comment.Status.REMOVED])
            ),
            reports_against=Sum("report_count"),
        )
    )
    for row in counts:
        record = records.get(row["author_id"])
        if record is not None:
            record.published = row["published"]
            record.rejected = row["rejected"]
            record.reports = row["reports_against"] or 0
    for sanction in Sanction.objects.filter(user_id__in=user_ids):
        records[sanction.user_id].sanctions.append(sanction)
    return records


def queue_page(moderator: Any, filters: QueueFilters, cursor: Any = None) -> QueuePage:
    """One page of the queue: a fixed number of queries whatever the page size."""
    base = queue_rows(moderator, filters)
    total = base.count()
    rows = base.annotate(priority=priority())
    after = parse_cursor(cursor)
    if after is not None:
        score, ident = after
        # `priority` is the annotation queue_rows adds (the stubs cannot see annotations).
        after_cursor = Q(**{"priority__lt": score}) | Q(**{"priority": score, "id__lt": ident})
        rows = rows.filter(after_cursor)
    size = settings.MODERATION_PAGE_SIZE
    # Sort narrow rows (id and priority) and only then load the page's wide rows: sorting
    # 10,000 comments joined to their users and articles costs several times more.
    keys = list(
        rows.order_by(F("priority").desc(), "-id").values_list("id", "priority")[: size + 1]
    )
    more = len(keys) > size
    keys = keys[:size]
    loaded = (
        Comment.objects.select_related(
            "article", "article__section", "author", "parent", "parent__author"
        )
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved=False).select_related("reporter"),
                to_attr="open_reports",
            )
        )
        .in_bulk([ident for ident, _score in keys])
    )
    comments = []
    for ident, score in keys:
        if ident in loaded:
            loaded[ident].priority = score  # type: ignore[attr-defined]
            comments.append(loaded[ident])
    records = author_records({c.author_id for c in comments if c.author_id is not None})
    items = []
    for comment in comments:
        verdict = comment.verdict if isinstance(comment.verdict, dict) else {}
        findings = [f for f in verdict.get("findings") or [] if isinstance(f, dict)]
        reports = list(getattr(comment, "open_reports", []))
        if comment.status == Comment.Status.HELD:
            source = Decision.Source.HELD
        elif reports:
            source = Decision.Source.REPORTED
        else:
            source = Decision.Source.SPOT
        items.append(
            QueueItem(
                comment=comment,
                source=source,
                marked_text=highlight(comment.text, spans_of(verdict)),
                findings=findings,
                reports=reports,
                record=records.get(comment.author_id) if comment.author_id else None,
            )
        )
    next_cursor = None
    if more and comments:
        last = comments[-1]
        next_cursor = f"{last.priority!r}_{last.pk}"  # type: ignore[attr-defined]
    return QueuePage(items, next_cursor, total)


def pending_appeals(moderator: Any) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(status=Appeal.Status.PENDING)
        .select_related("user", "sanction", "sanction__created_by")
        .order_by("created_at", "id")
    )


def audit_rows(query: Any) -> QuerySet[AuditEntry]:
    rows = AuditEntry.objects.all()
    actor = query.get("actor", "").strip()
    action = query.get("action", "").strip()
    target = query.get("target", "").strip()
    if actor:
        rows = rows.filter(actor_name=actor)
    if action:
        rows = rows.filter(action__startswith=action)
    if target:
        if ":" in target:
            kind, ident = target.split(":", 1)
            rows = rows.filter(target_type=kind, target_id=ident)
        else:
            rows = rows.filter(target_id=target)
    for name, lookup in (("since", "created_at__date__gte"), ("until", "created_at__date__lte")):
        value = query.get(name, "").strip()
        if value:
            try:
                rows = rows.filter(**{lookup: date.fromisoformat(value)})
            except ValueError:
                raise BadQuery(f"{name} must be a date like 2026-11-27.") from None
    return rows


# --- The dashboard --------------------------------------------------------------------------


@dataclass
class Dashboard:
    days: list[date]
    per_day: dict[str, list[int]]
    rejections_by_rule: list[tuple[str, int]]
    queue_size: int
    median_wait_by_day: list[float | None]
    median_wait_hours: float | None
    throughput: list[tuple[str, int]]


def dashboard(moderator: Any, days: int = 28) -> Dashboard:
    today = timezone.localdate()
    start_day = today - timedelta(days=days - 1)
    start = timezone.make_aware(datetime.combine(start_day, time.min))
    day_list = [start_day + timedelta(days=n) for n in range(days)]
    index = {d: n for n, d in enumerate(day_list)}
    outcomes = ["published", "held", "rejected", "removed"]
    per_day = {o: [0] * days for o in outcomes}
    rows = (
        Comment.objects.filter(created_at__gte=start, status__in=outcomes)
        .annotate(day=TruncDate("created_at"))
        .values("day", "status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        n = index.get(row["day"])
        if n is not None:
            per_day[row["status"]][n] += row["n"]
    decisions = Decision.objects.since(start)
    by_rule = Counter(
        dict(
            decisions.filter(outcome=Decision.Outcome.REJECT)
            .values_list("rule")
            .annotate(n=Count("id"))
            .values_list("rule", "n")
        )
    )
    from masthead.discussion.rules import rule_title

    rejections = [(rule_title(rule), n) for rule, n in by_rule.most_common(12)]
    waits: dict[date, list[int]] = defaultdict(list)
    all_waits = []
    for created, waited in decisions.values_list("created_at", "waited_seconds").iterator():
        waits[timezone.localtime(created).date()].append(waited)
        all_waits.append(waited)
    median_by_day = [
        round(statistics.median(waits[d]) / 3600, 2) if waits.get(d) else None for d in day_list
    ]
    throughput = list(
        decisions.exclude(moderator=None)
        .values_list("moderator__username")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("moderator__username", "n")[:12]
    )
    return Dashboard(
        days=day_list,
        per_day=per_day,
        rejections_by_rule=rejections,
        queue_size=queue_rows(moderator, QueueFilters()).count(),
        median_wait_by_day=median_by_day,
        median_wait_hours=round(statistics.median(all_waits) / 3600, 2) if all_waits else None,
        throughput=throughput,
    )
