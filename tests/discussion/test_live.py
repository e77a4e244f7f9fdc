import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.discussion import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_open_pages_learn_of_new_comments_from_the_cache(client, story, reader):
    url = f"/articles/{story.slug}/comments/new/"
    empty = client.get(url, {"after": 0}).json()
    assert empty["count"] == 0
    outcome = services.submit_comment(
        author=reader,
        article=story,
        text="Finally the bridge is open, the detour through the industrial estate was awful.",
    )
    fresh = client.get(url, {"after": 0}).json()
    assert fresh["count"] == 1
    assert fresh["latest"] == outcome.comment.pk
    assert "industrial estate" in fresh["html"]
    with CaptureQueriesContext(connection) as queries:
        nothing = client.get(url, {"after": outcome.comment.pk}).json()
    assert nothing["count"] == 0
    # One query to find the article by its slug; nothing about comments.
    assert len(queries) == 1


@pytest.mark.parametrize("after", ["-1", "abc", "9" * 40])
def test_a_bad_after_is_a_400(client, story, after):
    assert client.get(f"/articles/{story.slug}/comments/new/", {"after": after}).status_code == 400


def test_a_new_comment_invalidates_the_cached_article_page(client, story, reader):
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    services.submit_comment(
        author=reader,
        article=story,
        text="The bridge looks better than before the flood, well done.",
    )
    page = client.get(story.get_absolute_url())
    assert "well done" in page.text
