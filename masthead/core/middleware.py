from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
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


class RequestBodyLimitMiddleware:
    """Refuse a body declared larger than MAX_REQUEST_BODY_BYTES, before reading any of it.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields and JSON read into memory, but a
    multipart file part is streamed to a temporary file whatever its size: without this cap a
    client could fill the disk with one request. The answer is given from the headers alone, so
    a 1 GB upload costs us no more than its first packet.

    A body sent with `Transfer-Encoding: chunked` and no Content-Length is refused too, with 411
    Length Required: Django's WSGI handler reads such a body as empty, so the request would go
    on as if the client had sent nothing (a comment form "missing its text", an API call with
    no JSON) while the server had received the whole upload. The client is told to send the
    length instead. Behind nginx this never happens: nginx buffers a chunked body and passes it
    on with its length (deploy/nginx-masthead.conf.template).
    """

    # Methods whose requests carry a body a view reads.
    BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        if (
            request.method in self.BODY_METHODS
            and request.META.get("HTTP_TRANSFER_ENCODING")
            and not request.META.get("CONTENT_LENGTH")
        ):
            return self._length_required(request)
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            length = -1
        if length < 0:
            return _refuse(request, _("The request has an invalid Content-Length header."), 400)
        limit = settings.MAX_REQUEST_BODY_BYTES
        if length > limit:
            message = _("The request is too large: the limit is %(mb)d MB.") % {
                "mb": max(1, limit // (1024 * 1024))
            }
            return _refuse(request, message, 413)
        return self.get_response(request)

    @staticmethod
    def _length_required(request: HttpRequest) -> HttpResponse:
        message = _(
            "The request body has no Content-Length header (it was sent in chunks). "
            "Send the body with its length."
        )
        return _refuse(request, message, 411)


def _refuse(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """A refusal given before the body is read: JSON under /api/ (the API's own shape,
    {"error": "..."}), plain text elsewhere; the connection is closed, since the unread body
    cannot be followed by another request."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": message}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Connection"] = "close"
    return response
