"""notify(user, event): what the discussion and moderation apps call for a reader's comments."""

from __future__ import annotations

import pytest

from masthead.notifications import services
from masthead.notifications.models import NotificationPreference, TopicKind
from tests.notifications.conftest import PushService, SmtpSink, text_of


def reply_event() -> services.Event:
    return services.Event(
        kind=TopicKind.REPLIES,
        title="Other Reader replied to your comment",
        body="I see it differently.",
        url="/articles/talks-resume/#c42",
    )


def test_a_reply_is_pushed_to_the_readers_browsers_that_asked_for_replies(
    push_service: PushService, reader, other_reader, django_capture_on_commit_callbacks
):
    wants, does_not, someone_else = (push_service.new_browser() for _ in range(3))
    for browser, topics, user in [
        (wants, ["breaking", "replies"], reader),
        (does_not, ["breaking"], reader),
        (someone_else, ["replies"], other_reader),
    ]:
        services.register_push_subscription(
            endpoint=browser.endpoint,
            p256dh=browser.p256dh,
            auth=browser.auth,
            topics=topics,
            user=user,
        )

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, reply_event())

    assert push_service.payloads_for(wants) == [
        {
            "title": "Other Reader replied to your comment",
            "body": "I see it differently.",
            "url": "http://127.0.0.1:8000/articles/talks-resume/#c42",
            "tag": push_service.payloads_for(wants)[0]["tag"],
        }
    ]
    assert push_service.payloads_for(does_not) == []
    assert push_service.payloads_for(someone_else) == []


def test_a_reader_who_opted_in_also_gets_an_email(
    smtp_sink: SmtpSink, vapid_keys, reader, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=reader, email_replies=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, reply_event())

    mail = smtp_sink.last()
    assert mail["To"] == "reader@example.org"
    assert mail["Subject"] == "Other Reader replied to your comment"
    assert "http://127.0.0.1:8000/articles/talks-resume/#c42" in text_of(mail)


def test_email_is_off_until_the_reader_asks_for_it(
    smtp_sink: SmtpSink, vapid_keys, reader, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=reader, email_replies=False, email_decisions=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, reply_event())
        services.notify(
            reader, services.Event(kind=TopicKind.DECISIONS, title="Your comment was published")
        )

    assert [m["Subject"] for m in smtp_sink.messages] == ["Your comment was published"]


def test_a_deactivated_reader_is_not_notified(
    smtp_sink: SmtpSink, vapid_keys, reader, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=reader, email_replies=True)
    reader.is_active = False
    reader.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, reply_event())

    assert smtp_sink.messages == []


def test_nothing_is_sent_before_the_transaction_commits(
    smtp_sink: SmtpSink, vapid_keys, reader, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=reader, email_replies=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(reader, reply_event())
    assert smtp_sink.messages == []
    assert len(callbacks) == 1


def test_an_unknown_event_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown event kind"):
        services.Event(kind="breaking", title="x")
