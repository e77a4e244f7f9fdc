"""The publisher's overrides of the rule catalogue: one row per rule."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from masthead.standards.catalogue import Action


class RuleSetting(models.Model):
    class ActionChoice(models.TextChoices):
        PUBLISH = Action.PUBLISH.value, "Publish"
        HOLD = Action.HOLD.value, "Hold for a moderator"
        REJECT = Action.REJECT.value, "Reject"

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=120)
    explanation = models.TextField(help_text="What a commenter reads when this rule applies.")
    action = models.CharField(max_length=10, choices=ActionChoice.choices)
    threshold = models.FloatField(
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Score from which a finding counts (0.5 is the measured operating point).",
    )
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["publish", "hold", "reject"]),
                name="standards_rulesetting_action_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0.0) & models.Q(threshold__lte=1.0),
                name="standards_rulesetting_threshold_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    # Invalidation belongs with the write: every path that changes a rule (admin, shell,
    # a data migration) must drop the cached policy, or web processes go on with stale rules.
    def save(self, *args: Any, **kwargs: Any) -> None:
        from masthead.standards.policy import invalidate

        super().save(*args, **kwargs)
        invalidate()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        from masthead.standards.policy import invalidate

        result = super().delete(*args, **kwargs)
        invalidate()
        return result
