from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from masthead.accounts import lifecycle, services, tasks
from masthead.accounts.models import AccountAuditEntry, AppendOnlyError, Consent, User
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


def _rich_account(user: User) -> User:
    """A reader who has used everything that keeps data about them."""
    services.set_avatar(user, SimpleUploadedFile("me.jpg", jpeg_bytes(), "image/jpeg"))
    services.record_consent(user, method=Consent.Method.SIGNUP)
    SocialAccount.objects.create(
        user=user,
        provider="github",
        uid="12345",
        extra_data={"email": user.email, "name": "Vera Verified"},
    )
    services.request_data_export(user)
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message="changed display name",
    ) if hasattr(LogEntry.objects, "log_actions") else LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=CHANGE,
    )
    return user


def _personal_text_anywhere(needles: list[str]) -> list[str]:
    """Every (table, column) whose text contains one of the needles, across the database."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        text_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for field in text_fields:
            for needle in needles:
                lookup = "icontains"
                if isinstance(field, models.JSONField):
                    rows = model._default_manager.exclude(**{f"{field.attname}__isnull": True})
                    if any(
                        needle.lower() in str(v).lower()
                        for v in rows.values_list(field.attname, flat=True)
                    ):
                        found.append(f"{model._meta.db_table}.{field.column}")
                    continue
                if model._default_manager.filter(**{f"{field.attname}__{lookup}": needle}).exists():
                    found.append(f"{model._meta.db_table}.{field.column} ~ {needle}")
    return found


def test_nothing_personal_survives_the_purge(
    verified_reader, privacy_policy, smtp_sink, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        _rich_account(verified_reader)
    avatar_path = verified_reader.avatar.path
    needles = [verified_reader.email, "Vera Verified", verified_reader.username]
    assert _personal_text_anywhere(needles)  # the probe does find them before

    with django_capture_on_commit_callbacks(execute=True):
        services.request_account_deletion(verified_reader)
    later = timezone.now() + timedelta(days=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired_accounts(now=later) == 1

    assert _personal_text_anywhere(needles) == []
    import os

    assert not os.path.exists(avatar_path)
    assert not EmailAddress.objects.filter(user=verified_reader).exists()
    assert not SocialAccount.objects.filter(user=verified_reader).exists()
    tombstone = User.objects.get(pk=verified_reader.pk)
    assert tombstone.purged_at
    assert not tombstone.is_active
    assert tombstone.get_short_name() == "Deleted reader"
    # The proof of consent stays, anonymous.
    consent = Consent.objects.get(policy=privacy_policy)
    assert consent.user is None
    assert consent.anonymous_id
    entries = AccountAuditEntry.objects.filter(subject_anonymous_id=consent.anonymous_id)
    assert {e.action for e in entries} >= {"deactivated", "purged"}
    # A last mail says it is done.
    assert any(
        "erased" in str(m["Subject"]) for m in smtp_sink.wait_for("verified_reader@example.org", 2)
    )
    assert connection.vendor in {"sqlite", "postgresql"}


def test_accounts_inside_the_restore_window_are_not_purged(verified_reader):
    services.request_account_deletion(verified_reader)
    assert services.purge_expired_accounts(now=timezone.now() + timedelta(days=29)) == 0
    assert tasks.purge_expired_accounts.call() == 0


def test_the_purge_task_is_scheduled_hourly():
    assert ("masthead.accounts.tasks.purge_expired_accounts", 3600) in tasks.SCHEDULE


@pytest.mark.parametrize("choice", ["delete", "keep"])
def test_the_comments_setting_reaches_the_purge_hooks(verified_reader, settings, choice):
    settings.ACCOUNT_PURGE_COMMENTS = choice
    seen = []
    lifecycle.register("probe", on_purge=lambda user, comments: seen.append(comments))
    try:
        services.request_account_deletion(verified_reader)
        services.purge_expired_accounts(now=timezone.now() + timedelta(days=31))
    finally:
        lifecycle.unregister("probe")
    assert seen == [lifecycle.PurgeComments(choice)]


def test_a_failing_hook_leaves_the_account_whole_and_is_retried(verified_reader):
    def broken(user, comments):
        raise RuntimeError("discussion is down")

    lifecycle.register("broken", on_purge=broken)
    services.request_account_deletion(verified_reader)
    try:
        assert services.purge_expired_accounts(now=timezone.now() + timedelta(days=31)) == 0
    finally:
        lifecycle.unregister("broken")
    verified_reader.refresh_from_db()
    assert verified_reader.purged_at is None
    assert verified_reader.email
    assert services.purge_expired_accounts(now=timezone.now() + timedelta(days=31)) == 1


def test_an_administrator_deletes_without_notice_and_it_is_audited(
    admin_client, admin_user, verified_reader, smtp_sink
):
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_without_notice", "_selected_action": [verified_reader.pk]},
    )
    assert response.status_code == 200
    assert "reason" in response.content.decode()
    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "delete_without_notice",
            "_selected_action": [verified_reader.pk],
            "reason": "Threats against another reader (rule 4).",
        },
    )
    verified_reader.refresh_from_db()
    assert verified_reader.purged_at is not None
    entry = AccountAuditEntry.objects.get(action=AccountAuditEntry.Action.DELETED_WITHOUT_NOTICE)
    assert entry.actor == admin_user
    assert entry.reason == "Threats against another reader (rule 4)."
    assert entry.created_at
    assert smtp_sink.to("verified_reader@example.org") == []


def test_deleting_without_notice_needs_a_reason(admin_user, verified_reader):
    with pytest.raises(ValueError, match="reason"):
        services.delete_account_without_notice(verified_reader, actor=admin_user, reason=" ")


def test_audit_entries_are_append_only(verified_reader):
    services.request_account_deletion(verified_reader)
    entry = AccountAuditEntry.objects.get()
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
