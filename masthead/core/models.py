from django.conf import settings
from django.db import models


class DemoLoad(models.Model):
    """A row here means `load_demo` has run, so `make run` loads the demo only once."""

    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"demo loaded {self.loaded_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal token for the JSON API; the token itself is shown once and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"token {self.name or self.pk} of {self.user_id}"
