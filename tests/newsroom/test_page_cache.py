import pytest

from masthead.newsroom import services
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_anonymous_pages_come_from_the_cache(client, article):
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_an_update_invalidates_the_article_and_the_lists(client, article):
    client.get(article.get_absolute_url())
    client.get("/")
    article.headline = "A corrected headline"
    article.save()
    services.article_saved(article)
    page = client.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "A corrected headline" in page.text
    assert "A corrected headline" in client.get("/").text


def test_a_publication_invalidates_the_front_page(client, article):
    client.get("/")
    fresh = factories.article(headline="Breaking: the river froze")
    assert fresh.headline in client.get("/").text


def test_signed_in_readers_get_the_cached_page_with_their_own_greeting(client, article, reader):
    client.get(article.get_absolute_url())
    client.force_login(reader)
    page = client.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert f"Hello, {reader.get_short_name()}!" in page.text
    assert "private" in page["Cache-Control"]
    client.logout()
    anonymous = client.get(article.get_absolute_url())
    assert "Hello," not in anonymous.text


def test_the_clock_is_fresh_on_a_cached_page(client, article, monkeypatch):
    from datetime import UTC, datetime

    client.get(article.get_absolute_url())
    later = datetime(2031, 5, 6, 7, 8, tzinfo=UTC)
    monkeypatch.setattr("masthead.core.holes.timezone.now", lambda: later)
    page = client.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert "07:08 GMT" in page.text
    assert "06 May 2031" in page.text
