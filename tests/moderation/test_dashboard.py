"""The dashboard: charts drawn on our server as SVG, from decisions and comments."""

from __future__ import annotations

import pytest

from masthead.moderation import services
from masthead.moderation.selectors import dashboard

from .conftest import client_for, held

pytestmark = pytest.mark.django_db


def test_it_counts_outcomes_rules_queue_and_throughput(moderator, senior_moderator, story, reader):
    services.decide(moderator, held(story, reader, "one"), "reject", rule="insults")
    services.decide(senior_moderator, held(story, reader, "two"), "approve")
    held(story, reader, "three")
    data = dashboard(moderator)
    assert data.per_day["rejected"][-1] == 1
    assert data.per_day["published"][-1] == 1
    assert data.per_day["held"][-1] == 1
    assert data.rejections_by_rule == [("Insults and threats", 1)]
    assert data.queue_size == 1
    assert sorted(data.throughput) == [("moderator", 1), ("senior_moderator", 1)]
    assert data.median_wait_hours is not None


def test_the_page_is_svg_without_scripts_or_inline_styles(moderator, story, reader):
    services.decide(moderator, held(story, reader, "<script>alert(1)</script>"), "approve")
    response = client_for(moderator).get("/moderation/dashboard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 4
    main = html.split('<main id="main"', 1)[1]
    assert "<script" not in main
    assert "style=" not in main
