"""Output and files: reader-controlled text is inert in every page that shows it, images are
re-encoded or refused, and every main page keeps to a strict Content-Security-Policy."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from masthead.accounts import avatars, services
from tests import factories
from tests.security.xss import DANGEROUS_TAGS, XSS_PAYLOADS, active_content

pytestmark = pytest.mark.django_db


def png_bytes(size: tuple[int, int] = (300, 300)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _assert_inert(html: str, *, where: str) -> None:
    found = active_content(html)
    assert found.problems == [], (where, found.problems)
    tags = {tag for tag, _attrs in found.tags}
    assert not (tags & DANGEROUS_TAGS), (where, tags & DANGEROUS_TAGS)


# --- Reader-controlled text -------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_comment_is_inert_in_every_page_and_fragment_that_shows_it(
    story, reader, other_reader, payload
):
    from masthead.discussion import live

    comment = factories.comment(story, other_reader, payload)
    reply = factories.comment(story, other_reader, payload, parent=comment)
    live.announce(story.pk, reply.pk)  # so the live-update endpoint has something to send
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(reader)
    pages = {
        "article": anonymous.get(story.get_absolute_url()),
        "article, signed in": signed_in.get(story.get_absolute_url()),
        "discussion page": anonymous.get(f"/articles/{story.slug}/discussion/"),
        "discussion fragment": anonymous.get(
            f"/articles/{story.slug}/discussion/", HTTP_X_REQUESTED_WITH="fetch"
        ),
        "reply form": signed_in.get(f"/comments/{comment.pk}/reply/"),
        "report form": signed_in.get(f"/comments/{comment.pk}/report/"),
    }
    for where, response in pages.items():
        assert response.status_code == 200, where
        _assert_inert(response.content.decode(), where=where)
    fresh = anonymous.get(f"/articles/{story.slug}/comments/new/?after=0").json()
    _assert_inert(fresh["html"], where="live update")
    # The JSON API returns the text as data; a client must escape it, and the content type
    # says JSON, so a browser never renders it as HTML.
    api = anonymous.get(f"/api/articles/{story.slug}/comments")
    assert api["Content-Type"].startswith("application/json")
    assert api["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_display_name_is_inert_wherever_it_is_shown(story, other_reader, payload):
    other_reader.display_name = payload[:60]
    other_reader.save(update_fields=["display_name"])
    comment = factories.comment(story, other_reader, "A plain comment.")
    factories.comment(story, other_reader, "A plain reply.", parent=comment)
    me = Client()
    me.force_login(other_reader)
    for where, response in {
        "article": Client().get(story.get_absolute_url()),
        "profile": me.get("/accounts/profile/"),
        "default avatar": Client().get(f"/accounts/avatar/default/{other_reader.pk}.svg"),
    }.items():
        assert response.status_code == 200, where
        if where == "default avatar":
            # An SVG served as our own: only the initials, escaped, and a CSP of its own.
            assert b"<script" not in response.content.lower()
            assert "default-src 'none'" in response["Content-Security-Policy"]
            continue
        _assert_inert(response.content.decode(), where=where)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_search_query_is_inert_in_the_results_page(story, payload):
    response = Client().get("/search/", {"q": payload})
    assert response.status_code in {200, 400}
    _assert_inert(response.content.decode(), where="search")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_report_note_and_an_appeal_text_are_inert_in_the_moderation_workspace(
    story, reader, other_reader, blocked_reader, moderator, payload
):
    """What readers write to moderators (a report's note, an appeal's subject and text) is shown
    in the workspace: the queue, the appeals page and the reader's record."""
    from masthead.discussion import services as discussion
    from masthead.moderation import services as moderation

    theirs = factories.comment(story, other_reader, "A comment worth reporting, about the bridge.")
    report = discussion.report_comment(
        user=reader, comment=theirs, rule="insults", note=payload[:500]
    )
    assert report.note == payload[:500]  # stored as given, escaped where shown
    appeal = moderation.submit_appeal(
        blocked_reader, f"I was blocked unfairly. {payload}"[:4000], subject=payload[:200]
    )
    staff = Client()
    staff.force_login(moderator)
    pages = {
        "queue": staff.get("/moderation/?show=reported"),
        "queue (all)": staff.get("/moderation/"),
        "appeals": staff.get("/moderation/appeals/"),
        "reader's record": staff.get(f"/moderation/readers/{blocked_reader.pk}/"),
    }
    for where, response in pages.items():
        assert response.status_code == 200, where
        _assert_inert(response.content.decode(), where=where)
    shown = pages["queue"].content.decode() + pages["queue (all)"].content.decode()
    assert "A comment worth reporting" in shown  # the reported comment is on the page
    assert str(appeal.pk) in pages["appeals"].content.decode()


# --- Images -------------------------------------------------------------------------------


def _upload(data: bytes, name: str = "me.png"):
    return ContentFile(data, name=name)


