"""The "Editors" group: exactly the permissions the editors' desk needs."""

from __future__ import annotations

from typing import Any

EDITORS = "Editors"
EDITOR_PERMISSIONS = {
    "article": ["view", "add", "change", "delete"],
    "block": ["view", "add", "change", "delete"],
    "relatedlink": ["view", "add", "change", "delete"],
    "gallery": ["view", "add", "change", "delete"],
    "galleryitem": ["view", "add", "change", "delete"],
    "photo": ["view", "add", "change"],
    "tag": ["view", "add", "change"],
    "author": ["view", "add", "change"],
    "section": ["view"],
}


def ensure_editors_group(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label="newsroom", codename__in=codenames
    )
    group.permissions.set(permissions)
