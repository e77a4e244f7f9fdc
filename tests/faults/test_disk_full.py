"""A disk that fills up during an upload leaves no partial file and answers clearly."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


class _FullDisk(io.BufferedWriter):
    """Writes half of what it is given, then fails the way a full disk does."""

    def write(self, data) -> int:
        super().write(bytes(data)[: len(data) // 2])
        self.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _full_disk_fdopen(fd: int, mode: str = "rb", *args, **kwargs):
    return _FullDisk(io.FileIO(fd, "wb"))


def _files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_storage_write_that_runs_out_of_space_leaves_no_partial_file(settings):
    with (
        mock.patch("django.core.files.storage.filesystem.os.fdopen", _full_disk_fdopen),
        pytest.raises(OSError, match="No space left"),
    ):
        default_storage.save("uploads/big.bin", ContentFile(b"x" * 100_000))
    assert _files_under(Path(settings.MEDIA_ROOT)) == []


def test_an_avatar_upload_on_a_full_disk_is_a_clear_503_and_keeps_the_old_picture(reader, settings):
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    with mock.patch("django.core.files.storage.filesystem.os.fdopen", _full_disk_fdopen):
        response = client.post("/accounts/avatar/", {"avatar": ContentFile(_png(), name="me.png")})
    assert response.status_code == 503
    assert b"could not store your picture" in response.content
    reader.refresh_from_db()
    assert not reader.avatar
    assert _files_under(Path(settings.MEDIA_ROOT)) == []
    # With space again, the same upload works.
    response = client.post("/accounts/avatar/", {"avatar": ContentFile(_png(), name="me.png")})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.avatar
