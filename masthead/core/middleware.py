from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulBytesMiddleware:
    """Refuse NUL bytes in the address, query and form fields with a clear 400.

    No legitimate input holds them, PostgreSQL text columns cannot store them (a query with one
    fails deep inside the ORM as a 500), and on SQLite they would be stored and truncate output.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or "\x00" in request.META.get("QUERY_STRING", "")
            or any("\x00" in value for values in request.GET.lists() for value in values[1])
        ):
            return self._refuse()
        is_form = request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }
        if (
            request.method == "POST"
            and is_form
            and any("\x00" in value for _key, values in request.POST.lists() for value in values)
        ):
            return self._refuse()
        return self.get_response(request)

    @staticmethod
    def _refuse() -> HttpResponse:
        return HttpResponseBadRequest(
            _("The request contains a NUL character, which is not allowed in any field."),
            content_type="text/plain; charset=utf-8",
        )
