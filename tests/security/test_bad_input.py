"""Bad input gets a clear 4xx with a message, stores nothing half-way, and never causes a 500.

Every case runs against the real URL routing and middleware, on SQLite and on PostgreSQL (NUL
bytes and lone surrogates are where the two databases differ: PostgreSQL refuses them in text
columns with an error, SQLite stores them).
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from masthead.discussion.models import Comment
from tests import factories
from tests.security.conftest import post_json, stored_rows

pytestmark = pytest.mark.django_db

ONE_GB = 1024**3

# Text no field may hold, and the reason it is here.
POISON = {
    "nul": "a\x00b",  # PostgreSQL refuses it in text; SQLite would truncate output at it
    "lone_surrogate": "a\ud800b",  # not encodable as UTF-8: fails on the way into the database
    "low_surrogate": "\udfffz",
}


class CountingStream:
    """A 1 GB request body that is never allocated: it counts how much of it was read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.read_bytes if n is None or n < 0 else n
        n = min(n, self.size - self.read_bytes, 1024 * 1024)
        self.read_bytes += n
        return b"x" * n

    def readline(self, limit: int = -1) -> bytes:
        return self.read(min(limit, 1024) if limit > 0 else 1024)


def _wsgi_post(path: str, stream: CountingStream, content_type: str) -> tuple[str, bytes, int]:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(stream.size),
        "wsgi.input": stream,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    status: list[str] = []

    def start_response(line: str, headers: Any, exc_info: Any = None) -> Any:
        status.append(line)
        return lambda data: None

    body = b"".join(WSGIHandler()(environ, start_response))
    return status[0], body, stream.read_bytes


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/accounts/avatar/", "multipart/form-data; boundary=xyz"),
        ("/articles/harbour-bridge-reopens/comments/", "application/x-www-form-urlencoded"),
        ("/api/articles/harbour-bridge-reopens/comments", "application/json"),
    ],
)
def test_a_streamed_one_gigabyte_upload_is_refused_before_it_is_read(story, path, content_type):
    status, body, read = _wsgi_post(path, CountingStream(ONE_GB), content_type)
    assert status.startswith("413")
    assert b"too large" in body
    assert read == 0, "the body must be refused from its headers, not read"


def test_a_ten_megabyte_comment_form_is_refused_with_a_message(story, signed_in):
    before = stored_rows()
    response = signed_in.post(f"/articles/{story.slug}/comments/", {"text": "word " * 2_000_000})
    assert 400 <= response.status_code < 500
    assert response.content
    assert stored_rows() == before


def test_a_ten_megabyte_comment_through_the_api_is_refused_with_a_message(story, api_client):
    before = stored_rows()
    response = post_json(
        api_client, f"/api/articles/{story.slug}/comments", {"text": "word " * 2_000_000}
    )
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.content
    assert stored_rows() == before


def test_a_comment_just_over_the_length_limit_is_refused_saying_the_limit(
    story, api_client, settings
):
    text = "a" * (settings.COMMENT_MAX_LENGTH + 1)
    response = post_json(api_client, f"/api/articles/{story.slug}/comments", {"text": text})
    assert response.status_code == 400
    assert str(settings.COMMENT_MAX_LENGTH) in response.json()["error"]
    assert not Comment.objects.exists()


def test_two_hundred_kilobytes_of_nested_json_is_a_400(story, api_client):
    depth = 100_000
    raw = ("[" * depth + "]" * depth).encode()
    before = stored_rows()
    response = post_json(api_client, f"/api/articles/{story.slug}/comments", raw=raw)
    assert 400 <= response.status_code < 500, response.content[:300]
    nested = b'{"text": ' + b'{"a": ' * 30_000 + b"1" + b"}" * 30_000 + b"}"
    response = post_json(api_client, f"/api/articles/{story.slug}/comments", raw=nested)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert stored_rows() == before


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "caf\xe9 au lait"}',  # Latin-1, not UTF-8
        b'{"text": "\xff\xfe\xfd"}',
        b'{"text": "ok"' + b"\x80",
        b"\xef\xbb\xbf{}",  # a byte-order mark and an empty object
        b"not json at all",
        b"",
    ],
)
def test_invalid_json_or_utf8_through_the_api_is_a_400(story, api_client, raw):
    before = stored_rows()
    response = post_json(api_client, f"/api/articles/{story.slug}/comments", raw=raw)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert stored_rows() == before


