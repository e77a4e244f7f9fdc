"""Personal data: deletion revokes access at once, restore has a 30-day window, the purge
leaves nothing, and the export cannot forget a model that refers to the reader."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models
from django.test import Client

from masthead.accounts import services
from tests import factories

pytestmark = pytest.mark.django_db

# Distinctive, so a scan of the whole database cannot match anything by chance.
IDENTITY = {
    "username": "zelda_q7x",
    "email": "zelda.q7x@example.org",
    "display_name": "Zelda Quixote",
    "first_name": "Zeldagivenname",
    "note": "q7x-private-note",
    "endpoint": "https://push.example.org/send/q7x-endpoint",
}


def _reader_with_everything(story, other_reader):
    """A reader who used every feature that stores something about them."""
    from allauth.account.models import EmailAddress

    from masthead.core.tokens import issue_token
    from masthead.discussion import services as discussion
    from masthead.moderation.models import Appeal, ReaderNotice, Sanction
    from masthead.notifications.models import NewsletterSubscription, PushNotification
    from masthead.notifications.services import register_push_subscription

    user = get_user_model().objects.create_user(
        username=IDENTITY["username"],
        email=IDENTITY["email"],
        password="correct horse battery staple",
        display_name=IDENTITY["display_name"],
        first_name=IDENTITY["first_name"],
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    theirs = factories.comment(story, other_reader, "A comment of someone else.")
    factories.comment(story, user, "My own view on the bridge.")
    discussion.react(user=user, comment=theirs)
    discussion.report_comment(user=user, comment=theirs, rule="insults", note=IDENTITY["note"])
    from tests.security.test_output_and_files import png_bytes

    services.set_avatar(user, ContentFile(png_bytes(), name="me.png"))  # type: ignore[arg-type]
    register_push_subscription(
        endpoint=IDENTITY["endpoint"],
        p256dh="B" * 87,
        auth="A" * 22,
        topics=["breaking"],
        user=user,
    )
    NewsletterSubscription.objects.create(
        email=user.email, user=user, section=story.section, status="confirmed"
    )
    PushNotification.objects.create(
        kind=PushNotification.Kind.EVENT, title="Reply to Zelda Quixote", url="/", recipient=user
    )
    sanction = Sanction.objects.create(user=user, kind="block", reason="Spam about ferries.")
    Appeal.objects.create(sanction=sanction, user=user, subject="Please", explanation="Sorry.")
    ReaderNotice.objects.create(user=user, text="Your comment was not published.")
    issue_token(user, "my script")
    services.build_data_export(services.request_data_export(user).pk)
    return user


def _signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_deleting_an_account_revokes_its_sessions_tokens_and_push_subscriptions_at_once(
    story, other_reader
):
    from masthead.core.models import ApiToken
    from masthead.core.tokens import issue_token
    from masthead.notifications.models import PushSubscription

    user = _reader_with_everything(story, other_reader)
    browser = _signed_in(user)
    token = issue_token(user, "another script")
    script = Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)
    assert browser.get("/accounts/profile/").status_code == 200

    services.request_account_deletion(user)

    assert browser.get("/accounts/profile/").status_code == 302  # to the log-in page
    response = script.post(
        f"/api/articles/{story.slug}/comments",
        json.dumps({"text": "Still posting?"}),
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not ApiToken.objects.filter(user=user).exists()
    # Paused, not deleted, so a restore can bring them back; a paused one receives nothing.
    assert not PushSubscription.objects.active().filter(user=user).exists()


def test_the_restore_link_works_on_day_29_and_not_on_day_31(reader, settings):
    settings.ACCOUNT_RESTORE_DAYS = 30
    deleted_at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(deleted_at, tick=False):
        services.request_account_deletion(reader)
        reader.refresh_from_db()
        link = f"/accounts/restore/{services.restore_token(reader)}/"
    with time_machine.travel(deleted_at + timedelta(days=31), tick=False):
        assert Client().get(link).status_code == 400
    with time_machine.travel(deleted_at + timedelta(days=29), tick=False):
        client = Client()
        assert client.get(link).status_code == 200
        assert client.post(link).status_code == 302
    reader.refresh_from_db()
    assert reader.is_active
    assert reader.deactivated_at is None


def _personal_values_in_database() -> list[str]:
    found = []
    needles = [v.lower() for v in IDENTITY.values()]
    for model in apps.get_models(include_auto_created=True):
        text_fields = [
            f.column
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not text_fields:
            continue
        for row in model._base_manager.values_list(
            *[f.attname for f in model._meta.concrete_fields if f.column in text_fields]
        ):
            blob = json.dumps(row, default=str).lower()
            for needle in needles:
                if needle in blob:
                    found.append(f"{model._meta.label}: {needle}")
    return found


def test_the_purge_leaves_no_personal_data_in_the_database_or_media_files(
    story, other_reader, settings
):
    user = _reader_with_everything(story, other_reader)
    assert _personal_values_in_database(), "the scan must see the data before the purge"
    media = Path(settings.MEDIA_ROOT)
    assert any(p.is_file() for p in media.rglob("*"))

    services.request_account_deletion(user)
    services.purge_account(user, notify=False)

    assert _personal_values_in_database() == []
    leftovers = [p for p in media.rglob("*") if p.is_file()]
    assert leftovers == [], leftovers


# Models that refer to the user model but are not exported, each with the reason.
NOT_EXPORTED = {
    # Staff's own work records: who did something, not data about the reader it was done to.
    ("admin.LogEntry", "user"): "staff actions in the admin",
    ("accounts.AccountAuditEntry", "actor"): "the staff member who acted",
    ("discussion.CommentRevision", "edited_by"): "who edited; revisions are exported by comment",
    ("moderation.Sanction", "created_by"): "the moderator who blocked",
    ("moderation.Sanction", "lifted_by"): "the moderator who lifted the block",
    ("moderation.Appeal", "decided_by"): "the moderator who decided",
    ("moderation.AuditEntry", "actor"): "the moderator who acted",
    ("moderation.Decision", "moderator"): "the moderator who decided",
    ("moderation.ModeratorScope", "moderator"): "a moderator's sections, a staff role",
    ("notifications.PushNotification", "sent_by"): "the editor who sent a push",
    ("newsroom.Author", "user"): "a journalist's public byline, not a reader's data",
    # Roles: readers have none; staff roles are in the admin.
    ("accounts.User_groups", "user"): "staff roles",
    ("accounts.User_user_permissions", "user"): "staff permissions",
    # The export itself: its file is what the reader downloads.
    ("accounts.DataExport", "user"): "the exports themselves",
}

# Where each model that refers to the reader shows up in the export.
EXPORTED_AS = {
    ("core.ApiToken", "user"): ("other", "api", "api_tokens"),
    ("accounts.Consent", "user"): ("consents",),
    ("accounts.AccountAuditEntry", "subject"): ("account_history",),
    ("account.EmailAddress", "user"): ("email_addresses",),
    ("socialaccount.SocialAccount", "user"): ("social_accounts",),
    ("usersessions.UserSession", "user"): ("sessions",),
    ("discussion.Comment", "author"): ("other", "discussion", "comments"),
    ("discussion.Reaction", "user"): ("other", "discussion", "likes"),
    ("discussion.Report", "reporter"): ("other", "discussion", "reports_filed"),
    ("moderation.Sanction", "user"): ("other", "moderation", "sanctions"),
    ("moderation.Appeal", "user"): ("other", "moderation", "appeals"),
    ("moderation.ReaderNotice", "user"): ("other", "moderation", "notices"),
    ("notifications.PushSubscription", "user"): ("other", "notifications", "push_subscriptions"),
    ("notifications.NotificationPreference", "user"): (
        "other",
        "notifications",
        "email_preferences",
    ),
    ("notifications.NewsletterSubscription", "user"): ("other", "notifications", "newsletters"),
    ("notifications.PushNotification", "recipient"): (
        "other",
        "notifications",
        "notifications_received",
    ),
}


def _references_to_user() -> set[tuple[str, str]]:
    user_model = get_user_model()
    return {
        (model._meta.label, field.name)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is user_model
        and model is not user_model
    }


def test_every_model_that_refers_to_a_reader_is_exported_or_listed_with_a_reason():
    unaccounted = _references_to_user() - set(NOT_EXPORTED) - set(EXPORTED_AS)
    assert unaccounted == set(), (
        "A model refers to the user: add it to the reader's data export (a lifecycle export "
        f"hook) or to NOT_EXPORTED with the reason: {sorted(unaccounted)}"
    )
    assert set(EXPORTED_AS).isdisjoint(NOT_EXPORTED)


def test_the_export_holds_each_kind_of_the_readers_data(story, other_reader):
    user = _reader_with_everything(story, other_reader)
    export = services.build_data_export(services.request_data_export(user).pk)
    assert export is not None
    assert export.file
    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        data = json.loads(archive.read("data.json"))
        assert "avatar.png" in archive.namelist()
    for (label, _field), path in EXPORTED_AS.items():
        node = data
        for key in path:
            assert key in node, f"{label} missing from the export at {'.'.join(path)}"
            node = node[key]
    filled = [
        ("other", "discussion", "comments"),
        ("other", "discussion", "likes"),
        ("other", "discussion", "reports_filed"),
        ("other", "moderation", "sanctions"),
        ("other", "moderation", "appeals"),
        ("other", "moderation", "notices"),
        ("other", "api", "api_tokens"),
        ("other", "notifications", "push_subscriptions"),
        ("other", "notifications", "newsletters"),
        ("other", "notifications", "notifications_received"),
        ("email_addresses",),
    ]
    for path in filled:
        node = data
        for key in path:
            node = node[key]
        assert node, f"nothing exported at {'.'.join(path)}"
