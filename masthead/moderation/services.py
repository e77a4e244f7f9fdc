"""The moderation writes: decisions, sanctions, appeals, and the audit log they all write to.

Views, admin actions, commands and tasks call these functions; each writes its audit entry in
the same transaction as the change it records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core.refusals import UserFacingError
from masthead.moderation import live
from masthead.moderation.models import (
    Appeal,
    AuditEntry,
    Decision,
    ModeratorScope,
    ReaderNotice,
    Sanction,
)
from masthead.moderation.roles import MODERATORS, SENIOR_MODERATORS

APPEAL_SUBJECT = "Restore access to my account"


class ModerationError(UserFacingError):
    """A refusal a moderator or reader can act on; `status` is the HTTP status to answer with."""


class NotPermitted(ModerationError):
    status = 403


class AlreadyDecided(ModerationError):
    status = 409


# --- The audit log --------------------------------------------------------------------------


def audit(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if getattr(actor, "pk", None) else "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        reason=reason,
        details=details or {},
    )


# --- Reads other apps call ------------------------------------------------------------------


def active_block(user: Any) -> Sanction | None:
    if not getattr(user, "pk", None):
        return None
    return Sanction.objects.active().filter(user=user, kind=Sanction.Kind.BLOCK).first()


def sanction_annotations(now: datetime | None = None) -> dict[str, Any]:
    """A user's active block (its id) and pre-moderation, as annotations on a query of users:
    the discussion reads them with the accounts rules in one query per post."""
    from django.db.models import Exists, OuterRef, Subquery

    active = Sanction.objects.active(now).filter(user=OuterRef("pk"))
    return {
        "mh_block": Subquery(active.filter(kind=Sanction.Kind.BLOCK).values("pk")[:1]),
        "mh_premoderated": Exists(active.filter(kind=Sanction.Kind.PREMODERATION)),
    }


def is_premoderated(user: Any) -> bool:
    if not getattr(user, "pk", None):
        return False
    return Sanction.objects.active().filter(user=user, kind=Sanction.Kind.PREMODERATION).exists()


def is_moderator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[MODERATORS, SENIOR_MODERATORS]).exists()


def is_senior(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(name=SENIOR_MODERATORS).exists())


def scoped_section_ids(user: Any) -> list[int] | None:
    """The sections a moderator is limited to, or None when they may moderate every section."""
    if user.is_superuser:
        return None
    ids = list(ModeratorScope.objects.filter(moderator=user).values_list("section_id", flat=True))
    return ids or None


def can_moderate_comment(user: Any, comment: Any = None) -> bool:
    if not is_moderator(user):
        return False
    if comment is None:
        return True
    sections = scoped_section_ids(user)
    return sections is None or comment.article.section_id in sections


def get_comment_for_moderator(user: Any, comment_id: int) -> Any:
    """The comment, if it exists and this moderator may act on it (their sections)."""
    from masthead.discussion.models import Comment

    comment = Comment.objects.select_related("article", "author").filter(pk=comment_id).first()
    if comment is None:
        raise ModerationError(_("There is no such comment."), status=404)
    _check_can_moderate(user, comment)
    return comment


def _check_can_moderate(user: Any, comment: Any) -> None:
    if not can_moderate_comment(user, comment):
        raise NotPermitted(_("You may not moderate comments in this section."))


def _notify_reader(user: Any, text: str) -> None:
    if user is None:
        return
    ReaderNotice.objects.create(user=user, text=text)
    user_id = user.pk
    transaction.on_commit(lambda: cache.delete(notice_cache_key(user_id)))


def notice_cache_key(user_id: int) -> str:
    return f"moderation:notices:{user_id}"


# --- Decisions on comments ------------------------------------------------------------------


@dataclass
class Result:
    comment_id: int
    ok: bool
    message: str
    status: int = 200


def _rule_title(code: str) -> str:
    from masthead.discussion.rules import rule_title

    return rule_title(code)


def _rule_explanation(code: str) -> tuple[str, str] | None:
    from masthead.discussion.rules import rules_in_force

    for rule in rules_in_force():
        if rule.code == code:
            return rule.title, rule.explanation
    return None


def _source_of(comment: Any) -> str | None:
    """Why a comment is in the queue, or None when nobody needs to look at it any more."""
    from masthead.discussion.models import Comment, Report

    if comment.status == Comment.Status.HELD:
        return Decision.Source.HELD
    if comment.status != Comment.Status.PUBLISHED:
        return None
    if Report.objects.filter(comment=comment, resolved=False).exists():
        return Decision.Source.REPORTED
    if not Decision.objects.filter(comment=comment).exists():
        return Decision.Source.SPOT
    return None


def _already_decided(comment: Any) -> AlreadyDecided:
    from masthead.discussion.models import Comment

    last = Decision.objects.filter(comment=comment).select_related("moderator").first()
    if last is not None:
        who = last.moderator.get_username() if last.moderator else _("another moderator")
        return AlreadyDecided(
            _("Comment #%(id)d was already decided by %(who)s (%(outcome)s).")
            % {"id": comment.pk, "who": who, "outcome": last.get_outcome_display().lower()}
        )
    if comment.status == Comment.Status.DELETED:
        return AlreadyDecided(_("Comment #%(id)d was deleted by its author.") % {"id": comment.pk})
    return AlreadyDecided(_("Comment #%(id)d no longer needs a decision.") % {"id": comment.pk})


def decide(
    moderator: Any, comment: Any, decision: str, rule: str | None = None, reason: str = ""
) -> Decision:
    """Approve, reject with a rule, or remove one comment from the queue.

    Two moderators deciding the same comment at once: the comment row is locked and its state
    checked again inside the transaction (and the status change itself is a conditional UPDATE),
    so exactly one decision is stored; the other moderator gets AlreadyDecided naming the winner.
    """
    from masthead.discussion import notify
    from masthead.discussion.models import Comment, Report
    from masthead.discussion.services import set_status

    if decision not in Decision.Outcome.values:
        raise ModerationError(_("Choose approve, reject or remove."))
    rule = (rule or "").strip()
    if decision == Decision.Outcome.REJECT:
        if not rule:
            raise ModerationError(_("Choose the rule the comment breaks."))
        if _rule_explanation(rule) is None:
            raise ModerationError(_("%(rule)s is not a rule in force.") % {"rule": rule})
    _check_can_moderate(moderator, comment)
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("article", "author")
            .filter(pk=comment.pk)
            .first()
        )
        if locked is None:
            raise AlreadyDecided(_("The comment no longer exists."))
        source = _source_of(locked)
        if source is None:
            raise _already_decided(locked)
        was = locked.status
        target = {
            Decision.Outcome.APPROVE: Comment.Status.PUBLISHED,
            Decision.Outcome.REJECT: Comment.Status.REJECTED,
            Decision.Outcome.REMOVE: Comment.Status.REMOVED,
        }[Decision.Outcome(decision)]
        if target != was and not set_status(locked, target, expected=was):
            raise _already_decided(locked)
        Report.objects.filter(comment=locked, resolved=False).update(resolved=True)
        waited = max(0, int((timezone.now() - locked.created_at).total_seconds()))
        record = Decision.objects.create(
            comment=locked,
            moderator=moderator,
            outcome=decision,
            source=source,
            rule=rule,
            reason=reason,
            text=locked.text,
            waited_seconds=waited,
        )
        audit(
            actor=moderator,
            action=f"comment.{decision}",
            target=locked,
            reason=reason,
            details={"rule": rule, "source": source, "from": was, "to": target},
        )
        told = _tell_author(locked, decision, rule, reason)
        if decision != Decision.Outcome.APPROVE and locked.author is not None:
            premoderate_if_often_rejected(locked.author)
        comment_id, who = locked.pk, moderator.get_username()
        transaction.on_commit(lambda: live.announce(comment_id, who, decision))
    notify.decision_made(locked, decision, told)
    comment.status = locked.status
    return record


def _tell_author(comment: Any, decision: str, rule: str, reason: str) -> str:
    """Leave the author a notice in plain words; returns it (for push and mail too)."""
    if comment.author is None:
        return ""
    headline = comment.article.headline
    if decision == Decision.Outcome.APPROVE:
        text = _('A moderator published your comment under "%(headline)s".') % {
            "headline": headline
        }
        # Approving a reported comment changes nothing the author sees: no notice.
        if comment.report_count == 0:
            _notify_reader(comment.author, text)
        return text
    if decision == Decision.Outcome.REJECT:
        title, explanation = _rule_explanation(rule) or (rule, "")
        text = _(
            'A moderator did not publish your comment under "%(headline)s" because it breaks '
            'the rule "%(rule)s": %(explanation)s'
        ) % {"headline": headline, "rule": title, "explanation": explanation}
    else:
        text = _('A moderator removed your comment under "%(headline)s".') % {"headline": headline}
    if reason:
        text += " " + _("The moderator added: %(reason)s") % {"reason": reason}
    _notify_reader(comment.author, text)
    return text


def decide_many(
    moderator: Any,
    comment_ids: Iterable[int],
    decision: str,
    rule: str | None = None,
    reason: str = "",
) -> list[Result]:
    """The same decision on many comments; each succeeds or fails on its own."""
    from masthead.discussion.models import Comment

    ids = list(dict.fromkeys(int(i) for i in comment_ids))[:200]
    comments = Comment.objects.select_related("article", "author").in_bulk(ids)
    results = []
    for comment_id in ids:
        comment = comments.get(comment_id)
        if comment is None:
            results.append(Result(comment_id, False, _("There is no such comment."), 404))
            continue
        try:
            decide(moderator, comment, decision, rule, reason)
        except ModerationError as error:
            results.append(Result(comment_id, False, error.message, error.status))
        else:
            results.append(Result(comment_id, True, _("Done.")))
    return results


def edit(moderator: Any, comment: Any, text: Any, reason: str = "") -> Any:
    """A moderator's edit, through the discussion's own edit (which keeps the old text)."""
    from masthead.discussion.services import DiscussionError, edit_comment

    _check_can_moderate(moderator, comment)
    try:
        outcome = edit_comment(editor=moderator, comment=comment, text=text)
    except DiscussionError as error:
        raise ModerationError(error.message, status=error.status) from error
    if outcome.comment.text != comment.text or reason:
        audit(
            actor=moderator,
            action="comment.edit_reason",
            target=outcome.comment,
            reason=reason,
        )
    return outcome.comment


# --- Sanctions ------------------------------------------------------------------------------


def block(moderator: Any, user: Any, reason: str, rule: str = "") -> Sanction:
    """Block a reader from posting, reacting and reporting. A second block is permanent."""
    if not is_moderator(moderator):
        raise NotPermitted(_("Only moderators can block readers."))
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Write the reason for the block; the reader will read it."))
    if user.pk == moderator.pk:
        raise ModerationError(_("You cannot block yourself."))
    if is_moderator(user) and not is_senior(moderator):
        raise NotPermitted(_("Only a senior moderator can block another moderator."))
    with transaction.atomic():
        # Lock the reader's row: two moderators blocking at once must not create two blocks.
        type(user).objects.select_for_update().filter(pk=user.pk).first()
        if active_block(user) is not None:
            raise AlreadyDecided(_("%(name)s is already blocked.") % {"name": user.get_username()})
        blocked_before = Sanction.objects.filter(user=user, kind=Sanction.Kind.BLOCK).exists()
        sanction = Sanction.objects.create(
            user=user,
            kind=Sanction.Kind.BLOCK,
            rule=rule or "",
            reason=reason[:2000],
            permanent=blocked_before,
            created_by=moderator,
        )
        audit(
            actor=moderator,
            action="user.block",
            target=user,
            reason=reason,
            details={"rule": rule, "permanent": blocked_before, "sanction": sanction.pk},
        )
        _notify_reader(user, sanction.notice_for_reader())
    return sanction


def lift_block(actor: Any, user: Any, reason: str = "", *, appeal: Appeal | None = None) -> None:
    if not is_moderator(actor):
        raise NotPermitted(_("Only moderators can lift blocks."))
    with transaction.atomic():
        sanction = (
            Sanction.objects.active()
            .select_for_update()
            .filter(user=user, kind=Sanction.Kind.BLOCK)
            .first()
        )
        if sanction is None:
            raise AlreadyDecided(_("%(name)s is not blocked.") % {"name": user.get_username()})
        if sanction.permanent and not actor.has_perm("moderation.lift_permanent_block"):
            raise NotPermitted(_("Only a senior moderator can lift a permanent block."))
        Sanction.objects.filter(pk=sanction.pk).update(lifted_at=timezone.now(), lifted_by=actor)
        audit(
            actor=actor,
            action="user.unblock",
            target=user,
            reason=reason,
            details={"sanction": sanction.pk, "appeal": appeal.pk if appeal else None},
        )
        if appeal is None:
            _notify_reader(user, _("A moderator lifted the block on your account."))


def set_premoderation(
    actor: Any, user: Any, on: bool, reason: str = "", days: int | None = None
) -> Sanction | None:
    """Put a reader's comments before a moderator first, or stop doing so."""
    if actor is not None and not is_moderator(actor):
        raise NotPermitted(_("Only moderators can change pre-moderation."))
    with transaction.atomic():
        current = list(
            Sanction.objects.active()
            .select_for_update()
            .filter(user=user, kind=Sanction.Kind.PREMODERATION)
        )
        if not on:
            if not current:
                return None
            Sanction.objects.filter(pk__in=[s.pk for s in current]).update(
                lifted_at=timezone.now(), lifted_by=actor
            )
            audit(actor=actor, action="user.premoderation_off", target=user, reason=reason)
            return None
        if current:
            return current[0]
        ends_at = timezone.now() + timedelta(days=days) if days else None
        sanction = Sanction.objects.create(
            user=user,
            kind=Sanction.Kind.PREMODERATION,
            reason=reason or _("Put in pre-moderation by a moderator."),
            automatic=actor is None,
            created_by=actor,
            ends_at=ends_at,
        )
        audit(
            actor=actor,
            action="user.premoderation_on",
            target=user,
            reason=sanction.reason,
            details={"ends_at": ends_at.isoformat() if ends_at else None},
        )
    return sanction


