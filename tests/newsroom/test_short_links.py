import pytest

from masthead.newsroom.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_short_link_redirects_permanently_to_the_canonical_address(client, article):
    response = client.get(article.get_short_url())
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_short_codes_are_stable_and_unique():
    first, second = factories.article(), factories.article()
    code = first.short_code
    first.headline = "A new headline"
    first.save()
    first.refresh_from_db()
    assert first.short_code == code
    assert first.short_code != second.short_code


@pytest.mark.parametrize(
    ("code", "status"),
    [("zzzzzzz", 404), ("x" * 500, 404), ("..", 404), ("ab%2Fcd", 404), ("%00", 400)],
)
def test_a_bad_short_code_gets_a_clear_4xx(client, code, status):
    response = client.get(f"/s/{code}")
    assert response.status_code == status


def test_a_short_link_to_a_draft_does_not_leak_it(client):
    draft = factories.article(status=Article.Status.DRAFT)
    assert client.get(draft.get_short_url()).status_code == 404
