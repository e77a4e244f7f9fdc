"""Who may do what: every role against every action, as one table that reads as the policy.

The object of each action is a published comment written by `reader` under a story, and the
account actions are on the actor's own account. A cell is "Y" when the action must succeed
and "-" when it must be refused (with a 4xx or a redirect to the log-in page, and no effect).

The moderation rows are real requests to the moderators' workspace (`/moderation/`), made the
way a browser makes them: the client enforces CSRF, every role first opens the page that holds
the form, and posts with the token from it. A role the page refuses brings a valid token from a
page it may open, so what refuses it is the workspace's own check, not the CSRF guard. Every
refusal is checked for its status (a log-in redirect for the anonymous visitor, 403 for a
signed-in role without the right, 400 for an appeal with nothing to appeal) and for having
changed nothing: comment statuses and texts, sanctions, appeals, decisions, notices, active
accounts and the audit log are compared before and after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.discussion.models import Comment, Reaction, Report
from masthead.moderation.models import Appeal, AuditEntry, Decision, ReaderNotice, Sanction
from tests import factories
from tests.conftest import _user, _verify
from tests.moderation.conftest import held

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
export_data           -       Y      Y      Y        Y        Y      Y     Y
delete_account        -       Y      Y      Y        Y        Y      Y     Y
appeal_block          -       -      -      Y        -        -      -     -
workspace             -       -      -      -        Y        Y      -     Y
decide                -       -      -      -        Y        Y      -     Y
moderator_edit        -       -      -      -        Y        Y      -     Y
block_reader          -       -      -      -        Y        Y      -     Y
premoderate           -       -      -      -        Y        Y      -     Y
lift_block            -       -      -      -        Y        Y      -     Y
lift_permanent        -       -      -      -        -        Y      -     Y
answer_appeal         -       -      -      -        Y        Y      -     Y
delete_reader         -       -      -      -        -        Y      -     Y
audit_log             -       -      -      -        Y        Y      -     Y
audit_csv             -       -      -      -        Y        Y      -     Y
"""
# fmt: on
# Notes on the policy:
# - "delete" is the author's own withdrawal; moderators remove comments by a decision instead.
# - nobody likes or reports their own comment; staff take part in discussions as readers do.
# - a blocked reader keeps their data rights (export, deletion) but cannot take part; the one
#   thing only they can do is ask the moderators to lift the block ("appeal_block").
# - editors run the desk, not the discussion: the moderation workspace is closed to them.
# - lifting a permanent (second) block and deleting an account without notice are for senior
#   moderators and administrators.


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


# --- Discussion and account actions ---------------------------------------------------------


def _did(action: str, client: Client, actor: Any, story: Any, comment: Comment) -> bool:
    """Try the action as the actor; True if it took effect."""
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
    if action == "export_data":
        from masthead.accounts.models import DataExport

        client.post("/accounts/export/")
        return DataExport.objects.filter(user=actor).exists() if actor else False
    if action == "delete_account":
        response = client.get("/accounts/delete/")
        return response.status_code == 200
    raise AssertionError(action)


# --- The moderation workspace ---------------------------------------------------------------


@dataclass
class Scene:
    """What the workspace actions act on, made afresh for every case."""

    story: Any
    reader: Any  # the author of `held`, an active reader: blocked, pre-moderated or deleted
    held: Comment  # a comment the standards held for a moderator, by `reader`
    troll: Any  # blocked once, with a pending request to lift the block
    appeal: Appeal
    repeat: Any  # blocked a second time: the block is permanent


def _scene(story: Any, reader: Any) -> Scene:
    from masthead.moderation.roles import ensure_moderator_groups

    # The groups' permissions as `migrate` makes them (lift_permanent_block and
    # delete_reader_account for senior moderators), whatever order the apps migrated in.
    ensure_moderator_groups()
    troll = _verify(_user("troll"))
    block = Sanction.objects.create(user=troll, kind="block", reason="Insults.", rule="insults")
    appeal = Appeal.objects.create(
        sanction=block,
        user=troll,
        subject="Restore access to my account",
        explanation="I was angry that evening and I am sorry; it will not happen again.",
    )
    repeat = _verify(_user("repeat_offender"))
    Sanction.objects.create(user=repeat, kind="block", reason="Spam.", permanent=True)
    return Scene(story, reader, held(story, reader), troll, appeal, repeat)


@dataclass
class Step:
    """One workspace action: the page that holds its form, then the request the form makes."""

    page: str  # opened first with GET (the token comes from its form)
    method: str
    url: str
    data: dict[str, Any]
    form_marker: str  # what the page shows when it offers the action
    done: Callable[[], bool]  # True when the action took effect
    audit_action: str | None  # the audit entry the action must write
    refused_status: int = 403  # a signed-in role without the right


