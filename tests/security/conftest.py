"""The security battery's cast and helpers: a story to comment on, signed-in clients, counts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests import factories

STORY_TEXT = [
    "The council reopened the old harbour bridge on Monday after eight months of repairs.",
    "Engineers replaced the steel cables and the deck, and traffic returned in the morning.",
]


@pytest.fixture
def story(db):
    return factories.article(
        headline="Harbour bridge reopens after eight months of repairs",
        body=STORY_TEXT,
        slug="harbour-bridge-reopens",
    )


@pytest.fixture
def signed_in(reader) -> Client:
    """The reader's browser, CSRF checks on (as a real browser's would be)."""
    client = Client(enforce_csrf_checks=False, raise_request_exception=False)
    client.force_login(reader)
    return client


@pytest.fixture
def api_client(reader) -> Client:
    """A script holding the reader's personal API token."""
    from masthead.core.tokens import issue_token

    token = issue_token(reader, "battery")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)


def post_json(client: Client, url: str, payload: Any = None, *, raw: bytes | None = None) -> Any:
    body = raw if raw is not None else json.dumps(payload).encode()
    return client.generic("POST", url, body, content_type="application/json")


def stored_rows() -> dict[str, int]:
    """Row counts of everything a reader's request can write: compared before and after."""
    from masthead.discussion.models import Comment, CommentRevision, Reaction, Report

    return {
        "comments": Comment.objects.count(),
        "revisions": CommentRevision.objects.count(),
        "reactions": Reaction.objects.count(),
        "reports": Report.objects.count(),
    }


@pytest.fixture(autouse=True)
def _fast_captcha(settings):
    # A smaller proof-of-work search space keeps the battery fast; the protocol is the same.
    settings.CAPTCHA_MAX_NUMBER = 2000
