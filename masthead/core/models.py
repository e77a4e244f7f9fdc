from django.db import models


class DemoLoad(models.Model):
    """A row here means `load_demo` has run, so `make run` loads the demo only once."""

    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"demo loaded {self.loaded_at:%Y-%m-%d %H:%M}"
