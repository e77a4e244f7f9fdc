"""Odd input anywhere in the workspace is a clear 4xx, never a server error."""

from __future__ import annotations

import pytest

from .conftest import client_for, held

pytestmark = pytest.mark.django_db

JUNK = ["", "x", "-1", "1e999", "nan", "9" * 40, "<script>", "%00", "ü" * 300]


@pytest.mark.parametrize("value", JUNK)
def test_the_queue_and_the_log_answer_junk_with_a_4xx_or_a_page(moderator, value):
    client = client_for(moderator)
    for url in (
        f"/moderation/?after={value}",
        f"/moderation/?show={value}",
        f"/moderation/?rule={value}&section={value}&article={value}&author={value}",
        f"/moderation/queue/changes/?since={value}",
        f"/moderation/audit/?since={value}&actor={value}&target={value}",
        f"/moderation/audit.csv?until={value}",
    ):
        assert client.get(url).status_code < 500, url


@pytest.mark.parametrize("value", JUNK)
def test_the_forms_answer_junk_with_a_4xx_or_a_redirect(moderator, blocked_reader, story, value):
    comment = held(story, blocked_reader)
    client = client_for(moderator)
    posts = [
        ("/moderation/decide/", {"comment": value, "decision": value, "rule": value}),
        ("/moderation/decide/", {"comment": comment.pk, "decision": "reject", "rule": value}),
        (f"/moderation/readers/{blocked_reader.pk}/block/", {"reason": value, "rule": value}),
        (f"/moderation/readers/{blocked_reader.pk}/premoderation/", {"on": value, "days": value}),
        (f"/moderation/comments/{comment.pk}/edit/", {"text": value}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code < 500, (url, data)
    reader_client = client_for(blocked_reader)
    response = reader_client.post(
        "/moderation/appeal/", {"subject": value, "explanation": value * 3}
    )
    assert response.status_code < 500
