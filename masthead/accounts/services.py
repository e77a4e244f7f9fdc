"""Every write to a reader's account goes through one of these functions.

Views, admin actions, commands and tasks call them; nothing else changes an account's state.
"""

from __future__ import annotations

import io
import json
import logging
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.accounts import avatars, lifecycle, mail
from masthead.accounts.models import (
    AccountAuditEntry,
    Consent,
    DataExport,
    OutgoingMail,
    PrivacyPolicy,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from masthead.accounts.models import User

log = logging.getLogger(__name__)

RESTORE_SALT = "masthead.accounts.restore"
EXPORT_SALT = "masthead.accounts.export"


# --- Reads ------------------------------------------------------------------------------------


def _consent_cache_key(user: User, policy: PrivacyPolicy) -> str:
    return f"accounts:consented:{user.pk}:{policy.pk}"


def policy_awaiting_consent(user: User) -> PrivacyPolicy | None:
    """The current policy if this reader has not accepted it yet, else None."""
    policy = PrivacyPolicy.objects.current()
    if policy is None:
        return None
    key = _consent_cache_key(user, policy)
    # The middleware asks on every request; the positive answer never changes, so cache it.
    if cache.get(key):
        return None
    if Consent.objects.filter(user=user, policy=policy).exists():
        cache.set(key, True, timeout=24 * 3600)
        return None
    return policy


def participation_annotations(now: datetime | None = None) -> dict[str, Any]:
    """What :func:`participation_refusal` needs, as annotations on a query of users.

    The discussion checks these together with the moderation app's sanctions in one query, so a
    post costs one round trip for "who may write" instead of one per rule.
    """
    from allauth.account.models import EmailAddress
    from django.db.models import Exists, OuterRef, Subquery

    current = PrivacyPolicy.objects.published(now).order_by("-published_at", "-pk").values("pk")[:1]
    return {
        "mh_verified": Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
        "mh_policy": Subquery(current),
        "mh_consented": Exists(
            Consent.objects.filter(user=OuterRef("pk"), policy=Subquery(current))
        ),
    }


def participation_refusal(user: User | AnonymousUser | None, row: dict[str, Any]) -> str | None:
    """Why this user may not take part, given the values of :func:`participation_annotations`."""
    if user is None or not user.is_authenticated:
        return _("Please log in or register to take part in the discussion.")
    if not user.is_active or getattr(user, "deactivated_at", None):
        return _("This account is deactivated. Restore it with the link we e-mailed you.")
    if not row.get("mh_verified"):
        return _(
            "Please confirm your e-mail address first: follow the link in the mail we sent you,"
            " or ask for a new one on your account page."
        )
    if row.get("mh_policy") is not None and not row.get("mh_consented"):
        return _("Our privacy policy has changed. Please read it and accept it to continue.")
    return None


def can_participate(user: User | AnonymousUser | None) -> tuple[bool, str]:
    """May this user post, react and report? If not, the reason and how to fix it."""
    if user is None or not user.is_authenticated:
        return False, str(participation_refusal(user, {}))
    annotations = participation_annotations()
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(**annotations)
        .values(*annotations)
        .first()
    ) or {"mh_verified": False, "mh_policy": None, "mh_consented": False}
    reason = participation_refusal(user, row)
    return reason is None, reason or ""


# --- Registration and consent -----------------------------------------------------------------


def record_consent(
    user: User, *, method: Consent.Method, policy: PrivacyPolicy | None = None
) -> Consent | None:
    """Record that the reader accepted the (current) policy. None when no policy exists yet."""
    policy = policy or PrivacyPolicy.objects.current()
    if policy is None:
        return None
    existing = Consent.objects.filter(user=user, policy=policy).first()
    if existing:
        return existing
    consent = Consent.objects.create(user=user, policy=policy, method=method)
    cache.set(_consent_cache_key(user, policy), True, timeout=24 * 3600)
    return consent