def test_invalid_utf8_in_a_form_is_never_a_500(story, signed_in):
    before = stored_rows()
    response = signed_in.generic(
        "POST",
        f"/articles/{story.slug}/comments/",
        b"text=caf%E9+%FF%FE&key=%C0%AF",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500
    # Undecodable bytes become U+FFFD, never a surrogate, never a crash; nothing else stored.
    for comment in Comment.objects.all():
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in comment.text)
    assert stored_rows()["reports"] == before["reports"]


@pytest.mark.parametrize("kind", sorted(POISON))
@pytest.mark.parametrize(
    "field", ["text", "idempotency_key", "report_rule", "report_note", "edit_text"]
)
def test_nul_bytes_and_lone_surrogates_in_every_json_string_are_a_400(
    story, api_client, reader, other_reader, kind, field
):
    theirs = factories.comment(story, other_reader, "A comment to report.")
    mine = factories.comment(story, reader, "A comment to edit.")
    before = stored_rows()
    value = POISON[kind]
    if field == "text":
        response = post_json(api_client, f"/api/articles/{story.slug}/comments", {"text": value})
    elif field == "idempotency_key":
        response = post_json(
            api_client,
            f"/api/articles/{story.slug}/comments",
            {"text": "A perfectly fine comment.", "idempotency_key": value},
        )
    elif field == "report_rule":
        response = post_json(api_client, f"/api/comments/{theirs.pk}/reports", {"rule": value})
    elif field == "report_note":
        response = post_json(
            api_client, f"/api/comments/{theirs.pk}/reports", {"rule": "insults", "note": value}
        )
    else:
        response = api_client.generic(
            "PATCH",
            f"/api/comments/{mine.pk}",
            json.dumps({"text": value}),
            content_type="application/json",
        )
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert stored_rows() == before
    mine.refresh_from_db()
    assert mine.text == "A comment to edit."


@pytest.mark.parametrize("kind", sorted(POISON))
@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/articles/{slug}/comments/", "text"),
        ("/articles/{slug}/comments/", "key"),
        ("/articles/{slug}/comments/", "parent"),
        ("/comments/{theirs}/report/send/", "note"),
        ("/comments/{theirs}/report/send/", "rule"),
        ("/comments/{mine}/edit/save/", "text"),
        ("/accounts/profile/", "display_name"),
        ("/search/?q={value}", None),
        ("/accounts/login/", "login"),
        ("/accounts/signup/", "email"),
        ("/accounts/password/reset/", "email"),
        ("/notifications/newsletter/", "email"),
    ],
)
def test_nul_bytes_and_lone_surrogates_in_every_form_field_are_refused(
    story, signed_in, reader, other_reader, kind, path, field
):
    from urllib.parse import quote

    theirs = factories.comment(story, other_reader, "A comment to report.")
    mine = factories.comment(story, reader, "A comment to edit.")
    value = POISON[kind]
    # A browser can only send a lone surrogate as its CESU-8 bytes (or not at all): percent-encode
    # what Python would refuse to encode.
    encoded = quote(value.encode("utf-8", "surrogatepass"))
    url = path.format(slug=story.slug, theirs=theirs.pk, mine=mine.pk, value=encoded)
    before = stored_rows()
    display_name = reader.display_name
    if field is None:
        response = signed_in.get(url)
    else:
        body = f"{field}={encoded}&text=Fine+words&rule=insults&display_name=Ann"
        body = f"{field}={encoded}&" + "&".join(
            part for part in body.split("&")[1:] if not part.startswith(f"{field}=")
        )
        response = signed_in.generic(
            "POST", url, body.encode(), content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code < 500, (response.status_code, response.content[:300])
    after = stored_rows()
    for table, count in after.items():
        if count != before[table]:
            # Anything stored must be clean text.
            assert kind != "nul"
    for comment in Comment.objects.all():
        assert "\x00" not in comment.text
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in comment.text)
    reader.refresh_from_db()
    assert "\x00" not in reader.display_name
    if kind == "nul" and field is not None:
        assert response.status_code == 400
        assert reader.display_name == display_name