POLYGLOTS = {
    "html in a tEXt chunk": lambda: (
        png_bytes()[:-12]
        + _chunk(b"tEXt", b"Comment\x00<html><script>alert(1)</script></html>")
        + png_bytes()[-12:]
    ),
    "payload appended after IEND": lambda: png_bytes() + b"<script>alert(1)</script>",
    "php appended": lambda: png_bytes() + b"<?php system($_GET['c']); ?>",
    "svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "svg with xml prolog": lambda: (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    ),
    "html named .png": lambda: b"<!doctype html><html><script>alert(1)</script></html>",
    "gif with a javascript url comment": lambda: b"GIF89a" + b"\x00" * 20 + b"javascript:alert(1)",
}


@pytest.mark.parametrize("kind", sorted(POLYGLOTS))
def test_a_polyglot_or_svg_avatar_is_refused_with_a_message(reader, kind):
    client = Client()
    client.force_login(reader)
    response = client.post("/accounts/avatar/", {"avatar": _upload(POLYGLOTS[kind]())})
    assert response.status_code == 400
    reader.refresh_from_db()
    assert not reader.avatar


def _pixel_flood(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge canvas (a few hundred bytes, gigapixels)."""
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    idat = _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return header + ihdr + idat + _chunk(b"IEND", b"")


def _decompression_bomb() -> bytes:
    """A real, valid image of 6,000 × 6,000 pixels that compresses to a few dozen kilobytes."""
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000), 0).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda: _pixel_flood(100_000, 100_000),
        lambda: _pixel_flood(65_535, 65_535),
        lambda: _pixel_flood(1, 2**31 - 1),
        _decompression_bomb,
    ],
    ids=["flood-10gpx", "flood-4gpx", "flood-tall", "bomb-36mpx"],
)
def test_a_pixel_flood_or_decompression_bomb_is_refused_before_it_is_decoded(reader, make):
    data = make()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(avatars.AvatarError, match=r"too many pixels|not a picture"):
        avatars.normalise(io.BytesIO(data))


def test_exif_and_text_metadata_are_stripped_from_an_avatar(reader):
    source = Image.new("RGB", (400, 300), "orange")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x010E] = "Taken at 51.5007 N, 0.1246 W"  # ImageDescription, a location in words
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", exif=exif.tobytes())
    assert b"SecretCam" in buffer.getvalue()
    assert b"51.5007" in buffer.getvalue()
    services.set_avatar(reader, _upload(buffer.getvalue(), "me.jpg"))
    reader.refresh_from_db()
    with reader.avatar.open("rb") as handle:
        stored = handle.read()
    assert b"SecretCam" not in stored
    assert b"51.5007" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG"
        assert not image.getexif()
        assert not {"exif", "XML:com.adobe.xmp", "comment"} & set(image.info)


# --- Content-Security-Policy ------------------------------------------------------------------

PUBLIC_PAGES = [
    "/",
    "/news/",
    "/recommended/",
    "/trending/",
    "/multimedia/",
    "/search/?q=bridge",
    "/search/?q=",
    "/community-standards/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
READER_PAGES = [
    "/accounts/profile/",
    "/accounts/delete/",
    "/accounts/export/",
    "/notifications/preferences/",
    "/accounts/email/",
    "/accounts/password/change/",
]


def _story_pages(story, comment) -> list[str]:
    return [
        story.get_absolute_url(),
        f"/articles/{story.slug}/discussion/",
        f"/sections/{story.section.slug}/",
        f"/comments/{comment.pk}/reply/",
        f"/comments/{comment.pk}/report/",
        f"/comments/{comment.pk}/edit/",
    ]


def test_every_main_page_has_a_strict_csp_and_no_inline_script_or_style(story, reader):
    comment = factories.comment(story, reader, "A comment with https://example.org/ a link.")
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(reader)
    checked = 0
    for client, paths in [
        (anonymous, PUBLIC_PAGES + _story_pages(story, comment)),
        (signed_in, PUBLIC_PAGES[:6] + READER_PAGES + _story_pages(story, comment)),
    ]:
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code in {200, 400, 403}, (path, response.status_code)
            if not response["Content-Type"].startswith("text/html"):
                continue
            policy = response["Content-Security-Policy"]
            directives = dict(
                ([*part.strip().split(" ", 1), ""])[:2]
                for part in policy.split(";")
                if part.strip()
            )
            assert "'unsafe-inline'" not in directives.get("script-src", "'unsafe-inline'"), path
            assert "'unsafe-eval'" not in policy, path
            assert directives.get("object-src") == "'none'", path
            assert directives.get("frame-ancestors") == "'none'", path
            _assert_inert(response.content.decode(), where=path)
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize(
    "make",
    [
        lambda: _pixel_flood(100_000, 100_000),
        lambda: _pixel_flood(1, 2**31 - 1),
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        lambda: b"<!doctype html><script>alert(1)</script>",
    ],
    ids=["flood-10gpx", "flood-tall", "svg", "html"],
)
def test_a_newsroom_photo_upload_refuses_floods_svg_and_html(make):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from masthead.newsroom.photos import validate_photo_upload

    with pytest.raises(ValidationError):
        validate_photo_upload(SimpleUploadedFile("photo.png", make()))
