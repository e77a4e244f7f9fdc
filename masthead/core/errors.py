"""The site's error pages, with one special case: the database is unreachable.

When PostgreSQL restarts (or a connection is killed), the request in flight fails with an
OperationalError or InterfaceError deep in the ORM. That is not a bug in the page but a
passing outage, so the reader gets a 503 "try again in a moment" with Retry-After instead of
a 500, and monitoring can tell the two apart. The page is rendered without a request (no
context processors), because those would query the database that just failed.

Recovery needs nothing from us: Django closes a connection that raised an error at the end of
the request (`close_if_unusable_or_obsolete`), and with CONN_HEALTH_CHECKS the next request
checks a persistent connection before using it, so the site heals by itself.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 with Retry-After when the database is away, the plain 500 otherwise."""
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        log.warning("Database unavailable, answered 503: %s", exc)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(render_to_string("500.html"))


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400, rendered with the request (the layout's holes need it).

    Django's default renders 400.html without a request, and our layout cannot render without
    one, so every SuspiciousOperation (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many
    fields, a bad Host) became a 500. If the page still cannot render (the request itself may be
    what is broken), a plain-text answer says the same.
    """
    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext as _

    message = _("We could not understand that request.")
    if type(exception).__name__ == "RequestDataTooBig":
        message = _("The request is too large.")
    try:
        html = render_to_string("400.html", {"message": message}, request=request)
    except Exception:
        log.warning("400 page could not render; answering in plain text", exc_info=True)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return HttpResponseBadRequest(html)
