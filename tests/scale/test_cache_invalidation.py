"""Anonymous pages come from the page cache and a change invalidates exactly what it changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.discussion import services as discussion
from masthead.newsroom import services as newsroom
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT = "Good to see the bridge open again; the detour added twenty minutes to my commute."


@pytest.fixture
def two_stories(db):
    a = factories.article(
        headline="Harbour bridge reopens", slug="bridge", body=["The bridge reopened today."]
    )
    b = factories.article(
        headline="Library extends its hours", slug="library", body=["The library opens late."]
    )
    return a, b


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_new_comment_invalidates_its_article_and_nothing_else(client, two_stories, reader):
    a, b = two_stories
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/")
    outcome = discussion.submit_comment(author=reader, article=a, text=COMMENT)
    assert outcome.published
    page_a = client.get(a.get_absolute_url())
    assert page_a["X-Page-Cache"] == "miss"
    assert "the detour added twenty minutes" in page_a.text
    assert client.get(b.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_an_edit_changes_the_article_and_the_lists(client, two_stories):
    a, b = two_stories
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/")
    a.headline = "Harbour bridge reopens two days early"
    a.save()
    newsroom.article_saved(a)
    page_a = client.get(a.get_absolute_url())
    assert page_a["X-Page-Cache"] == "miss"
    assert "two days early" in page_a.text
    assert "two days early" in client.get("/").text
    # B's side list ("All news") shows A's headline, so B's page is recomputed too.
    assert "two days early" in client.get(b.get_absolute_url()).text


def test_a_publication_changes_the_lists(client, two_stories):
    a, _b = two_stories
    warm(client, a.get_absolute_url(), "/")
    factories.article(headline="The river froze overnight", slug="river")
    assert "The river froze overnight" in client.get("/").text
    assert "The river froze overnight" in client.get(a.get_absolute_url()).text


def test_a_draft_saved_by_an_editor_leaves_the_article_pages_cached(client, two_stories):
    a, _b = two_stories
    warm(client, a.get_absolute_url())
    factories.article(headline="Not ready yet", status="draft")
    assert client.get(a.get_absolute_url())["X-Page-Cache"] == "hit"


# The session, the user, the privacy-policy check (with, on a reader's first request, the lookup
# of their consent, cached afterwards), and the reader's own discussion hole (the article, a
# page of threads and their replies, what the reader may do: verified address, policy,
# sanctions): never the page's lists, tags or photos, which come from the cache.
SIGNED_IN_CACHED_PAGE_QUERIES = 10


def test_a_signed_in_reader_gets_the_cached_page_in_a_few_queries(client, two_stories, reader):
    a, _b = two_stories
    for _ in range(3):
        factories.comment(a, reader, "A fair point about the bridge.")
    warm(client, a.get_absolute_url())
    client.force_login(reader)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(a.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert f"Hello, {reader.get_short_name()}!" in page.text
    assert len(queries) <= SIGNED_IN_CACHED_PAGE_QUERIES, [q["sql"] for q in queries]


def test_an_anonymous_reader_gets_the_cached_page_without_a_query(client, two_stories, reader):
    a, _b = two_stories
    factories.comment(a, reader, "A fair point about the bridge.")
    warm(client, a.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        page = client.get(a.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert "A fair point about the bridge." in page.text
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_proxies_may_keep_anonymous_pages_a_second_and_never_signed_in_ones(
    client, two_stories, reader
):
    a, _b = two_stories
    anonymous = client.get(a.get_absolute_url())["Cache-Control"]
    assert "public" in anonymous
    assert "s-maxage=1" in anonymous
    client.force_login(reader)
    signed_in = client.get(a.get_absolute_url())["Cache-Control"]
    assert "private" in signed_in
    assert "public" not in signed_in


def test_the_comment_list_api_comes_from_the_cache_until_a_comment_arrives(
    client, two_stories, reader
):
    a, _b = two_stories
    factories.comment(a, reader, "A fair point about the bridge.")
    url = f"/api/articles/{a.slug}/comments"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert len(queries) == 0
    discussion.submit_comment(author=reader, article=a, text=COMMENT)
    fresh = client.get(url).json()
    assert fresh["count"] == 2
    assert any("twenty minutes" in c["text"] for c in fresh["comments"])


def test_an_unpublished_article_leaves_the_comment_list_api(client, two_stories, reader):
    a, _b = two_stories
    url = f"/api/articles/{a.slug}/comments"
    assert client.get(url).status_code == 200
    newsroom.unpublish_article(a)
    assert client.get(url).status_code == 404


def test_anonymous_hits_reuse_the_discussion_and_signed_in_readers_get_their_own(
    client, two_stories, reader, monkeypatch
):
    from masthead.core import pagecache

    a, _b = two_stories
    factories.comment(a, reader, "A fair point about the bridge.")
    rendered: list[bool] = []
    real = pagecache._holes["discussion"]

    def counting(request, arg):
        rendered.append(request.user.is_authenticated)
        return real(request, arg)

    monkeypatch.setitem(pagecache._holes, "discussion", counting)
    client.force_login(reader)
    client.get(a.get_absolute_url())  # rendered and stored for a signed-in reader
    client.logout()
    first = client.get(a.get_absolute_url())  # the anonymous rendering replaces it
    second = client.get(a.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.text.count("A fair point about the bridge.") == 1
    assert "Hello," not in second.text
    assert first.text.split("<!--hole:discussion")[1] == second.text.split("<!--hole:discussion")[1]
    assert rendered == [True, False]
