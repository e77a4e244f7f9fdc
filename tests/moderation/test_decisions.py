"""Approve, reject with a rule, remove, edit: one comment or many, each told to its author."""

from __future__ import annotations

import pytest

from masthead.core import pagecache
from masthead.discussion.models import Comment, CommentRevision
from masthead.moderation import services
from masthead.moderation.models import AuditEntry, Decision
from masthead.newsroom.models import Article
from tests import factories

from .conftest import client_for, held, reported

pytestmark = pytest.mark.django_db


def test_approving_a_held_comment_publishes_it_and_counts_it(
    moderator, story, reader, django_capture_on_commit_callbacks
):
    comment = held(story, reader)
    version = pagecache.cache.get(pagecache.object_version_key("article", story.slug))
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(moderator, comment, "approve")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert Article.objects.get(pk=story.pk).comment_count == 1
    assert pagecache.cache.get(pagecache.object_version_key("article", story.slug)) != version
    decision = Decision.objects.get()
    assert (decision.outcome, decision.source, decision.moderator) == ("approve", "held", moderator)


def test_rejecting_with_a_rule_tells_the_author_which_rule_on_their_next_visit(
    moderator, story, reader, django_capture_on_commit_callbacks
):
    comment = held(story, reader)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(moderator, comment, "reject", rule="insults")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REJECTED
    page = client_for(reader).get("/")
    html = page.content.decode()
    assert "Insults and threats" in html
    assert "Harbour bridge reopens" in html
    # Told once.
    assert "Insults and threats" not in client_for(reader).get("/").content.decode()


def test_a_rejection_needs_a_rule_in_force(moderator, story, reader):
    comment = held(story, reader)
    with pytest.raises(services.ModerationError, match="Choose the rule"):
        services.decide(moderator, comment, "reject")
    with pytest.raises(services.ModerationError, match="not a rule in force"):
        services.decide(moderator, comment, "reject", rule="no-such-rule")
    response = client_for(moderator).post(
        "/moderation/decide/",
        {"comment": comment.pk, "decision": "reject"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    assert "Choose the rule" in response.json()["error"]


def test_removing_a_reported_comment_unpublishes_it_and_resolves_the_reports(
    moderator, story, reader, other_reader
):
    comment = reported(story, reader, other_reader)
    assert Article.objects.get(pk=story.pk).comment_count == 1
    services.decide(moderator, comment, "remove", reason="Personal attack")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED
    assert Article.objects.get(pk=story.pk).comment_count == 0
    assert not comment.reports.filter(resolved=False).exists()
    assert Decision.objects.get().source == "reported"


def test_approving_a_reported_comment_keeps_it_and_clears_it_from_the_queue(
    moderator, story, reader, other_reader
):
    comment = reported(story, reader, other_reader)
    services.decide(moderator, comment, "approve")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PUBLISHED
    response = client_for(moderator).get("/moderation/")
    assert response.context["page"].items == []


def test_every_decision_is_in_the_audit_log(moderator, story, reader):
    comment = held(story, reader)
    services.decide(moderator, comment, "reject", rule="insults", reason="Name-calling")
    entry = AuditEntry.objects.get(action="comment.reject")
    assert entry.actor == moderator
    assert entry.target_id == str(comment.pk)
    assert entry.reason == "Name-calling"
    assert entry.details["rule"] == "insults"


def test_the_second_decision_on_the_same_comment_names_the_first_moderator(
    moderator, senior_moderator, story, reader
):
    comment = held(story, reader)
    stale_copy = Comment.objects.get(pk=comment.pk)
    services.decide(moderator, comment, "approve")
    with pytest.raises(services.AlreadyDecided, match="already decided by moderator"):
        services.decide(senior_moderator, stale_copy, "reject", rule="insults")
    assert Decision.objects.count() == 1
    response = client_for(senior_moderator).post(
        "/moderation/decide/",
        {"comment": comment.pk, "decision": "approve"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 409
    assert "already decided by moderator" in response.json()["error"]


def test_many_comments_at_once(moderator, story, reader, other_reader):
    first, second = held(story, reader), held(story, other_reader)
    services.decide(moderator, second, "approve")
    response = client_for(moderator).post(
        "/moderation/decide/",
        {"comment": [first.pk, second.pk, 999999], "decision": "reject", "rule": "insults"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    results = {r["id"]: r for r in response.json()["results"]}
    assert results[first.pk]["ok"]
    assert not results[second.pk]["ok"]
    assert "already decided" in results[second.pk]["message"]
    assert not results[999999]["ok"]


def test_the_form_works_without_javascript(moderator, story, reader):
    comment = held(story, reader)
    response = client_for(moderator).post(
        "/moderation/decide/", {"comment": comment.pk, "decision": "approve"}, follow=True
    )
    assert response.status_code == 200
    assert "1 comment(s) decided." in response.content.decode()


def test_bad_decision_input_is_a_clear_4xx(moderator, story, reader):
    client = client_for(moderator)
    assert (
        client.post("/moderation/decide/", {"comment": "x", "decision": "approve"}).status_code
        == 400
    )
    assert client.post("/moderation/decide/", {"decision": "approve"}).status_code == 400
    assert client.post("/moderation/decide/", {"comment": 1, "decision": "burn"}).status_code == 400
    assert client.get("/moderation/decide/").status_code == 405


def test_a_moderators_edit_keeps_the_old_text_and_is_audited(moderator, story, reader):
    comment = held(story, reader, "Call me on 0207 946 0958 about this.")
    response = client_for(moderator).post(
        f"/moderation/comments/{comment.pk}/edit/",
        {"text": "Call me about this.", "reason": "Removed a phone number"},
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).text == "Call me about this."
    assert CommentRevision.objects.get().text.startswith("Call me on 0207")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"edit", "comment.edit_reason"} <= actions


def test_an_empty_edit_is_refused_with_a_message(moderator, story, reader):
    comment = held(story, reader)
    response = client_for(moderator).post(
        f"/moderation/comments/{comment.pk}/edit/", {"text": "  "}
    )
    assert response.status_code == 400
    assert b"visible character" in response.content


def test_other_moderators_queues_learn_of_a_decision_from_the_cache(
    moderator, story, reader, django_capture_on_commit_callbacks
):
    comment = held(story, reader)
    client = client_for(moderator)
    before = client.get("/moderation/queue/changes/?since=0").json()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(moderator, comment, "approve")
    after = client.get(f"/moderation/queue/changes/?since={before['version']}").json()
    assert after["events"] == [{"id": comment.pk, "by": "moderator", "decision": "approve"}]
    assert client.get("/moderation/queue/changes/?since=abc").status_code == 400


def test_an_approved_reply_counts_and_is_visible(moderator, story, reader, other_reader):
    parent = factories.comment(story, other_reader)
    reply = held(story, reader, "Agreed with the above.", parent=parent)
    services.decide(moderator, reply, "approve")
    assert Article.objects.get(pk=story.pk).comment_count == 2


def test_the_author_is_notified_through_the_notifications_app(
    moderator, story, reader, django_capture_on_commit_callbacks
):
    from masthead.notifications.models import PushNotification

    comment = held(story, reader)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(moderator, comment, "reject", rule="insults")
    sent = PushNotification.objects.get(recipient=reader)
    assert sent.title == "Your comment was not published"
    assert "Insults and threats" in sent.body


def test_editing_a_missing_comment_is_a_404(moderator):
    assert client_for(moderator).get("/moderation/comments/999999/edit/").status_code == 404
