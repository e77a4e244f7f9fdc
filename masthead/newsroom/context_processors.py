from typing import Any

from django.http import HttpRequest

from masthead.newsroom.models import Section


def navigation(request: HttpRequest) -> dict[str, Any]:
    # A callable, so pages that never show the menu (or come from the page cache) cost no query.
    return {"NAV_SECTIONS": lambda: list(Section.objects.all()[:8])}
