"""Reads go to a replica, writes to the primary, and a reader who wrote reads their own writes.

The replica here is `replica1`, a second connection to the test database (TEST: MIRROR), so a
query's alias shows where the router sent it.
"""

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from masthead.core.routers import STICKY_COOKIE, ReplicaPinningMiddleware
from masthead.newsroom.models import Article, Section
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica1"])


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_REPLICA_STICKY_SECONDS = 10


def serve(view, cookies=None):
    """Run `view` as a request through the pinning middleware; returns (response, aliases)."""
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    seen: list[str] = []

    def wrapped(req):
        view(seen)
        return HttpResponse("ok")

    return ReplicaPinningMiddleware(wrapped)(request), seen


def test_reads_in_a_request_go_to_a_replica(replicas):
    factories.article()
    with CaptureQueriesContext(connections["replica1"]) as on_replica:
        response, seen = serve(lambda seen: seen.append(Article.objects.all().db))
        serve(lambda seen: Article.objects.count())
    assert seen == ["replica1"]
    assert len(on_replica) == 1
    assert STICKY_COOKIE not in response.cookies


def test_a_request_that_wrote_reads_from_the_primary_for_the_rest_of_it(replicas):
    def view(seen):
        seen.append(Section.objects.all().db)
        Section.objects.create(name="Weather", slug="weather")
        seen.append(Section.objects.all().db)
        # The row just written is there, though a lagging replica might not have it yet.
        assert Section.objects.filter(slug="weather").exists()

    response, seen = serve(view)
    assert seen == ["replica1", "default"]
    assert response.cookies[STICKY_COOKIE]["max-age"] == 10


def test_a_reader_who_wrote_a_moment_ago_keeps_reading_from_the_primary(replicas):
    response, seen = serve(lambda seen: seen.append(Article.objects.all().db), {STICKY_COOKIE: "1"})
    assert seen == ["default"]
    assert STICKY_COOKIE not in response.cookies  # the window is not extended by reading


def test_reads_inside_a_transaction_on_the_primary_stay_there(replicas):
    from django.db import transaction

    def view(seen):
        with transaction.atomic():
            seen.append(Article.objects.all().db)

    _response, seen = serve(view)
    assert seen == ["default"]


def test_outside_a_request_workers_and_commands_use_the_primary(replicas):
    assert Article.objects.all().db == "default"


def test_without_replicas_everything_uses_the_primary():
    response, seen = serve(lambda seen: seen.append(Article.objects.all().db))
    assert seen == ["default"]
    assert STICKY_COOKIE not in response.cookies


def test_a_reader_sees_the_comment_they_just_posted(replicas, client, reader):
    story = factories.article(slug="harbour-bridge", body=["The bridge reopened on Monday."])
    client.force_login(reader)
    text = "Good to see the bridge open again; the detour added twenty minutes to my commute."
    response = client.post(f"/articles/{story.slug}/comments/", {"text": text})
    assert response.status_code == 302
    assert response.cookies[STICKY_COOKIE]["max-age"] == 10
    with CaptureQueriesContext(connections["replica1"]) as on_replica:
        page = client.get(story.get_absolute_url())
    assert "the detour added twenty minutes" in page.text
    assert len(on_replica) == 0
