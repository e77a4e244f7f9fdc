import pytest

from masthead.discussion import services
from masthead.discussion.models import Comment, CommentRevision

pytestmark = pytest.mark.django_db

CLEAN = "Good to see the bridge open again; the detour added twenty minutes to my commute."


def post(client, story, text, **extra):
    return client.post(f"/articles/{story.slug}/comments/", {"text": text, **extra})


def test_a_reader_posts_a_comment_and_sees_it(client, reader, story):
    client.force_login(reader)
    response = post(client, story, CLEAN)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.verdict["action"] == "publish"
    page = client.get(story.get_absolute_url()).text
    assert "the detour added twenty minutes" in page
    story.refresh_from_db()
    assert story.comment_count == 1


def test_an_anonymous_visitor_is_told_to_log_in(client, story):
    response = post(client, story, CLEAN)
    assert response.status_code == 403
    assert "Log in or register" in response.text
    assert not Comment.objects.exists()
    page = client.get(story.get_absolute_url()).text
    assert "Log in or register to take part" in page


def test_it_rejects_a_comment_in_another_language_naming_the_rule(client, reader, story):
    client.force_login(reader)
    text = (
        "Este puente es una vergüenza, los políticos siempre roban el dinero de las obras "
        "públicas y nadie hace nada para evitarlo en nuestra ciudad."
    )
    response = post(client, story, text)
    assert response.status_code == 422
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert "language" in {f["rule"] for f in comment.verdict["findings"]}
    assert "not published" in response.text
    assert text[:40] in response.text  # the text is kept so the author can fix it


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one visible character"),
        ("   \n\t  ", "at least one visible character"),
        ("\u200b\u200b", "at least one visible character"),
        ("x" * 3001, "the limit is 3000"),
    ],
)
def test_bad_comments_get_a_clear_message_and_nothing_is_stored(
    client, reader, story, text, message
):
    client.force_login(reader)
    response = post(client, story, text)
    assert response.status_code == 400
    assert message in response.text
    assert not Comment.objects.exists()


def test_a_nul_byte_is_refused(client, reader, story):
    client.force_login(reader)
    response = post(client, story, "bridge\x00text")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_double_submitted_form_creates_one_comment(client, reader, story):
    client.force_login(reader)
    post(client, story, CLEAN, key="form-1234")
    post(client, story, CLEAN, key="form-1234")
    assert Comment.objects.count() == 1


def test_a_repeated_key_returns_the_first_comment_and_counts_it_once(reader, story):
    first = services.submit_comment(
        author=reader, article=story, text=CLEAN, idempotency_key="retry-1"
    )
    again = services.submit_comment(
        author=reader, article=story, text=CLEAN + " Sent again.", idempotency_key="retry-1"
    )
    assert first.created
    assert not again.created
    assert again.comment.pk == first.comment.pk
    assert again.comment.text == CLEAN  # the first one stands
    story.refresh_from_db()
    assert story.comment_count == 1
    assert Comment.objects.count() == 1


def test_the_same_key_from_two_readers_makes_two_comments(reader, other_reader, story):
    services.submit_comment(author=reader, article=story, text=CLEAN, idempotency_key="k")
    services.submit_comment(author=other_reader, article=story, text=CLEAN, idempotency_key="k")
    assert Comment.objects.count() == 2


def test_the_counter_counts_published_comments_only(reader, story):
    outcomes = [
        services.submit_comment(author=reader, article=story, text=CLEAN),
        services.submit_comment(
            author=reader,
            article=story,
            text="Este puente es una vergüenza, los políticos siempre roban el dinero de las "
            "obras públicas y nadie hace nada para evitarlo en nuestra ciudad.",
        ),
        services.submit_comment(
            author=reader, article=story, text="The cables were replaced on time, I heard."
        ),
    ]
    assert [o.comment.status for o in outcomes] == ["published", "rejected", "published"]
    assert all(o.comment.pk for o in outcomes)
    story.refresh_from_db()
    assert story.comment_count == Comment.objects.visible().filter(article=story).count() == 2


def test_a_reply_must_be_to_a_published_comment_of_the_same_article(reader, other_reader, story):
    from tests import factories

    elsewhere = factories.article()
    parent = factories.comment(elsewhere, other_reader)
    with pytest.raises(services.DiscussionError, match="same article"):
        services.submit_comment(author=reader, article=story, text=CLEAN, parent=parent)
    held = factories.comment(story, other_reader, status=Comment.Status.HELD)
    with pytest.raises(services.DiscussionError, match="published comment"):
        services.submit_comment(author=reader, article=story, text=CLEAN, parent=held)


