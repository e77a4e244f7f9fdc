import xml.etree.ElementTree as ET

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(article):
    article.tags.add(factories.tag("climate"))
    return article


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/sections/{section}/rss/",
        "/feeds/sections/{section}/atom/",
        "/feeds/tags/climate/rss/",
        "/feeds/tags/climate/atom/",
    ],
)
def test_feeds_list_published_articles(client, tagged, url):
    draft = factories.article(headline="Draft only", status="draft", section=tagged.section)
    response = client.get(url.format(section=tagged.section.slug))
    assert response.status_code == 200
    ET.fromstring(response.content)
    assert tagged.headline in response.text
    assert draft.headline not in response.text


def test_unknown_feed_gets_404(client):
    assert client.get("/feeds/sections/nothing/rss/").status_code == 404


def test_sitemaps_list_articles_and_news(client, article):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "sitemap-articles.xml" in index.text
    articles = client.get("/sitemap-articles.xml")
    assert article.get_absolute_url() in articles.text
    news = client.get("/sitemap-news.xml")
    ET.fromstring(news.content)
    assert article.headline in news.text


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap:" in response.text
    assert "Disallow: /admin/" in response.text
