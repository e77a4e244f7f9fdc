"""The queue: what is in it, in what order, filtered and paged, and who may see it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.moderation.models import ModeratorScope
from masthead.newsroom.models import Article
from tests import factories

from .conftest import client_for, held, reported

pytestmark = pytest.mark.django_db


def ids_in(response) -> list[int]:
    return [item.comment.pk for item in response.context["page"].items]


def test_it_shows_held_and_reported_comments_but_not_ordinary_published_ones(
    moderator, story, reader, other_reader
):
    waiting = held(story, reader)
    flagged = reported(story, reader, other_reader)
    factories.comment(story, reader, "Nothing wrong with this one.")
    response = client_for(moderator).get("/moderation/")
    assert response.status_code == 200
    assert set(ids_in(response)) == {waiting.pk, flagged.pk}


def test_it_orders_by_risk_then_reports_then_traffic(moderator, reader, other_reader):
    quiet = factories.article()
    busy = factories.article()
    Article.objects.filter(pk=busy.pk).update(view_count=50_000)
    low = held(quiet, reader, risk=0.3)
    high = held(quiet, reader, risk=0.9)
    same_risk_busy = held(busy, reader, risk=0.3)
    response = client_for(moderator).get("/moderation/?show=held")
    assert ids_in(response) == [high.pk, same_risk_busy.pk, low.pk]


def test_it_filters_by_rule_section_article_and_author(moderator, reader, other_reader, story):
    other_story = factories.article()
    by_rule = held(story, reader, rule="spam")
    by_author = held(other_story, other_reader, rule="insults")
    client = client_for(moderator)
    assert ids_in(client.get("/moderation/?rule=spam")) == [by_rule.pk]
    assert ids_in(client.get(f"/moderation/?section={story.section.slug}")) == [by_rule.pk]
    assert ids_in(client.get(f"/moderation/?article={other_story.slug}")) == [by_author.pk]
    assert ids_in(client.get("/moderation/?author=other_reader")) == [by_author.pk]


def test_a_reported_comment_matches_the_rule_its_readers_named(
    moderator, story, reader, other_reader
):
    flagged = reported(story, reader, other_reader, rule="off_topic")
    assert ids_in(client_for(moderator).get("/moderation/?rule=off_topic")) == [flagged.pk]


def test_keyset_pages_cover_every_item_once(moderator, story, reader, settings):
    settings.MODERATION_PAGE_SIZE = 4
    made = {held(story, reader, risk=round(0.1 * (n % 5), 1)).pk for n in range(11)}
    client = client_for(moderator)
    seen: list[int] = []
    url = "/moderation/?show=held"
    while True:
        response = client.get(url)
        seen += ids_in(response)
        cursor = response.context["page"].next_cursor
        if cursor is None:
            break
        url = f"/moderation/?show=held&after={cursor}"
    assert sorted(seen) == sorted(made)


def test_a_page_costs_the_same_queries_for_one_item_and_for_twenty(
    moderator, story, reader, other_reader
):
    from masthead.standards import policy

    # The rule policy is cached in process memory for a few seconds and then in the cache,
    # which this test starts empty: load it into both so its expiry cannot add a query.
    policy.invalidate()
    policy.current()
    client = client_for(moderator)
    held(story, reader)
    client.get("/moderation/")
    with CaptureQueriesContext(connection) as one:
        client.get("/moderation/")
    for n in range(19):
        author = reader if n % 2 else other_reader
        reported(story, author, other_reader if author == reader else reader, f"Remark {n}")
    with CaptureQueriesContext(connection) as twenty:
        response = client.get("/moderation/")
    assert len(ids_in(response)) == 20
    assert len(twenty.captured_queries) == len(one.captured_queries)


def test_an_item_shows_its_context_and_the_authors_record(moderator, story, reader, other_reader):
    parent = factories.comment(story, other_reader, "The bridge was needed.")
    factories.comment(story, reader, "Old rejected remark", status="rejected")
    held(story, reader, "I disagree & <b>strongly</b>.", parent=parent)
    html = client_for(moderator).get("/moderation/").content.decode()
    assert "Harbour bridge reopens" in html
    assert "The bridge was needed." in html
    assert "&lt;b&gt;strongly&lt;/b&gt;" in html
    assert "1 rejected" in html
    assert "0 days old" in html


def test_bad_filters_and_cursors_are_a_clear_400(moderator):
    client = client_for(moderator)
    assert client.get("/moderation/?after=not-a-cursor").status_code == 400
    assert client.get("/moderation/?after=nan_5").status_code == 400
    assert client.get("/moderation/?after=1e999_5").status_code == 400
    response = client.get("/moderation/?show=everything")
    assert response.status_code == 400
    assert b"Show one of" in response.content


def test_readers_cannot_open_the_workspace(client, reader):
    assert client.get("/moderation/").status_code == 302
    response = client_for(reader).get("/moderation/")
    assert response.status_code == 403


def test_a_moderator_limited_to_a_section_sees_only_that_section(moderator, reader, story):
    elsewhere = factories.article()
    mine = held(story, reader)
    held(elsewhere, reader)
    ModeratorScope.objects.create(moderator=moderator, section=story.section)
    assert ids_in(client_for(moderator).get("/moderation/")) == [mine.pk]


def test_spot_checks_offer_a_sample_of_recent_published_comments(
    moderator, story, reader, settings
):
    settings.MODERATION_SPOT_CHECK_PERCENT = 100
    published = factories.comment(story, reader, "An ordinary remark.")
    response = client_for(moderator).get("/moderation/?show=spot")
    assert ids_in(response) == [published.pk]
    settings.MODERATION_SPOT_CHECK_PERCENT = 0
    assert ids_in(client_for(moderator).get("/moderation/?show=spot")) == []


def test_the_header_links_moderators_to_the_workspace(moderator, reader, story):
    assert b'href="/moderation/"' in client_for(moderator).get(story.get_absolute_url()).content
    assert b'href="/moderation/"' not in client_for(reader).get(story.get_absolute_url()).content
