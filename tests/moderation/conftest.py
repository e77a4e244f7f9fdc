"""Helpers for the moderation tests: a story, held and reported comments with verdicts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from masthead.discussion.models import Comment, Report
from tests import factories


@pytest.fixture
def story(db):
    return factories.article(
        headline="Harbour bridge reopens after eight months of repairs",
        body=["The council reopened the old harbour bridge after replacing cables and deck."],
        slug="harbour-bridge",
    )


def verdict(
    rule: str = "insults", score: float = 0.7, spans: tuple[tuple[int, int, str], ...] = ()
):
    return {
        "action": "hold",
        "score": score,
        "findings": [
            {
                "rule": rule,
                "title": rule.title(),
                "score": score,
                "action": "hold",
                "detail": "",
                "evidence": [{"start": s, "end": e, "text": t} for s, e, t in spans],
            }
        ],
        "explanation": "Your comment is waiting for a moderator.",
    }


def held(
    article: Any,
    author: Any,
    text: str = "You are all fools here.",
    risk: float = 0.7,
    rule: str = "insults",
    **fields: Any,
) -> Comment:
    return factories.comment(
        article,
        author,
        text,
        status=Comment.Status.HELD,
        risk=risk,
        verdict=fields.pop("verdict", verdict(rule, risk)),
        **fields,
    )


def reported(
    article: Any, author: Any, reporter: Any, text: str = "A sharp remark.", rule: str = "insults"
) -> Comment:
    comment = factories.comment(article, author, text)
    Report.objects.create(comment=comment, reporter=reporter, rule=rule)
    Comment.objects.filter(pk=comment.pk).update(report_count=1)
    comment.report_count = 1
    return comment


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
