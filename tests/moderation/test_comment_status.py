"""discussion.services.set_status: a decision's change of status keeps counts and caches right."""

import pytest

from masthead.core import pagecache
from masthead.discussion.models import Comment
from masthead.discussion.services import DiscussionError, set_status
from masthead.newsroom.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def count(article) -> int:
    return Article.objects.get(pk=article.pk).comment_count


def test_publishing_and_unpublishing_move_the_count(
    story, reader, django_capture_on_commit_callbacks
):
    comment = factories.comment(story, reader, status=Comment.Status.HELD)
    key = pagecache.object_version_key("article", story.slug)
    with django_capture_on_commit_callbacks(execute=True):
        assert set_status(comment, Comment.Status.PUBLISHED, expected=Comment.Status.HELD)
    assert count(story) == 1
    version = pagecache.cache.get(key)
    assert version is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert set_status(comment, Comment.Status.REMOVED, expected=Comment.Status.PUBLISHED)
    assert count(story) == 0
    assert pagecache.cache.get(key) != version


def test_the_expected_status_makes_it_a_conditional_update(story, reader):
    comment = factories.comment(story, reader, status=Comment.Status.HELD)
    stale = Comment.objects.get(pk=comment.pk)
    assert set_status(comment, Comment.Status.REJECTED, expected=Comment.Status.HELD)
    assert not set_status(stale, Comment.Status.PUBLISHED, expected=Comment.Status.HELD)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REJECTED
    assert count(story) == 0


def test_an_unknown_status_is_refused(story, reader):
    comment = factories.comment(story, reader)
    with pytest.raises(DiscussionError):
        set_status(comment, "vanished")
