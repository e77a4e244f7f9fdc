import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.newsroom import counters
from masthead.newsroom.models import Article, ArticleViewHour, ViewFlush

pytestmark = pytest.mark.django_db(transaction=True)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"


@pytest.fixture(autouse=True)
def _slow_flush(settings):
    # Flushes happen only when the test asks for them.
    settings.VIEW_FLUSH_SECONDS = 3600
    counters._local.counts.clear()


def test_views_are_buffered_without_a_database_write_per_view(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    writes = [q for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert writes == []
    assert counters.flush_views() == 6
    article.refresh_from_db()
    assert article.view_count == 6
    assert ArticleViewHour.objects.get(article=article).views == 6


def test_bots_are_not_counted(client, article):
    for agent in ["Googlebot/2.1", "curl/8.0", "python-requests/2.3", ""]:
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent)
    counters.flush_views()
    article.refresh_from_db()
    assert article.view_count == 0


def test_a_batch_applied_twice_counts_once(article):
    stamp = "2026112700"
    assert counters.apply_view_batch("batch-1", stamp, {str(article.pk): 3}) == 3
    assert counters.apply_view_batch("batch-1", stamp, {str(article.pk): 3}) == 0
    article.refresh_from_db()
    assert article.view_count == 3
    assert ViewFlush.objects.filter(batch="batch-1").count() == 1


def test_views_of_a_deleted_article_are_dropped_quietly(article):
    stamp = "2026112700"
    assert counters.apply_view_batch("batch-2", stamp, {"999999": 2, str(article.pk): 1}) == 3
    article.refresh_from_db()
    assert article.view_count == 1


def test_trending_lists_the_most_viewed_articles_of_the_last_day(client, article):
    from tests import factories

    popular = factories.article(headline="Everybody reads this")
    for _ in range(3):
        client.get(popular.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    counters.flush_views()
    assert counters.trending_ids()[:2] == [popular.pk, article.pk]
    page = client.get("/trending/").text
    assert page.index("Everybody reads this") < page.index(article.headline)


@pytest.mark.skipif(
    "not __import__('masthead.newsroom.counters').newsroom.counters.uses_redis()",
    reason="the shared Redis buffer is used only when REDIS_URL is set",
)
def test_redis_buffer_survives_a_flush_that_died_half_way(article):
    from django.core.cache import cache

    client = counters._redis()
    key = cache.make_key(f"{counters.FLUSHING_PREFIX}2026112700:deadbeef")
    client.hset(key, str(article.pk), 4)
    assert counters.flush_views() == 4
    assert counters.flush_views() == 0
    assert Article.objects.get(pk=article.pk).view_count == 4
