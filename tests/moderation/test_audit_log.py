"""The audit log: append-only, read-only in the admin, filterable, downloadable as safe CSV."""

from __future__ import annotations

import csv
import io

import pytest

from masthead.moderation import services
from masthead.moderation.models import AuditEntry
from masthead.moderation.views import csv_cell
from masthead.standards.models import RuleSetting

from .conftest import client_for, held

pytestmark = pytest.mark.django_db


def entry(reason: str = "why", action: str = "comment.approve", actor=None) -> AuditEntry:
    return services.audit(
        actor=actor, action=action, target=RuleSetting.objects.get(code="insults"), reason=reason
    )


def test_an_entry_cannot_be_changed_or_deleted(db):
    written = entry()
    written.reason = "rewritten"
    with pytest.raises(PermissionError):
        written.save()
    with pytest.raises(PermissionError):
        written.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=written.pk).update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().reason == "why"


def test_the_admin_shows_it_read_only_even_to_a_superuser(admin_user):
    written = entry()
    client = client_for(admin_user)
    assert client.get("/admin/moderation/auditentry/").status_code == 200
    assert client.get("/admin/moderation/auditentry/add/").status_code == 403
    page = client.get(f"/admin/moderation/auditentry/{written.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(
            f"/admin/moderation/auditentry/{written.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.count() == 1


def test_a_rule_change_in_the_admin_is_audited_with_who_what_and_why(admin_user):
    rule = RuleSetting.objects.get(code="insults")
    client = client_for(admin_user)
    response = client.post(
        f"/admin/standards/rulesetting/{rule.pk}/change/",
        {
            "title": rule.title,
            "explanation": rule.explanation,
            "action": "hold",
            "threshold": "0.6",
            "enabled": "on",
            "change_reason": "Too many false alarms on sharp debate",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    logged = AuditEntry.objects.get(action="rule.change")
    assert logged.actor == admin_user
    assert logged.reason == "Too many false alarms on sharp debate"
    assert logged.details["after"]["threshold"] == 0.6
    assert logged.details["before"]["threshold"] == rule.threshold


def test_a_rule_change_without_a_reason_is_still_audited_and_says_so(admin_user):
    rule = RuleSetting.objects.get(code="insults")
    response = client_for(admin_user).post(
        f"/admin/standards/rulesetting/{rule.pk}/change/",
        {
            "title": rule.title,
            "explanation": rule.explanation,
            "action": "hold",
            "threshold": "0.6",
        },
    )
    assert response.status_code == 302
    logged = AuditEntry.objects.get(action="rule.change")
    assert logged.reason == "(no reason given)"
    assert logged.details["after"]["enabled"] is False


def test_the_log_filters_by_actor_action_and_date(moderator, story, reader):
    services.decide(moderator, held(story, reader), "approve")
    entry(action="user.block")
    client = client_for(moderator)
    page = client.get("/moderation/audit/?actor=moderator")
    assert [e.action for e in page.context["entries"]] == ["comment.approve"]
    page = client.get("/moderation/audit/?action=user.")
    assert [e.action for e in page.context["entries"]] == ["user.block"]
    assert client.get("/moderation/audit/?since=yesterday").status_code == 400


def test_the_csv_download_quotes_formulas(moderator):
    entry(reason='=HYPERLINK("http://evil.example")')
    entry(reason="+1 and -1 and @SUM")
    response = client_for(moderator).get("/moderation/audit.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0][:3] == ["time", "actor", "action"]
    reasons = {row[5] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example")' in reasons
    assert "'+1 and -1 and @SUM" in reasons


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+2", "'=1+2"), ("-x", "'-x"), ("@a", "'@a"), ("+a", "'+a"), ("plain", "plain")],
)
def test_csv_cells_starting_with_a_formula_sign_are_quoted(value, expected):
    assert csv_cell(value) == expected