def test_a_reply_nests_under_its_parent(reader, other_reader, story):
    from tests import factories

    parent = factories.comment(story, other_reader, text="The repairs took far too long.")
    outcome = services.submit_comment(
        author=reader,
        article=story,
        text="Eight months for cables and a deck is not so bad.",
        parent=parent,
    )
    assert outcome.comment.parent == parent
    assert outcome.comment.root == parent
    assert outcome.comment.depth == 1


def test_a_reader_cannot_edit_or_delete_anothers_comment(client, reader, other_reader, story):
    from tests import factories

    theirs = factories.comment(story, other_reader)
    client.force_login(reader)
    assert client.post(f"/comments/{theirs.pk}/edit/save/", {"text": "hijacked"}).status_code == 403
    assert client.post(f"/comments/{theirs.pk}/delete/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.text != "hijacked"
    assert theirs.status == Comment.Status.PUBLISHED


def test_an_edit_is_reviewed_again_and_its_history_kept(client, reader, story):
    client.force_login(reader)
    post(client, story, CLEAN)
    comment = Comment.objects.get()
    response = client.post(
        f"/comments/{comment.pk}/edit/save/",
        {"text": CLEAN + " The new cables look solid."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.edited_at is not None
    assert CommentRevision.objects.get(comment=comment).text == CLEAN
    assert "edited" in client.get(story.get_absolute_url()).text


def test_a_deleted_comment_shows_as_a_stub_only_under_replies(reader, other_reader, story, client):
    from tests import factories

    lonely = factories.comment(story, reader, text="A lonely remark about cables.")
    parent = factories.comment(story, reader, text="A remark that got a reply.")
    factories.comment(story, other_reader, text="I agree with the remark.", parent=parent)
    services.delete_comment(user=reader, comment=lonely)
    services.delete_comment(user=reader, comment=parent)
    page = client.get(story.get_absolute_url()).text
    assert "A lonely remark" not in page
    assert "A remark that got a reply" not in page
    assert page.count("This comment was deleted.") == 1
    assert "I agree with the remark." in page


def test_posting_too_often_is_rate_limited(reader, story, settings):
    settings.COMMENT_RATE_PER_MINUTE = 2
    for n in range(2):
        services.submit_comment(
            author=reader, article=story, text=f"Comment number {n} about the bridge repairs."
        )
    with pytest.raises(services.RateLimited):
        services.submit_comment(
            author=reader, article=story, text="One more comment about the bridge repairs."
        )


def test_a_closed_discussion_says_so_and_refuses_comments(client, reader, story):
    story.comments_open = False
    story.save()
    client.force_login(reader)
    response = post(client, story, CLEAN)
    assert response.status_code == 403
    assert "closed" in client.get(story.get_absolute_url()).text


def test_discussions_close_after_the_configured_days(reader, story, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.DISCUSSION_CLOSE_AFTER_DAYS = 3
    type(story).objects.filter(pk=story.pk).update(published_at=timezone.now() - timedelta(days=4))
    story.refresh_from_db()
    with pytest.raises(services.NotAllowed, match="closed"):
        services.submit_comment(author=reader, article=story, text=CLEAN)


def test_likes_and_reports(reader, other_reader, story):
    from tests import factories

    theirs = factories.comment(story, other_reader)
    assert services.react(user=reader, comment=theirs) == 1
    assert services.react(user=reader, comment=theirs) == 1
    assert services.react(user=reader, comment=theirs, on=False) == 0
    with pytest.raises(services.DiscussionError, match="rules"):
        services.report_comment(user=reader, comment=theirs, rule="no-such-rule")
    services.report_comment(user=reader, comment=theirs, rule="insults", note="Rude.")
    services.report_comment(user=reader, comment=theirs, rule="insults")
    theirs.refresh_from_db()
    assert theirs.report_count == 1


def test_a_retry_at_the_rate_limit_gets_the_stored_comment_not_a_429(reader, story, settings):
    settings.COMMENT_RATE_PER_MINUTE = 1
    first = services.submit_comment(
        author=reader, article=story, text=CLEAN, idempotency_key="lost-answer"
    )
    again = services.submit_comment(
        author=reader, article=story, text=CLEAN, idempotency_key="lost-answer"
    )
    assert not again.created
    assert again.comment.pk == first.comment.pk
    with pytest.raises(services.RateLimited):
        services.submit_comment(author=reader, article=story, text=CLEAN, idempotency_key="new")
    assert Comment.objects.count() == 1
