"""Who may do what: every role against every action, as one table that reads as the policy.

The object of each action is a published comment written by `reader` under a story, and the
account actions are on the actor's own account. A cell is "Y" when the action must succeed
and "-" when it must be refused (with a 4xx or a redirect to the log-in page, and no effect).

The moderation workspace has no URLs at this merge base (it is being built in parallel), so
its three rows check the guarded policy functions every moderation view must call:
`is_moderator` (open the workspace), `access.can_moderate` (decide a comment) and the
`moderation.add_sanction` permission (block a reader). Replace them with the workspace's URLs
when it lands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from masthead.discussion.models import Comment, Reaction, Report
from tests import factories
from tests.conftest import _user, _verify

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "other", "blocked", "moderator", "senior", "editor", "admin"]

# fmt: off
POLICY = """
action            anonymous reader other blocked moderator senior editor admin
post                  -       Y      Y      -        Y        Y      Y     Y
reply                 -       Y      Y      -        Y        Y      Y     Y
edit                  -       Y      -      -        Y        Y      -     Y
delete                -       Y      -      -        -        -      -     -
like                  -       -      Y      -        Y        Y      Y     Y
report                -       -      Y      -        Y        Y      Y     Y
editors_desk          -       -      -      -        -        -      Y     Y
workspace             -       -      -      -        Y        Y      -     Y
decide                -       -      -      -        Y        Y      -     Y
block_reader          -       -      -      -        Y        Y      -     Y
export_data           -       Y      Y      Y        Y        Y      Y     Y
delete_account        -       Y      Y      Y        Y        Y      Y     Y
"""
# fmt: on
# Notes on the policy:
# - "delete" is the author's own withdrawal; moderators remove comments by a decision instead.
# - nobody likes or reports their own comment; staff take part in discussions as readers do.
# - a blocked reader keeps their data rights (export, deletion) but cannot take part.


def _table() -> dict[tuple[str, str], bool]:
    lines = [line.split() for line in POLICY.strip().splitlines()]
    header, rows = lines[0][1:], lines[1:]
    assert header == ROLES
    return {
        (row[0], role): cell == "Y"
        for row in rows
        for role, cell in zip(header, row[1:], strict=True)
    }


TABLE = _table()
TEXT = "The bridge repairs were worth the wait, I think."


def _actor(role: str, reader: Any, other_reader: Any) -> Any:
    from masthead.moderation.models import Sanction

    if role == "anonymous":
        return None
    if role == "reader":
        return reader
    if role == "other":
        return other_reader
    if role == "blocked":
        user = _verify(_user("blocked_reader"))
        Sanction.objects.create(user=user, kind="block", reason="Spam.")
        return user
    made = {
        "moderator": lambda: _user("moderator", staff=True, groups=("Moderators",)),
        "senior": lambda: _user("senior", staff=True, groups=("Senior moderators",)),
        "editor": lambda: _user("editor", staff=True, groups=("Editors",)),
        "admin": lambda: _user("admin", staff=True, is_superuser=True),
    }[role]()
    # Every role has a confirmed address, so the table shows roles, not verification.
    return _verify(made)


def _did(action: str, client: Client, actor: Any, story: Any, comment: Comment) -> bool:
    """Try the action as the actor; True if it took effect."""
    from masthead.discussion import access
    from masthead.moderation.services import is_moderator

    if action == "post":
        client.post(f"/articles/{story.slug}/comments/", {"text": TEXT})
        return Comment.objects.filter(parent=None).exclude(pk=comment.pk).exists()
    if action == "reply":
        client.post(f"/articles/{story.slug}/comments/", {"text": TEXT, "parent": comment.pk})
        return Comment.objects.filter(parent=comment).exists()
    if action == "edit":
        client.post(f"/comments/{comment.pk}/edit/save/", {"text": TEXT + " Edited."})
        return Comment.objects.get(pk=comment.pk).text.endswith("Edited.")
    if action == "delete":
        client.post(f"/comments/{comment.pk}/delete/")
        return Comment.objects.get(pk=comment.pk).status == Comment.Status.DELETED
    if action == "like":
        client.post(f"/comments/{comment.pk}/like/")
        return Reaction.objects.filter(comment=comment).exists()
    if action == "report":
        client.post(f"/comments/{comment.pk}/report/send/", {"rule": "insults", "note": ""})
        return Report.objects.filter(comment=comment).exists()
    if action == "editors_desk":
        return client.get("/admin/newsroom/article/").status_code == 200
    if action == "workspace":
        return actor is not None and is_moderator(actor)
    if action == "decide":
        return access.can_moderate(actor, comment)
    if action == "block_reader":
        return actor is not None and actor.has_perm("moderation.add_sanction")
    if action == "export_data":
        from masthead.accounts.models import DataExport

        client.post("/accounts/export/")
        return DataExport.objects.filter(user=actor).exists() if actor else False
    if action == "delete_account":
        response = client.get("/accounts/delete/")
        return response.status_code == 200
    raise AssertionError(action)


CASES = sorted(TABLE)


@pytest.mark.parametrize(("action", "role"), CASES, ids=[f"{a}-{r}" for a, r in CASES])
def test_the_access_policy(action, role, story, reader, other_reader):
    comment = factories.comment(story, reader, "A published comment by the reader.")
    actor = _actor(role, reader, other_reader)
    client = Client(raise_request_exception=False)
    if actor is not None:
        client.force_login(actor)
    allowed = TABLE[(action, role)]
    assert _did(action, client, actor, story, comment) is allowed, (
        f"{role} {'must' if allowed else 'must not'} be able to {action}"
    )


def test_every_http_refusal_is_a_4xx_or_a_log_in_redirect_never_a_500(story, reader):
    comment = factories.comment(story, reader, "A published comment by the reader.")
    client = Client(raise_request_exception=False)
    checks: list[Callable[[], Any]] = [
        lambda: client.post(f"/articles/{story.slug}/comments/", {"text": TEXT}),
        lambda: client.post(f"/comments/{comment.pk}/edit/save/", {"text": TEXT}),
        lambda: client.post(f"/comments/{comment.pk}/delete/"),
        lambda: client.post(f"/comments/{comment.pk}/like/"),
        lambda: client.post(f"/comments/{comment.pk}/report/send/", {"rule": "insults"}),
        lambda: client.get("/admin/newsroom/article/"),
        lambda: client.post("/accounts/export/"),
        lambda: client.get("/accounts/delete/"),
    ]
    for check in checks:
        response = check()
        assert response.status_code in {302, 400, 401, 403, 404}, response.status_code
        if response.status_code == 302:
            assert "login" in response["Location"]
