from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.standards import Action, policy
from masthead.standards.catalogue import CATALOGUE
from masthead.standards.models import RuleSetting
from masthead.standards.service import review_comment

pytestmark = pytest.mark.django_db

CAPITALS = "THE COUNCIL HAS PUT UP PARKING FEES AGAIN THIS YEAR WITHOUT ASKING RESIDENTS AT ALL"


def test_every_catalogue_rule_has_a_row_to_edit() -> None:
    assert set(RuleSetting.objects.values_list("code", flat=True)) == {r.code for r in CATALOGUE}


def test_an_admin_override_changes_the_action() -> None:
    assert review_comment(CAPITALS, author_id=1).action is Action.HOLD
    client = Client()
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(admin)
    row = RuleSetting.objects.get(code="formatting")
    response = client.post(
        f"/admin/standards/rulesetting/{row.pk}/change/",
        {
            "title": "Shouting",
            "explanation": "Please do not shout.",
            "action": "reject",
            "threshold": "0.6",
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    verdict = review_comment(CAPITALS, author_id=1)
    assert verdict.action is Action.REJECT
    assert "Shouting: Please do not shout." in verdict.explanation_for_author()


def test_disabling_a_rule_takes_effect_at_once() -> None:
    row = RuleSetting.objects.get(code="formatting")
    policy.current()
    row.enabled = False
    row.save()
    assert review_comment(CAPITALS).action is Action.PUBLISH


def test_a_missing_row_falls_back_to_the_catalogue() -> None:
    RuleSetting.objects.filter(code="formatting").delete()
    policy.invalidate()
    assert policy.current().rule("formatting").action is Action.HOLD


def test_the_threshold_must_be_a_probability() -> None:
    from django.core.exceptions import ValidationError

    row = RuleSetting.objects.get(code="insults")
    row.threshold = 1.5
    with pytest.raises(ValidationError):
        row.full_clean()