def _step(action: str, scene: Scene, actor: Any) -> Step:
    def user_active(user: Any) -> bool:
        return get_user_model().objects.filter(pk=user.pk, is_active=True).exists()

    def blocked(user: Any) -> bool:
        return Sanction.objects.active().filter(user=user, kind="block").exists()

    reader_page = f"/moderation/readers/{scene.reader.pk}/"
    troll_page = f"/moderation/readers/{scene.troll.pk}/"
    repeat_page = f"/moderation/readers/{scene.repeat.pk}/"
    steps = {
        "workspace": Step(
            "/moderation/", "GET", "/moderation/", {}, 'id="bulk-form"', lambda: True, None
        ),
        "audit_log": Step(
            "/moderation/audit/", "GET", "/moderation/audit/", {}, "<table", lambda: True, None
        ),
        "audit_csv": Step(
            "/moderation/audit/",
            "GET",
            "/moderation/audit.csv",
            {},
            "audit.csv",
            lambda: True,
            None,
        ),
        "decide": Step(
            "/moderation/",
            "POST",
            "/moderation/decide/",
            {"comment": scene.held.pk, "decision": "remove", "reason": "Insults."},
            f'name="comment" value="{scene.held.pk}"',
            lambda: (
                Comment.objects.get(pk=scene.held.pk).status == Comment.Status.REMOVED
                and Decision.objects.filter(comment=scene.held).exists()
            ),
            "comment.remove",
        ),
        "moderator_edit": Step(
            f"/moderation/comments/{scene.held.pk}/edit/",
            "POST",
            f"/moderation/comments/{scene.held.pk}/edit/",
            {"text": "You are all [removed] here.", "reason": "Insult taken out."},
            'name="text"',
            lambda: Comment.objects.get(pk=scene.held.pk).text == "You are all [removed] here.",
            "comment.edit_reason",
        ),
        "block_reader": Step(
            reader_page,
            "POST",
            f"/moderation/readers/{scene.reader.pk}/block/",
            {"reason": "Insulted other readers.", "rule": "insults"},
            f"/moderation/readers/{scene.reader.pk}/block/",
            lambda: blocked(scene.reader),
            "user.block",
        ),
        "premoderate": Step(
            reader_page,
            "POST",
            f"/moderation/readers/{scene.reader.pk}/premoderation/",
            {"on": "1", "days": "7", "reason": "Several held comments."},
            f"/moderation/readers/{scene.reader.pk}/premoderation/",
            lambda: (
                Sanction.objects.active().filter(user=scene.reader, kind="premoderation").exists()
            ),
            "user.premoderation_on",
        ),
        "lift_block": Step(
            troll_page,
            "POST",
            f"/moderation/readers/{scene.troll.pk}/lift/",
            {"reason": "Served long enough."},
            f"/moderation/readers/{scene.troll.pk}/lift/",
            lambda: not blocked(scene.troll),
            "user.unblock",
        ),
        "lift_permanent": Step(
            repeat_page,
            "POST",
            f"/moderation/readers/{scene.repeat.pk}/lift/",
            {"reason": "Mistaken identity."},
            f"/moderation/readers/{scene.repeat.pk}/lift/",
            lambda: not blocked(scene.repeat),
            "user.unblock",
        ),
        "answer_appeal": Step(
            "/moderation/appeals/",
            "POST",
            f"/moderation/appeals/{scene.appeal.pk}/",
            {"grant": "1", "answer": "Welcome back."},
            f"/moderation/appeals/{scene.appeal.pk}/",
            lambda: (
                Appeal.objects.get(pk=scene.appeal.pk).status == Appeal.Status.GRANTED
                and not blocked(scene.troll)
            ),
            "appeal.grant",
        ),
        "delete_reader": Step(
            reader_page,
            "POST",
            f"/moderation/readers/{scene.reader.pk}/delete/",
            {"reason": "A spam network account."},
            f"/moderation/readers/{scene.reader.pk}/delete/",
            lambda: not user_active(scene.reader),
            "user.delete",
        ),
        "appeal_block": Step(
            "/moderation/appeal/",
            "POST",
            "/moderation/appeal/",
            {
                "subject": "Restore access to my account",
                "explanation": "I posted the same link too often; I will not do it again.",
            },
            'name="explanation"',
            lambda: actor is not None and Appeal.objects.filter(user=actor).exists(),
            "appeal.submit",
            refused_status=400,  # the form answers "nothing to appeal"
        ),
    }
    return steps[action]


