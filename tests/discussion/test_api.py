import json

import pytest
from django.test import Client

from masthead.core.tokens import issue_token
from masthead.discussion.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db

CLEAN = "The new deck on the bridge is a real improvement for cyclists and walkers."


@pytest.fixture
def token(reader):
    return issue_token(reader, "tests")


def api(client, method, url, token=None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, method)(
        f"/api{url}",
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        **headers,
    )


def test_the_openapi_document_describes_every_action(client):
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    assert "/api/articles/{slug}/comments" in paths
    assert {"get", "post"} <= set(paths["/api/articles/{slug}/comments"])
    assert {"patch", "delete"} <= set(paths["/api/comments/{comment_id}"])
    assert "post" in paths["/api/comments/{comment_id}/reports"]
    assert {"post", "delete"} <= set(paths["/api/comments/{comment_id}/like"])


def test_list_post_reply_edit_like_report_and_delete_through_the_api(
    client, story, token, other_reader
):
    created = api(client, "post", f"/articles/{story.slug}/comments", token, {"text": CLEAN})
    assert created.status_code == 201, created.content
    comment_id = created.json()["comment"]["id"]
    theirs = factories.comment(story, other_reader, text="Cyclists should pay for it.")
    reply = api(
        client,
        "post",
        f"/articles/{story.slug}/comments",
        token,
        {
            "text": "Everyone pays for roads through taxes already, cyclists included.",
            "parent_id": theirs.pk,
        },
    )
    assert reply.status_code == 201
    listing = api(client, "get", f"/articles/{story.slug}/comments").json()
    threads = {c["id"]: c for c in listing["comments"]}
    assert threads[theirs.pk]["replies"][0]["parent_id"] == theirs.pk
    edited = api(client, "patch", f"/comments/{comment_id}", token, {"text": CLEAN + " Well done."})
    assert edited.status_code == 200
    assert edited.json()["comment"]["edited"] is True
    assert api(client, "post", f"/comments/{theirs.pk}/like", token).json() == {"likes": 1}
    assert (
        api(
            client,
            "post",
            f"/comments/{theirs.pk}/reports",
            token,
            {"rule": "trolling", "note": ""},
        ).status_code
        == 201
    )
    assert api(client, "delete", f"/comments/{comment_id}", token).status_code == 204
    assert Comment.objects.get(pk=comment_id).status == Comment.Status.DELETED


def test_writes_without_credentials_are_refused(client, story):
    response = api(client, "post", f"/articles/{story.slug}/comments", None, {"text": CLEAN})
    assert response.status_code == 401
    assert (
        api(
            client, "post", f"/articles/{story.slug}/comments", "mh_forged", {"text": CLEAN}
        ).status_code
        == 401
    )


def test_a_session_write_needs_the_csrf_token(story, reader):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    response = browser.post(
        f"/api/articles/{story.slug}/comments",
        data=json.dumps({"text": CLEAN}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_another_readers_comment_cannot_be_edited_or_deleted(client, story, token, other_reader):
    theirs = factories.comment(story, other_reader)
    assert (
        api(client, "patch", f"/comments/{theirs.pk}", token, {"text": "mine now"}).status_code
        == 403
    )
    assert api(client, "delete", f"/comments/{theirs.pk}", token).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": 5},
        {"text": None},
        {"text": "ok", "parent_id": -3},
        {"text": "ok", "parent_id": "x"},
        [],
        "text",
    ],
)
def test_malformed_bodies_get_a_4xx(client, story, token, body):
    response = api(client, "post", f"/articles/{story.slug}/comments", token, body)
    assert 400 <= response.status_code < 500
    assert not Comment.objects.exists()


def test_unknown_article_and_comment_are_404(client, token):
    assert api(client, "get", "/articles/nothing/comments").status_code == 404
    assert api(client, "patch", "/comments/999999", token, {"text": "x"}).status_code == 404


@pytest.mark.parametrize("slug", ["%20", "a%20b", "%C3%A9t%C3%A9", "x" * 300])
def test_a_slug_no_article_can_have_is_a_404(client, slug):
    response = client.get(f"/api/articles/{slug}/comments")
    assert response.status_code == 404


def test_a_token_post_asks_who_and_may_they_write_in_one_query(client, story, token):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api(client, "post", f"/articles/{story.slug}/comments", token, {"text": CLEAN})  # warm
    with CaptureQueriesContext(connection) as queries:
        response = api(
            client, "post", f"/articles/{story.slug}/comments", token, {"text": CLEAN + " Yes."}
        )
    assert response.status_code == 201
    token_lookups = [q["sql"] for q in queries if "core_apitoken" in q["sql"].lower()]
    assert len(token_lookups) == 1
    # the same query answers the writer's rules (the e-mail address is one of them)
    assert "emailaddress" in token_lookups[0].lower()


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("blocked_reader", "Insulted other readers twice in one evening."),
        ("unverified_reader", "confirm"),
    ],
)
def test_a_token_write_is_refused_with_the_reason(client, story, request, who, reason):
    user = request.getfixturevalue(who)
    response = api(
        client, "post", f"/articles/{story.slug}/comments", issue_token(user), {"text": CLEAN}
    )
    assert response.status_code == 403
    assert reason in response.json()["error"]
    assert not Comment.objects.exists()


def test_a_token_of_a_deactivated_reader_is_refused(client, story, reader, token):
    reader.is_active = False
    reader.save()
    response = api(client, "post", f"/articles/{story.slug}/comments", token, {"text": CLEAN})
    assert response.status_code == 401
    assert not Comment.objects.exists()
