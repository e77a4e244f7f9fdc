import pytest

from masthead.newsroom import search
from masthead.newsroom.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return {
        "vaccine_headline": factories.article(
            headline="Vaccine freezers tested in winter",
            body=["Engineers checked how cold boxes behave on long trips."],
            tags=["health"],
        ),
        "vaccine_body": factories.article(
            headline="Town council meets",
            body=["Among other things the council discussed vaccine storage at the clinic."],
        ),
        "other": factories.article(headline="Marathon goes virtual", body=["Runners ran alone."]),
        "draft": factories.article(
            headline="Secret vaccine draft",
            status=Article.Status.DRAFT,
            body=["Not yet public vaccine text."],
        ),
    }


def test_it_ranks_headline_matches_above_body_matches(corpus):
    results = search.search("vaccine")
    ids = [hit.article.pk for hit in results.hits]
    assert ids == [corpus["vaccine_headline"].pk, corpus["vaccine_body"].pk]
    assert results.total == 2


def test_every_word_must_match(corpus):
    results = search.search("vaccine council")
    assert [hit.article.pk for hit in results.hits] == [corpus["vaccine_body"].pk]


def test_it_stems_words(corpus):
    assert [h.article.pk for h in search.search("freezer").hits] == [corpus["vaccine_headline"].pk]


def test_it_highlights_the_matched_words_and_escapes_the_rest(corpus):
    evil = factories.article(headline="<script>alert(1)</script> vaccine", body=["x < y vaccine"])
    hits = {hit.article.pk: hit for hit in search.search("vaccine").hits}
    assert "<mark>" in hits[corpus["vaccine_headline"].pk].headline_html
    assert "<mark>" in hits[corpus["vaccine_body"].pk].snippet_html
    assert "<script>" not in hits[evil.pk].headline_html
    assert "&lt;script&gt;" in hits[evil.pk].headline_html


def test_it_never_finds_drafts(corpus):
    assert corpus["draft"].pk not in [h.article.pk for h in search.search("secret").hits]


def test_search_finds_tags(corpus):
    assert [h.article.pk for h in search.search("health").hits] == [corpus["vaccine_headline"].pk]


def test_the_search_page_pages_through_results(client):
    for i in range(12):
        factories.article(headline=f"Harvest report {i}")
    first = client.get("/search/", {"q": "harvest"})
    assert first.status_code == 200
    assert "12 articles found" in first.text
    assert first.text.count('class="snippet"') == 10
    second = client.get("/search/", {"q": "harvest", "page": 2})
    assert second.text.count('class="snippet"') == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 10_000, "The search is too long"),
        ("news\x07\x1b", "cannot be searched for"),
        ("news\x00", "NUL character"),
    ],
)
def test_bad_searches_get_a_clear_400(client, query, message):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999"])
def test_a_bad_page_number_gets_a_400(client, page):
    response = client.get("/search/", {"q": "news", "page": page})
    assert response.status_code == 400


def test_punctuation_only_queries_find_nothing_without_error(client):
    response = client.get("/search/", {"q": '"*:() OR AND NEAR'})
    assert response.status_code == 200