def _moderation_state() -> dict[str, Any]:
    """Everything a workspace action could change, to compare before and after a refusal."""
    return {
        "comments": sorted(Comment.objects.values_list("pk", "status", "text")),
        "sanctions": sorted(
            Sanction.objects.values_list("pk", "user_id", "kind", "permanent", "lifted_at")
        ),
        "appeals": sorted(Appeal.objects.values_list("pk", "status", "answer", "decided_by")),
        "decisions": Decision.objects.count(),
        "notices": ReaderNotice.objects.count(),
        "audit": sorted(AuditEntry.objects.values_list("pk", "action")),
        "active_users": sorted(
            get_user_model().objects.filter(is_active=True).values_list("pk", flat=True)
        ),
    }


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _token_from_elsewhere(client: Client, story: Any) -> str:
    """A valid CSRF token from a page any role may open (the story, or the log-in page)."""
    for page in (f"/articles/{story.slug}/", "/accounts/login/"):
        response = client.get(page)
        found = TOKEN.search(response.content.decode())
        if found:
            return found.group(1)
        if "csrftoken" in client.cookies:
            return client.cookies["csrftoken"].value
    raise AssertionError("no page gave this client a CSRF token")


def _is_log_in_redirect(response: Any) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- The tests ------------------------------------------------------------------------------

SIMPLE = {
    "post",
    "reply",
    "edit",
    "delete",
    "like",
    "report",
    "editors_desk",
    "export_data",
    "delete_account",
}
CASES = sorted(key for key in TABLE if key[0] in SIMPLE)
WORKSPACE_CASES = sorted(key for key in TABLE if key[0] not in SIMPLE)


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


@pytest.mark.parametrize(
    ("action", "role"), WORKSPACE_CASES, ids=[f"{a}-{r}" for a, r in WORKSPACE_CASES]
)
def test_the_moderation_workspace_policy(action, role, story, reader, other_reader):
    scene = _scene(story, reader)
    actor = _actor(role, reader, other_reader)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if actor is not None:
        client.force_login(actor)
    allowed = TABLE[(action, role)]
    step = _step(action, scene, actor)

    page = client.get(step.page)
    if allowed:
        assert page.status_code == 200, f"{role} must be able to open {step.page}"
        html = page.content.decode()
        assert step.form_marker in html, f"{step.page} must offer {action} to {role}"
        found = TOKEN.search(html)
        token = found.group(1) if found else _token_from_elsewhere(client, story)
    else:
        token = _token_from_elsewhere(client, story)
    data = dict(step.data)
    before = _moderation_state()
    audit_before = AuditEntry.objects.count()
    if step.method == "POST":
        data["csrfmiddlewaretoken"] = token
        response = client.post(step.url, data)
    else:
        response = client.get(step.url, data)

    if allowed:
        assert response.status_code in (200, 302), (
            f"{role} must be able to {action}: {response.status_code}"
        )
        if response.status_code == 302:
            assert not _is_log_in_redirect(response)
        assert step.done(), f"{role}'s {action} had no effect"
        if step.audit_action:
            assert AuditEntry.objects.filter(action=step.audit_action).count() > 0
            assert AuditEntry.objects.count() > audit_before
        return

    if actor is None:
        assert _is_log_in_redirect(response), f"anonymous {action}: {response.status_code}"
    else:
        assert response.status_code == step.refused_status, (
            f"{role} must not be able to {action}: {response.status_code} "
            f"{response.content[:200]!r}"
        )
        # Django's CSRF failure page says so; the bare letters "CSRF" also turn up, now and then,
        # inside the page's random tokens and nonces (one CI run of 28 November failed on that).
        assert b"CSRF verification failed" not in response.content, (
            "refused by the CSRF guard, not the workspace"
        )
    assert not step.done() or action in {"workspace", "audit_log", "audit_csv"}
    assert _moderation_state() == before, f"{role}'s refused {action} changed something"


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
        lambda: client.get("/moderation/"),
        lambda: client.post("/moderation/decide/", {"comment": comment.pk, "decision": "remove"}),
        lambda: client.post(f"/moderation/readers/{reader.pk}/block/", {"reason": "x"}),
        lambda: client.post(f"/moderation/appeals/{comment.pk}/", {"grant": "1"}),
        lambda: client.post("/moderation/appeal/", {"explanation": TEXT}),
    ]
    for check in checks:
        response = check()
        assert response.status_code in {302, 400, 401, 403, 404}, response.status_code
        if response.status_code == 302:
            assert "login" in response["Location"]
