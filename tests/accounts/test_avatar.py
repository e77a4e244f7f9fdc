from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


def _upload(client, name: str, data: bytes, content_type: str = "image/jpeg"):
    return client.post(
        reverse("accounts:avatar_upload"),
        {"avatar": SimpleUploadedFile(name, data, content_type)},
    )


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (800, 600), "tomato")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x9286] = "where I live"  # UserComment
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_an_uploaded_picture_is_re_encoded_as_a_square_without_metadata(client, verified_reader):
    client.force_login(verified_reader)
    response = _upload(client, "me.jpg", _jpeg_with_exif())
    assert response.status_code == 302
    verified_reader.refresh_from_db()
    stored = verified_reader.avatar.read()
    assert b"SecretCam" not in stored
    assert b"where I live" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG"
        assert image.size == (256, 256)
        assert not image.getexif()
    assert "me.jpg" not in verified_reader.avatar.name


def test_replacing_the_picture_removes_the_old_file(client, verified_reader):
    client.force_login(verified_reader)
    _upload(client, "a.jpg", jpeg_bytes())
    verified_reader.refresh_from_db()
    old = verified_reader.avatar.path
    _upload(client, "b.jpg", jpeg_bytes(color="navy"))
    import os

    assert not os.path.exists(old)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"just some text, not a picture", "not a picture we can read"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG pictures are not accepted",
        ),
        (
            "polyglot.jpg",
            jpeg_bytes() + b"<script>alert(1)</script>",
            "something other than a picture",
        ),
        ("page.gif", b"GIF89a<html><body>hi</body></html>", "something other than a picture"),
        ("empty.png", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(client, verified_reader, name, data, message):
    client.force_login(verified_reader)
    response = _upload(client, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    verified_reader.refresh_from_db()
    assert not verified_reader.avatar


def test_oversized_files_are_refused(client, verified_reader, settings):
    settings.AVATAR_MAX_UPLOAD_BYTES = 10_000
    client.force_login(verified_reader)
    response = _upload(client, "big.jpg", jpeg_bytes((2000, 2000), "white") + b"\0" * 20_000)
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_decompression_bombs_are_refused(client, verified_reader):
    # A small PNG that declares 20000 x 20000 pixels.
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 2_000_000
    client.force_login(verified_reader)
    response = _upload(client, "bomb.png", buffer.getvalue(), "image/png")
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()


def test_a_reader_without_a_picture_gets_generated_initials(client, verified_reader):
    response = client.get(verified_reader.avatar_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert ">VV<" in body
    assert "<script" not in body
    # The colour is stable for a given reader.
    assert client.get(verified_reader.avatar_url).content == response.content


def test_the_display_name_can_be_changed_and_not_blanked(client, verified_reader):
    client.force_login(verified_reader)
    assert (
        client.post(reverse("accounts:profile"), {"display_name": "  V.  V. "}).status_code == 302
    )
    verified_reader.refresh_from_db()
    assert verified_reader.display_name == "V. V."
    assert client.post(reverse("accounts:profile"), {"display_name": "   "}).status_code == 400


def test_the_picture_can_be_removed(client, verified_reader):
    client.force_login(verified_reader)
    _upload(client, "a.jpg", jpeg_bytes())
    client.post(reverse("accounts:avatar_remove"))
    verified_reader.refresh_from_db()
    assert not verified_reader.avatar
