from django.db import models


class DemoLoad(models.Model):
    """A row here means `load_demo` has run, so `make run` loads the demo only once."""

    loaded_at = models.DateTimeField(auto_now_add=True)
