from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Our own user model from the first migration, so accounts can grow without a swap."""

    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("The name shown with your comments and in the greeting."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def get_short_name(self) -> str:
        # The greeting must never show an empty name.
        return self.display_name or self.first_name or self.username

    @property
    def shown_name(self) -> str:
        return self.get_short_name()
