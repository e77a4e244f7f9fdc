import pytest

from masthead.newsroom.models import Gallery, GalleryItem
from tests import factories

pytestmark = pytest.mark.django_db


def test_all_news_is_newest_first_and_paged(client):
    articles = [factories.article(headline=f"Story {i:02d}") for i in range(25)]
    first = client.get("/news/").text
    assert first.index("Story 24") < first.index("Story 23")
    assert "Page 1 of 2" in first
    second = client.get("/news/", {"page": 2}).text
    assert articles[0].headline in second


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_a_bad_list_page_gets_a_clear_404(client, page):
    factories.article()
    response = client.get("/news/", {"page": page})
    assert response.status_code == 404


def test_recommended_shows_editors_picks_first_then_shared_tags(client):
    current = factories.article(headline="Current", tags=["ice", "river"])
    pick = factories.article(headline="Editors pick", is_recommended=True)
    similar = factories.article(headline="Similar story", tags=["ice", "river"])
    factories.article(headline="Unrelated story", tags=["music"])
    from masthead.newsroom import selectors

    names = [a.headline for a in selectors.recommended(current)]
    assert names == [pick.headline, similar.headline]


def test_section_tag_and_author_pages_list_their_articles(client):
    from masthead.newsroom.models import Author

    author = Author.objects.create(name="Nina Field", slug="nina-field")
    article = factories.article(headline="Field notes", tags=["farming"])
    article.authors.add(author)
    other = factories.article(headline="Somewhere else")
    for url in [article.section.get_absolute_url(), "/tags/farming/", author.get_absolute_url()]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Field notes" in page.text
        assert other.headline not in page.text


def test_unknown_section_tag_author_and_gallery_get_404(client):
    for url in ["/sections/none/", "/tags/none/", "/authors/none/", "/multimedia/none/"]:
        assert client.get(url).status_code == 404


def test_a_gallery_shows_its_photos_in_order(client):
    gallery = Gallery.objects.create(title="Week in pictures", slug="week", is_published=True)
    for position, caption in [(2, "Third"), (0, "First"), (1, "Second")]:
        GalleryItem.objects.create(
            gallery=gallery, photo=factories.photo(), position=position, caption=caption
        )
    page = client.get("/multimedia/week/").text
    assert page.index("First") < page.index("Second") < page.index("Third")
    assert "Week in pictures" in client.get("/multimedia/").text


def test_an_unpublished_gallery_is_hidden(client):
    Gallery.objects.create(title="Hidden", slug="hidden", is_published=False)
    assert client.get("/multimedia/hidden/").status_code == 404


def test_the_front_page_shows_the_lists(client, article):
    page = client.get("/").text
    for heading in ["All news", "Recommended", "Multimedia", "Trending"]:
        assert heading in page
    assert article.headline in page


def test_styled_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
