"""The demo site's people. Each app adds its own demo content in `<app>/demo.py`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD = "masthead-demo"  # noqa: S105 - the demo's published password, never production

CAST = [
    # username, display name, e-mail, staff, groups
    ("editor", "Erin Editor", "editor@example.org", True, ["Editors"]),
    ("moderator", "Max Moderator", "moderator@example.org", True, ["Moderators"]),
    ("reader", "Rita Reader", "reader@example.org", False, []),
    ("other_reader", "Oskar Other", "oskar@example.org", False, []),
]


def load(stdout: Any) -> None:
    User = get_user_model()
    for username, name, email, staff, groups in CAST:
        first, _space, last = name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": first, "last_name": last, "is_staff": staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for group_name in groups:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
    stdout.write(f"demo users: {', '.join(c[0] for c in CAST)} (password {DEMO_PASSWORD})")
