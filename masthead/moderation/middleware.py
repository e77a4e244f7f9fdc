"""Readers see what moderators decided about them on their next visit, as a message."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

NO_NOTICES_SECONDS = 300


class ReaderNoticeMiddleware:
    """One cache read per signed-in request; the database only when a notice waits.

    The cache holds "nothing waiting" (False) for a while; writing a notice deletes that entry,
    so a lost or flushed cache costs one query, never a missed notice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.method == "GET":
            self._deliver(request, user.pk)
        return self.get_response(request)

    def _deliver(self, request: HttpRequest, user_id: int) -> None:
        from masthead.moderation.models import ReaderNotice
        from masthead.moderation.services import notice_cache_key

        key = notice_cache_key(user_id)
        if cache.get(key) is False:
            return
        waiting = list(ReaderNotice.objects.filter(user_id=user_id, shown_at__isnull=True)[:10])
        for notice in waiting:
            messages.warning(request, notice.text)
        if waiting:
            ReaderNotice.objects.filter(pk__in=[n.pk for n in waiting]).update(
                shown_at=timezone.now()
            )
        else:
            cache.set(key, False, NO_NOTICES_SECONDS)
