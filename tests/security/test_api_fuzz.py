"""A property-based fuzz of the whole JSON API, generated from its OpenAPI document.

Schemathesis reads /api/openapi.json through the WSGI application (no server, no network) and
Hypothesis generates requests for every operation: valid ones, and ones that break the schema
(wrong types, missing fields, huge numbers, odd strings). The only property checked is the one
that matters here: never a 5xx. Requests carry a reader's personal token, so the write paths
are reached, against a story with comments, so some ids exist.

FUZZ_EXAMPLES sets the examples per operation: a few dozen in the fast tier, more in the slow.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import factories

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def token(db, reader, other_reader):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from masthead.core.tokens import issue_token

    # As Django's test client does: the WSGI handler would close the test's database
    # connection at the end of each request, in the middle of the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    story = factories.article(slug="harbour-bridge-reopens")
    first = factories.comment(story, other_reader, "A comment others can like and report.")
    factories.comment(story, reader, "The reader's own comment.", parent=first)
    yield issue_token(reader, "fuzz")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_no_api_request_is_answered_with_a_server_error(case, token, settings):
    settings.COMMENT_RATE_PER_MINUTE = 10_000
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
    )
