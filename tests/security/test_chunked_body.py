"""A body sent in chunks, without Content-Length, is refused with 411 instead of read as empty.

Django's WSGI handler reads `CONTENT_LENGTH` bytes of `wsgi.input` and nothing when the header
is absent, so before `RequestBodyLimitMiddleware` refused it, a chunked POST reached the view
with an empty body: the server had taken the whole upload and the view saw "no text". Checked
twice: through Django's WSGI handler with a hand-built environ (the input stream must not be
read), and over a socket against granian, the production server, which passes
`Transfer-Encoding` through and decodes the chunks itself.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from masthead.discussion.models import Comment
from tests.load.server import Site, live_site
from tests.security.conftest import stored_rows

TEXT = "The new timetable for the harbour ferry is a real improvement."


class Body(io.BytesIO):
    """The request stream, remembering whether anything read it."""

    touched = False

    def read(self, size: int | None = -1) -> bytes:
        self.touched = True
        return super().read(size)

    def readline(self, size: int | None = -1) -> bytes:
        self.touched = True
        return super().readline(size)


def _call(
    method: str, path: str, body: bytes, *, chunked: bool, **headers: str
) -> tuple[int, dict[str, str], bytes, Body]:
    stream = Body(body)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": "application/json",
        "wsgi.input": stream,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        **headers,
    }
    if chunked:
        # What a WSGI server hands over for a chunked request: the header, no length, and
        # the decoded body on wsgi.input.
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        environ["CONTENT_LENGTH"] = str(len(body))
    answer: list[Any] = []

    def start_response(status: str, response_headers: Any, exc_info: Any = None) -> Any:
        answer.extend([int(status.split()[0]), dict(response_headers)])
        return lambda data: None

    # As Django's test client does: the test's own connection (inside the test transaction)
    # must not be closed by the request's start and end signals (it would be on PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        content = b"".join(response)
        response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer[0], answer[1], content, stream


@pytest.fixture
def token(reader) -> str:
    from masthead.core.tokens import issue_token

    return issue_token(reader, "chunked")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_chunked_api_request_is_refused_with_411_in_json(story, token, method):
    before = stored_rows()
    status, headers, content, stream = _call(
        method,
        f"/api/articles/{story.slug}/comments",
        json.dumps({"text": TEXT}).encode(),
        chunked=True,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert status == 411
    assert headers["Content-Type"] == "application/json"
    assert "Content-Length" in json.loads(content)["error"]
    assert not stream.touched, "the body must be refused before anything reads it"
    assert stored_rows() == before


@pytest.mark.django_db
def test_a_chunked_form_post_is_refused_with_411_in_plain_text(story):
    before = stored_rows()
    status, headers, content, stream = _call(
        "POST",
        f"/articles/{story.slug}/comments/",
        b"text=" + TEXT.replace(" ", "+").encode(),
        chunked=True,
        CONTENT_TYPE="application/x-www-form-urlencoded",
    )
    assert status == 411
    assert headers["Content-Type"].startswith("text/plain")
    assert b"Send the body with its length" in content
    assert not stream.touched
    assert stored_rows() == before


@pytest.mark.django_db
def test_the_same_request_with_its_length_is_stored(story, token):
    """The control: what the 411 refused is a request that otherwise succeeds."""
    status, _headers, content, _stream = _call(
        "POST",
        f"/api/articles/{story.slug}/comments",
        json.dumps({"text": TEXT}).encode(),
        chunked=False,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert status == 201, content
    assert Comment.objects.filter(text=TEXT).count() == 1


@pytest.mark.django_db
def test_a_get_announcing_chunks_is_not_refused(story):
    status, _headers, _content, _stream = _call(
        "GET", f"/articles/{story.slug}/", b"", chunked=True
    )
    assert status == 200


# --- Against granian over a socket ----------------------------------------------------------


@pytest.fixture(scope="module")
def granian_site() -> Iterator[Site]:
    """granian on a database of its own (PostgreSQL, or a SQLite file on the SQLite run)."""
    yield from live_site(readers=1, server="granian", sqlite_ok=True)


def _send(site: Site, path: str, body: bytes, content_type: str, *, chunked: bool) -> Any:
    """One raw HTTP/1.1 POST, written in one go, and the server's answer parsed by http.client.

    The whole request goes out in one write: granian answers the 411 as soon as it has the
    headers and closes the connection, so a client still sending chunks would meet a broken
    pipe instead of reading the answer.
    """
    host, port = site.url.removeprefix("http://").split(":")
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {content_type}\r\n"
        f"Authorization: Bearer {site.tokens[0]}\r\nConnection: close\r\n"
    )
    if chunked:
        pieces = [body[i : i + 16] for i in range(0, len(body), 16)]
        framed = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
        request = (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + framed + b"0\r\n\r\n"
    else:
        request = (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    with socket.create_connection((host, int(port)), timeout=20) as connection:
        # If the server answered before it read everything, the answer is waiting anyway.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.sendall(request)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, response.getheader("Content-Type", ""), response.read()


def _comments(site: Site) -> int:
    return site.query("SELECT count(*) FROM discussion_comment")[0][0]


def test_granian_answers_a_chunked_post_with_411_and_stores_nothing(granian_site):
    site = granian_site
    api = f"/api/articles/{site.slug}/comments"
    payload = json.dumps({"text": TEXT}).encode()

    status, content_type, content = _send(site, api, payload, "application/json", chunked=True)
    assert status == 411, content
    assert content_type == "application/json"
    assert "Content-Length" in json.loads(content)["error"]

    form = f"/articles/{site.slug}/comments/"
    status, content_type, content = _send(
        site,
        form,
        b"text=" + TEXT.replace(" ", "+").encode(),
        "application/x-www-form-urlencoded",
        chunked=True,
    )
    assert status == 411, content
    assert content_type.startswith("text/plain")
    assert _comments(site) == 0

    # The same comment with its length goes through, so the 411 is what kept it out.
    status, _content_type, content = _send(site, api, payload, "application/json", chunked=False)
    assert status == 201, content
    assert _comments(site) == 1
