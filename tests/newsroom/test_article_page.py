from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.newsroom.models import Article, Block, RelatedLink
from masthead.standards import policy
from tests import factories

pytestmark = pytest.mark.django_db


def rich_article(n_tags: int, n_photos: int, n_related: int) -> Article:
    article = factories.article(
        headline="Harbour bridge reopens after repairs",
        body=["The bridge opened at dawn.", "Traffic was light."],
        tags=[f"tag {i}" for i in range(n_tags)],
        dateline="KESSING",
        lead_photo=factories.photo(caption="The reopened bridge", credit="Ada Lens / Masthead"),
    )
    position = 10
    Block.objects.create(article=article, position=position, kind="subhead", text="What next")
    Block.objects.create(
        article=article,
        position=position + 1,
        kind="quote",
        text="We are glad it is over.",
        cite="A commuter",
    )
    for i in range(n_photos):
        Block.objects.create(
            article=article,
            position=position + 2 + i,
            kind="photo",
            photo=factories.photo(caption=f"Inline {i}"),
        )
    for i in range(n_related):
        article.related_articles.add(factories.article(headline=f"Related story {i}"))
        RelatedLink.objects.create(
            article=article, title=f"Link {i}", url=f"https://example.org/{i}"
        )
    return article


def test_it_shows_every_element_of_the_article_page(client):
    article = rich_article(n_tags=2, n_photos=1, n_related=1)
    html = client.get(article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0").text
    for expected in [
        "Harbour bridge reopens after repairs",
        "The reopened bridge",
        "Ada Lens / Masthead",
        article.section.name,
        "KESSING",
        "What next",
        "We are glad it is over.",
        "A commuter",
        "Inline 0",
        "Related story 0",
        "https://example.org/0",
        "tag 0",
        article.get_short_url(),
        "Subscribe",
        'rel="canonical"',
        'property="og:image"',
        'name="twitter:card"',
        '"@type": "NewsArticle"',
        "data-clock",
        "srcset=",
    ]:
        assert expected in html, expected


def test_it_makes_the_same_number_of_queries_whatever_the_number_of_items(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    small = rich_article(n_tags=1, n_photos=1, n_related=1)
    large = rich_article(n_tags=8, n_photos=6, n_related=6)
    counts = []
    for article in (small, large):
        cache.clear()  # the same cold page caches for both...
        policy.current()  # ...and the same warm standards policy, whose local copy expires
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_answers_404_for_an_unknown_slug(client):
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404
    assert "No published article has this address." in response.text


def test_it_hides_drafts_from_the_public(client):
    draft = factories.article(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_by_itself_at_its_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = factories.article(published_at=timezone.now() + timedelta(hours=2))
    assert article.status == Article.Status.SCHEDULED
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article in Article.objects.published()


def test_editors_html_in_paragraphs_is_sanitised_on_save(article):
    block = Block.objects.create(
        article=article,
        position=5,
        text='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        "<em>ok</em></p>",
    )
    block.refresh_from_db()
    assert "<script" not in block.text
    assert "onclick" not in block.text
    assert "javascript:" not in block.text
    assert "<em>ok</em>" in block.text


def test_subheads_and_quotes_are_plain_text(article):
    block = Block.objects.create(
        article=article, position=6, kind="subhead", text="<b>Bold</b> &amp; <i>brave</i>"
    )
    block.refresh_from_db()
    assert block.text == "Bold & brave"


def test_the_database_refuses_a_published_article_without_a_time(article):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=None)