def premoderate_if_often_rejected(user: Any) -> Sanction | None:
    """Readers whose comments are often rejected wait for a moderator for a while."""
    from masthead.discussion.models import Comment

    if is_premoderated(user) or is_moderator(user):
        return None
    since = timezone.now() - timedelta(days=settings.PREMODERATION_WINDOW_DAYS)
    rejected = Comment.objects.filter(
        author=user,
        status__in=[Comment.Status.REJECTED, Comment.Status.REMOVED],
        created_at__gte=since,
    ).count()
    if rejected < settings.PREMODERATION_REJECTIONS:
        return None
    return set_premoderation(
        None,
        user,
        True,
        reason=_("%(count)d comments rejected in %(days)d days: new comments wait for a moderator.")
        % {"count": rejected, "days": settings.PREMODERATION_WINDOW_DAYS},
        days=settings.PREMODERATION_DAYS,
    )


def sweep_premoderation() -> int:
    """Pre-moderate every reader over the rejection threshold; returns how many were added."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from masthead.discussion.models import Comment

    since = timezone.now() - timedelta(days=settings.PREMODERATION_WINDOW_DAYS)
    author_ids = (
        Comment.objects.filter(
            status__in=[Comment.Status.REJECTED, Comment.Status.REMOVED],
            created_at__gte=since,
            author__isnull=False,
        )
        .values("author_id")
        .annotate(n=Count("id"))
        .filter(n__gte=settings.PREMODERATION_REJECTIONS)
        .values_list("author_id", flat=True)
    )
    added = 0
    for user in get_user_model().objects.filter(pk__in=list(author_ids), is_active=True):
        if premoderate_if_often_rejected(user) is not None:
            added += 1
    return added


def delete_account(actor: Any, user: Any, reason: str) -> None:
    """Senior moderators and administrators may delete an account without notice."""
    if not (actor.has_perm("moderation.delete_reader_account") and is_moderator(actor)):
        raise NotPermitted(_("Only a senior moderator can delete an account."))
    if user.pk == actor.pk or user.is_superuser:
        raise NotPermitted(_("This account cannot be deleted from the moderation workspace."))
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Write the reason for deleting the account."))
    from masthead.accounts import services as accounts

    with transaction.atomic():
        audit(actor=actor, action="user.delete", target=user, reason=reason)
        deleter = getattr(accounts, "delete_account_without_notice", None)
        if deleter is not None:
            deleter(actor=actor, user=user, reason=reason)
        else:
            # The accounts app has no deletion yet: deactivating stops log-in and participation.
            type(user).objects.filter(pk=user.pk).update(is_active=False)
            user.is_active = False


# --- Appeals --------------------------------------------------------------------------------


def appeal_problem(user: Any) -> str | None:
    """Why this reader cannot appeal now, or None when the form is open to them."""
    block_ = active_block(user)
    if block_ is None:
        return _("Your account is not blocked, so there is nothing to appeal.")
    if block_.permanent:
        return _(
            "Your account was blocked a second time. Under our community standards a second "
            "block is permanent and cannot be appealed."
        )
    if Appeal.objects.filter(sanction=block_, status=Appeal.Status.PENDING).exists():
        return _("Your request is with the moderators; they will answer you here.")
    return None


def submit_appeal(user: Any, explanation: Any, subject: Any = APPEAL_SUBJECT) -> Appeal:
    problem = appeal_problem(user)
    if problem is not None:
        raise ModerationError(problem, status=409)
    subject = _clean(subject, _("subject"), 200) or APPEAL_SUBJECT
    explanation = _clean(explanation, _("explanation"), 4000)
    if len(explanation) < 20:
        raise ModerationError(
            _("Explain in a few sentences (at least 20 characters) what happened.")
        )
    sanction = active_block(user)
    if sanction is None:  # lifted between the check above and now
        raise ModerationError(_("Your account is not blocked."), status=409)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                sanction=sanction, user=user, subject=subject, explanation=explanation
            )
            audit(actor=user, action="appeal.submit", target=appeal, reason=explanation)
    except IntegrityError:
        raise ModerationError(
            _("Your request is with the moderators; they will answer you here."), status=409
        ) from None
    live.bump_appeals()
    return appeal


def _clean(value: Any, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ModerationError(_("The %(name)s must be text.") % {"name": name})
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ModerationError(
            _("The %(name)s contains characters that are not valid text.") % {"name": name}
        )
    value = value.strip()
    if len(value) > limit:
        raise ModerationError(
            _("The %(name)s is too long: use at most %(limit)d characters.")
            % {"name": name, "limit": limit}
        )
    return value


def decide_appeal(moderator: Any, appeal: Appeal, grant: bool, answer: str = "") -> Appeal:
    if not is_moderator(moderator):
        raise NotPermitted(_("Only moderators can answer requests."))
    answer = _clean(answer or "", _("answer"), 2000)
    status = Appeal.Status.GRANTED if grant else Appeal.Status.REFUSED
    with transaction.atomic():
        won = Appeal.objects.filter(pk=appeal.pk, status=Appeal.Status.PENDING).update(
            status=status, decided_at=timezone.now(), decided_by=moderator, answer=answer
        )
        if not won:
            appeal.refresh_from_db()
            who = appeal.decided_by.get_username() if appeal.decided_by else _("someone")
            raise AlreadyDecided(_("This request was already answered by %(who)s.") % {"who": who})
        appeal.refresh_from_db()
        audit(
            actor=moderator,
            action="appeal.grant" if grant else "appeal.refuse",
            target=appeal,
            reason=answer,
        )
        if grant and active_block(appeal.user) is not None:
            lift_block(moderator, appeal.user, answer or _("Request granted."), appeal=appeal)
        if grant:
            text = _("The moderators granted your request: your account can take part again.")
        else:
            text = _("The moderators refused your request to lift the block.")
        if answer:
            text += " " + _("Their answer: %(answer)s") % {"answer": answer}
        _notify_reader(appeal.user, text)
    live.bump_appeals()
    return appeal


# --- Scopes ---------------------------------------------------------------------------------


def set_scope(actor: Any, moderator: Any, section_ids: Iterable[int]) -> None:
    if not is_senior(actor):
        raise NotPermitted(_("Only a senior moderator can change moderators' sections."))
    ids = sorted(set(section_ids))
    with transaction.atomic():
        ModeratorScope.objects.filter(moderator=moderator).exclude(section_id__in=ids).delete()
        for section_id in ids:
            ModeratorScope.objects.get_or_create(moderator=moderator, section_id=section_id)
        audit(actor=actor, action="moderator.scope", target=moderator, details={"sections": ids})