@pytest.mark.parametrize(
    "bad_id", ["0", "-1", "99999999999999999999", "9223372036854775808", "1e3", "abc"]
)
def test_unknown_negative_and_huge_ids_are_a_4xx(story, api_client, signed_in, reader, bad_id):
    before = stored_rows()
    responses = [
        api_client.post(f"/api/comments/{bad_id}/like"),
        api_client.delete(f"/api/comments/{bad_id}"),
        post_json(api_client, f"/api/comments/{bad_id}/reports", {"rule": "insults"}),
        post_json(
            api_client,
            f"/api/articles/{story.slug}/comments",
            {"text": "A reply to nothing.", "parent_id": bad_id},
        ),
        signed_in.post(
            f"/articles/{story.slug}/comments/", {"text": "A reply to nothing.", "parent": bad_id}
        ),
        signed_in.post(f"/comments/{bad_id}/like/"),
        signed_in.get(f"/comments/{bad_id}/reply/"),
        signed_in.get(f"/accounts/avatar/default/{bad_id}.svg"),
        signed_in.get(f"/articles/{story.slug}/comments/new/?after={bad_id}"),
        signed_in.get(f"/articles/{story.slug}/discussion/?after={bad_id}"),
        signed_in.get(f"/search/?q=bridge&page={bad_id}"),
    ]
    for response in responses:
        assert response.status_code < 500, (response.request["PATH_INFO"], response.content[:200])
    assert stored_rows() == before


def test_a_reply_chain_thousands_deep_renders_and_takes_replies(story, reader, api_client):
    parent = None
    for n in range(2_000):
        parent = factories.comment(story, reader, f"Reply number {n}.", parent=parent)
    assert parent is not None
    response = post_json(
        api_client,
        f"/api/articles/{story.slug}/comments",
        {"text": "And one more at the very bottom.", "parent_id": parent.pk},
    )
    assert response.status_code in {200, 201, 400}, response.content[:300]
    assert Client().get(story.get_absolute_url()).status_code == 200
    assert Client().get(f"/api/articles/{story.slug}/comments").status_code == 200
    assert Client().get(f"/articles/{story.slug}/discussion/?sort=oldest").status_code == 200


def test_a_parent_cycle_in_the_database_does_not_hang_or_break_the_page(story, reader):
    first = factories.comment(story, reader, "First of a loop.")
    second = factories.comment(story, reader, "Second of a loop.", parent=first)
    # Only a direct database edit can make a loop; the pages must survive one anyway.
    Comment.objects.filter(pk=first.pk).update(parent=second, root=second, depth=2)
    assert Client().get(story.get_absolute_url()).status_code == 200
    assert Client().get(f"/api/articles/{story.slug}/comments").status_code == 200


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/articles/{slug}/comments/", {"text": "A fine comment.", "key": "k1", "parent": ""}),
        ("/comments/{theirs}/report/send/", {"rule": "insults", "note": "Rude."}),
        ("/comments/{mine}/edit/save/", {"text": "Edited words."}),
        ("/comments/{theirs}/like/", {"on": "1"}),
        ("/accounts/profile/", {"display_name": "Ann Reader"}),
        ("/accounts/delete/", {"password": "wrong", "confirm": "on"}),
        ("/notifications/newsletter/", {"email": "ann@example.org", "section": "1"}),
        ("/accounts/login/", {"login": "reader", "password": "x"}),
        ("/accounts/signup/", {"email": "new@example.org", "password1": "x", "password2": "x"}),
        ("/accounts/password/reset/", {"email": "reader@example.org"}),
    ],
)
def test_every_form_field_missing_or_duplicated_is_never_a_500(
    story, signed_in, reader, other_reader, path, fields
):
    theirs = factories.comment(story, other_reader, "A comment to report.")
    mine = factories.comment(story, reader, "A comment to edit.")
    url = path.format(slug=story.slug, theirs=theirs.pk, mine=mine.pk)
    variants: list[dict[str, object]] = [{}]
    for name in fields:
        variants.append({k: v for k, v in fields.items() if k != name})
        variants.append({**fields, name: [fields[name], "second value"]})
        variants.append({**fields, name: ["", ""]})
    for data in variants:
        response = signed_in.post(url, data)
        assert response.status_code < 500, (url, data, response.content[:300])


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",  # no boundary
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=" + "b" * 300,
    ],
)
def test_a_malformed_form_encoding_is_a_400(story, signed_in, content_type):
    before = stored_rows()
    response = signed_in.generic(
        "POST", f"/articles/{story.slug}/comments/", b"text=hello", content_type=content_type
    )
    assert 400 <= response.status_code < 500, response.status_code
    assert stored_rows() == before
