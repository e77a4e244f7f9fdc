"""Moderator roles: "Moderators" decide on comments; "Senior moderators" also lift permanent
blocks, delete accounts and edit the rules."""

from __future__ import annotations

from typing import Any

MODERATORS = "Moderators"
SENIOR_MODERATORS = "Senior moderators"

MODERATOR_PERMISSIONS = [
    ("discussion", "view_comment"),
    ("discussion", "change_comment"),
    ("discussion", "view_report"),
    ("discussion", "change_report"),
    ("moderation", "view_sanction"),
    ("moderation", "add_sanction"),
    ("moderation", "view_appeal"),
    ("moderation", "change_appeal"),
    ("moderation", "view_auditentry"),
    ("moderation", "view_decision"),
    ("moderation", "view_moderatorscope"),
]
SENIOR_EXTRA = [
    ("moderation", "lift_permanent_block"),
    ("moderation", "delete_reader_account"),
    ("standards", "change_rulesetting"),
    ("standards", "view_rulesetting"),
    ("moderation", "add_moderatorscope"),
    ("moderation", "change_moderatorscope"),
    ("moderation", "delete_moderatorscope"),
]


def ensure_moderator_groups(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    def perms(pairs: list[tuple[str, str]]) -> list[Permission]:
        found = []
        for app_label, codename in pairs:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                found.append(permission)
        return found

    Group.objects.get_or_create(name=MODERATORS)[0].permissions.set(perms(MODERATOR_PERMISSIONS))
    Group.objects.get_or_create(name=SENIOR_MODERATORS)[0].permissions.set(
        perms(MODERATOR_PERMISSIONS + SENIOR_EXTRA)
    )
