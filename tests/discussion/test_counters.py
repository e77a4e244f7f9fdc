"""The article's comment counter: kept by every post, repaired by `recount`.

On PostgreSQL a post outside any transaction commits the comment durably and moves the counter
in a second, asynchronously committed transaction (see `services._insert_counted`); these tests
run without a wrapping transaction so that path is the one taken.
"""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from masthead.core.scheduler import collect_schedule
from masthead.discussion import services
from masthead.discussion.models import Comment
from masthead.newsroom.models import Article
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

CLEAN = "Good to see the bridge open again; the detour added twenty minutes to my commute."


def count_of(article: Article) -> int:
    article.refresh_from_db()
    return article.comment_count


def test_posts_outside_a_transaction_count_once_each(reader, other_reader, story):
    assert not connection.in_atomic_block
    services.submit_comment(author=reader, article=story, text=CLEAN, idempotency_key="a")
    services.submit_comment(author=other_reader, article=story, text=CLEAN + " Agreed.")
    again = services.submit_comment(author=reader, article=story, text=CLEAN, idempotency_key="a")
    assert not again.created
    assert Comment.objects.count() == 2
    assert count_of(story) == 2


def test_a_held_post_outside_a_transaction_is_not_counted(reader, story):
    off_topic = (
        "My favourite football team lost again on Sunday because the goalkeeper kept "
        "dropping easy crosses and the manager refuses to change tactics at all."
    )
    outcome = services.submit_comment(author=reader, article=story, text=off_topic)
    assert outcome.comment.status == Comment.Status.HELD
    assert Comment.objects.filter(pk=outcome.comment.pk).exists()
    assert count_of(story) == 0


def test_recount_repairs_drifted_counters_and_only_those(reader, story):
    quiet = factories.article(headline="A quiet story", slug="quiet-story")
    services.submit_comment(author=reader, article=story, text=CLEAN)
    services.submit_comment(author=reader, article=story, text=CLEAN + " And the buses.")
    # What a database crash just after a post can leave: the comments, not their counts.
    Article.objects.filter(pk=story.pk).update(comment_count=0)
    Article.objects.filter(pk=quiet.pk).update(comment_count=5)

    assert services.recount_comments(since=timezone.now() - timedelta(hours=1)) == 1
    assert count_of(story) == 2
    assert count_of(quiet) == 5  # no comment in the window: left alone

    assert services.recount_comments() == 1
    assert count_of(quiet) == 0
    assert services.recount_comments() == 0  # nothing left to correct


def test_recount_counts_public_comments_only(reader, other_reader, story):
    services.submit_comment(author=reader, article=story, text=CLEAN)
    hidden = services.submit_comment(author=other_reader, article=story, text=CLEAN + " Yes.")
    Comment.objects.filter(pk=hidden.comment.pk).update(author_hidden=True)
    Article.objects.filter(pk=story.pk).update(comment_count=9)
    services.recount_comments()
    assert count_of(story) == 1


def test_the_recount_command(reader, story, capsys):
    services.submit_comment(author=reader, article=story, text=CLEAN)
    Article.objects.filter(pk=story.pk).update(comment_count=3)
    call_command("discussion", "recount", "--hours", "2")
    assert "1 comment counter(s) corrected." in capsys.readouterr().out
    assert count_of(story) == 1
    with pytest.raises(CommandError, match="positive"):
        call_command("discussion", "recount", "--hours", "0")


def test_the_scheduler_runs_the_recount():
    assert ("masthead.discussion.tasks.recount_recent_comments", 900) in collect_schedule()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the kept INSERT is PostgreSQL's posting path"
)
def test_the_kept_insert_is_what_the_orm_would_compile(reader, story, monkeypatch):
    from django.db.models.constants import OnConflict
    from django.db.models.sql import InsertQuery

    top = services.submit_comment(author=reader, article=story, text=CLEAN).comment
    shapes = [
        Comment(article=story, author=reader, text="First.", verdict={"action": "publish"}),
        Comment(article=story, author=None, text="Second.", idempotency_key="k-1", risk=0.25),
        Comment(article=story, author=reader, parent=top, root=top, depth=1, text="A reply."),
    ]
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)  # created_at, set by both
    for comment in shapes:
        sql, params = services._insert_statement(comment, "default")
        fields = [f for f in Comment._meta.concrete_fields if not f.primary_key]
        query = InsertQuery(Comment, on_conflict=OnConflict.IGNORE)
        query.insert_values(fields, [comment])
        compiler = query.get_compiler(using="default")
        compiler.returning_fields = [Comment._meta.pk]
        [(expected_sql, expected_params)] = compiler.as_sql()
        assert sql == expected_sql
        with connection.cursor() as cursor:
            # compared as the database receives them (JSON adapters have no equality)
            assert cursor.mogrify(sql, params) == cursor.mogrify(expected_sql, expected_params)
