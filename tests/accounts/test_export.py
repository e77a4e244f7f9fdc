from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from masthead.accounts import lifecycle, services
from masthead.accounts.models import Consent, DataExport
from tests.accounts.helpers import link_in, path_of
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_hook():
    # Its own name: replacing the real "discussion" hooks would leak into later tests.
    lifecycle.register("probe_export", export=lambda user: {"comments": [{"text": "First!"}]})
    yield
    lifecycle.unregister("probe_export")


def test_a_reader_gets_a_zip_of_everything_by_a_mailed_link(
    client,
    verified_reader,
    privacy_policy,
    smtp_sink,
    export_hook,
    django_capture_on_commit_callbacks,
):
    services.record_consent(verified_reader, method=Consent.Method.SIGNUP)
    services.set_avatar(verified_reader, SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"))
    client.force_login(verified_reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:export"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=verified_reader)
    assert export.status == DataExport.Status.READY
    name = str(export.file.name)
    assert name.startswith("exports/")
    assert len(name.split("/")[1]) >= 32

    [message] = smtp_sink.wait_for(verified_reader.email)
    link = link_in(smtp_sink.text(message), "/accounts/export/")
    download = client.get(path_of(link))
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["email"] == verified_reader.email
    assert data["profile"]["display_name"] == "Vera Verified"
    assert data["consents"][0]["policy_version"] == privacy_policy.version
    assert data["other"]["probe_export"] == {"comments": [{"text": "First!"}]}
    assert any(e["action"] == "export_requested" for e in data["account_history"])
    assert archive.read("avatar.png").startswith(b"\x89PNG")


def test_the_link_serves_only_its_owner(client, verified_reader, other_verified_reader):
    export = services.request_data_export(verified_reader)
    services.build_data_export(export.pk)
    link = services.export_link(export).url
    assert client.get(path_of(link)).status_code == 302  # log in first
    client.force_login(other_verified_reader)
    assert client.get(path_of(link)).status_code == 404


def test_the_link_expires(client, verified_reader):
    export = services.request_data_export(verified_reader)
    services.build_data_export(export.pk)
    link = services.export_link(export).url
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(verified_reader)
    assert client.get(path_of(link)).status_code == 404
    assert client.get(reverse("accounts:export_download", args=["forged"])).status_code == 404


def test_expired_exports_are_deleted_with_their_files(verified_reader):
    export = services.build_data_export(services.request_data_export(verified_reader).pk)
    assert export is not None
    path = export.file.path
    assert services.delete_expired_exports(now=timezone.now() + timedelta(days=8)) == 1
    import os

    assert not os.path.exists(path)