def register_reader(user: User, *, display_name: str, consent_method: Consent.Method) -> User:
    """Finish a new account made by allauth (form or social network): name and consent."""
    display_name = " ".join(display_name.split())[:60]
    if display_name and display_name != user.display_name:
        user.display_name = display_name
        user.save(update_fields=["display_name"])
    record_consent(user, method=consent_method)
    return user


# --- Profile ----------------------------------------------------------------------------------


def update_profile(user: User, *, display_name: str) -> User:
    user.display_name = " ".join(display_name.split())[:60]
    user.save(update_fields=["display_name"])
    return user


def set_avatar(user: User, upload: UploadedFile) -> User:
    """Store the re-encoded picture (raises avatars.AvatarError with a reader-facing message)."""
    png = avatars.normalise(upload)
    old = user.avatar.name if user.avatar else ""
    user.avatar.save("avatar.png", ContentFile(png), save=False)
    user.save(update_fields=["avatar"])
    if old:
        user.avatar.storage.delete(old)
    return user


def remove_avatar(user: User) -> User:
    if user.avatar:
        user.avatar.delete(save=False)
        user.avatar = ""
        user.save(update_fields=["avatar"])
    return user


# --- Deletion, restore, purge -----------------------------------------------------------------


def end_sessions(user: User) -> int:
    """Log the user out everywhere (allauth.usersessions tracks each of their sessions)."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for session in UserSession.objects.filter(user=user):
        session.end()
        ended += 1
    return ended


def restore_token(user: User) -> str:
    assert user.deactivated_at is not None  # noqa: S101 - a programming error, not input
    # Bound to this deletion: after a restore and a second deletion, the old link is dead.
    return signing.dumps(
        {"u": user.pk, "d": int(user.deactivated_at.timestamp())}, salt=RESTORE_SALT
    )


def user_for_restore_token(token: str) -> User | None:
    try:
        data = signing.loads(
            token, salt=RESTORE_SALT, max_age=timedelta(days=settings.ACCOUNT_RESTORE_DAYS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = get_user_model().objects.filter(pk=data["u"]).first()
    if user is None or not user.is_deactivated or user.deactivated_at is None:
        return None
    if int(user.deactivated_at.timestamp()) != data.get("d"):
        return None
    return user


def _audit(
    *, subject: User | None, action: AccountAuditEntry.Action, actor: User | None, reason: str = ""
) -> AccountAuditEntry:
    return AccountAuditEntry.objects.create(
        subject=subject, actor=actor, action=action, reason=reason
    )


@transaction.atomic
def request_account_deletion(user: User) -> User:
    """The reader deletes their account: off at once, restorable for ACCOUNT_RESTORE_DAYS."""
    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    if locked.deactivated_at is not None or locked.purged_at is not None:
        return locked  # A double click: already done.
    locked.is_active = False
    locked.deactivated_at = timezone.now()
    locked.save(update_fields=["is_active", "deactivated_at"])
    lifecycle.deactivate(locked)
    _audit(subject=locked, actor=locked, action=AccountAuditEntry.Action.DEACTIVATED)
    end_sessions(locked)
    if locked.email:
        restore_url = settings.SITE_URL + reverse("accounts:restore", args=[restore_token(locked)])
        mail.send_template(
            "accounts/email/account_deleted",
            locked.email,
            {
                "user": locked,
                "name": locked.get_short_name(),
                "restore_url": restore_url,
                "days": settings.ACCOUNT_RESTORE_DAYS,
                "purge_after": locked.deactivated_at
                + timedelta(days=settings.ACCOUNT_RESTORE_DAYS),
            },
        )
    user.is_active, user.deactivated_at = locked.is_active, locked.deactivated_at
    return locked


@transaction.atomic
def restore_account(user: User) -> User:
    """Undo a deletion inside the restore window: everything comes back as it was."""
    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    if locked.deactivated_at is None or locked.purged_at is not None:
        return locked
    locked.is_active = True
    locked.deactivated_at = None
    locked.save(update_fields=["is_active", "deactivated_at"])
    lifecycle.restore(locked)
    _audit(subject=locked, actor=locked, action=AccountAuditEntry.Action.RESTORED)
    user.is_active, user.deactivated_at = True, None
    return locked


def _scrub_admin_log(user: User) -> None:
    # The admin's history stores str(user) (the username) as text; keep the entries, drop that.
    content_type = ContentType.objects.get_for_model(get_user_model())
    LogEntry.objects.filter(content_type=content_type, object_id=str(user.pk)).update(
        object_repr="deleted reader", change_message=""
    )


@transaction.atomic
def purge_account(
    user: User,
    *,
    actor: User | None = None,
    reason: str = "",
    action: AccountAuditEntry.Action = AccountAuditEntry.Action.PURGED,
    notify: bool = True,
) -> User:
    """Erase the reader's personal data for good and leave an anonymous tombstone row.

    Consent records and audit entries stay, as the law asks, under a random anonymous id.
    """
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    if locked.purged_at is not None:
        return locked
    addresses = set(EmailAddress.objects.filter(user=locked).values_list("email", flat=True))
    if locked.email:
        addresses.add(locked.email)
    notice_to = locked.email
    greeting_name = locked.get_short_name()

    lifecycle.purge(locked, lifecycle.PurgeComments(settings.ACCOUNT_PURGE_COMMENTS))

    end_sessions(locked)
    anonymous_id = uuid.uuid4()
    # Queryset updates on purpose: the consent and audit rows are proof and otherwise
    # immutable; this is the one change the law asks of them.
    Consent.objects.filter(user=locked).update(user=None, anonymous_id=anonymous_id)
    AccountAuditEntry.objects.filter(subject=locked).update(
        subject=None, subject_anonymous_id=anonymous_id
    )
    for export in DataExport.objects.filter(user=locked):
        if export.file:
            export.file.delete(save=False)
        export.delete()
    if locked.avatar:
        locked.avatar.delete(save=False)
    SocialAccount.objects.filter(user=locked).delete()
    EmailAddress.objects.filter(user=locked).delete()
    OutgoingMail.objects.filter(to__in=addresses).delete()
    _scrub_admin_log(locked)

    now = timezone.now()
    locked.username = f"deleted-{uuid.uuid4().hex[:16]}"
    locked.email = ""
    locked.first_name = ""
    locked.last_name = ""
    locked.display_name = ""
    locked.avatar = ""
    locked.set_unusable_password()
    locked.is_active = False
    locked.is_staff = False
    locked.is_superuser = False
    locked.last_login = None
    locked.deactivated_at = locked.deactivated_at or now
    locked.purged_at = now
    locked.save()
    locked.groups.clear()
    locked.user_permissions.clear()
    AccountAuditEntry.objects.create(
        subject=None,
        subject_anonymous_id=anonymous_id,
        actor=actor,
        action=action,
        reason=reason,
    )
    if notify and notice_to:
        mail.send_template("accounts/email/account_purged", notice_to, {"name": greeting_name})
    return locked


def delete_account_without_notice(user: User, *, actor: User, reason: str) -> User:
    """An administrator removes an account at once (community standards), audited, no mail."""
    if not reason.strip():
        raise ValueError("A reason is required to delete an account without notice.")
    return purge_account(
        user,
        actor=actor,
        reason=reason.strip(),
        action=AccountAuditEntry.Action.DELETED_WITHOUT_NOTICE,
        notify=False,
    )


def purge_expired_accounts(*, now: Any = None) -> int:
    """Purge every account whose restore window has passed. Returns how many."""
    purged = 0
    ids = list(get_user_model().objects.awaiting_purge(now=now).values_list("pk", flat=True))
    for user_id in ids:
        user = get_user_model().objects.get(pk=user_id)
        try:
            purge_account(user)
        except Exception:
            # One broken hook must not keep everyone else's data; the next run retries.
            log.exception("Could not purge account %s", user_id)
        else:
            purged += 1
    return purged


def drop_stale_mail(*, older_than: timedelta = timedelta(days=2)) -> int:
    """Mails that could not be sent for days are dropped, with the addresses in them."""
    deleted, _rows = OutgoingMail.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


# --- Data export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportLink:
    url: str
    expires_at: Any


def request_data_export(user: User) -> DataExport:
    """Start building a copy of everything we hold about the reader (a background task)."""
    from masthead.accounts import tasks

    pending = DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).first()
    if pending:
        return pending
    export = DataExport.objects.create(user=user)
    _audit(subject=user, actor=user, action=AccountAuditEntry.Action.EXPORT_REQUESTED)
    transaction.on_commit(lambda: tasks.build_data_export.enqueue(export.pk))
    return export


def _iso(value: Any) -> Any:
    return value.isoformat() if value else None


def collect_personal_data(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount
    from allauth.usersessions.models import UserSession

    return {
        "generated_at": timezone.now().isoformat(),
        "site": settings.SITE_NAME,
        "profile": {
            "id": user.pk,
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_active": user.is_active,
            "avatar": "avatar.png" if user.avatar else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "social_accounts": [
            {
                "provider": s.provider,
                "uid": s.uid,
                "date_joined": _iso(s.date_joined),
                "last_login": _iso(s.last_login),
                "data_from_provider": s.extra_data,
            }
            for s in SocialAccount.objects.filter(user=user)
        ],
        "consents": [
            {
                "policy_version": c.policy.version,
                "given_at": _iso(c.given_at),
                "method": c.method,
            }
            for c in Consent.objects.filter(user=user).select_related("policy")
        ],
        "account_history": [
            {"action": a.action, "at": _iso(a.created_at), "reason": a.reason}
            for a in AccountAuditEntry.objects.filter(subject=user)
        ],
        "sessions": [
            {
                "ip": s.ip,
                "user_agent": s.user_agent,
                "created_at": _iso(s.created_at),
                "last_seen_at": _iso(s.last_seen_at),
            }
            for s in UserSession.objects.filter(user=user)
        ],
        "other": lifecycle.export(user),
    }


def build_data_export(export_id: int) -> DataExport | None:
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return export
    user = export.user
    try:
        data = collect_personal_data(user)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str)
            )
            if user.avatar:
                with user.avatar.open("rb") as picture:
                    archive.writestr("avatar.png", picture.read())
        export.file.save("personal-data.zip", ContentFile(buffer.getvalue()), save=False)
    except Exception:
        log.exception("Data export %s failed", export_id)
        export.status = DataExport.Status.FAILED
        export.save(update_fields=["status"])
        return export
    now = timezone.now()
    export.status = DataExport.Status.READY
    export.ready_at = now
    export.expires_at = now + timedelta(days=settings.DATA_EXPORT_DAYS)
    export.save(update_fields=["status", "file", "ready_at", "expires_at"])
    if user.email:
        mail.send_template(
            "accounts/email/export_ready",
            user.email,
            {
                "name": user.get_short_name(),
                "url": export_link(export).url,
                "expires_at": export.expires_at,
            },
        )
    return export


def export_link(export: DataExport) -> ExportLink:
    token = signing.dumps(export.pk, salt=EXPORT_SALT)
    return ExportLink(
        url=settings.SITE_URL + reverse("accounts:export_download", args=[token]),
        expires_at=export.expires_at,
    )


def export_for_token(token: str, user: User) -> DataExport | None:
    """The export behind a download link, only for its owner and only while it is valid."""
    try:
        export_id = signing.loads(
            token, salt=EXPORT_SALT, max_age=timedelta(days=settings.DATA_EXPORT_DAYS)
        )
    except signing.BadSignature:
        return None
    export = DataExport.objects.filter(pk=export_id, user=user).first()
    if export is None or not export.is_available:
        return None
    return export


def delete_expired_exports(*, now: Any = None) -> int:
    now = now or timezone.now()
    count = 0
    for export in DataExport.objects.filter(expires_at__lt=now):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
