import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from masthead.newsroom.models import Article, Photo
from masthead.newsroom.roles import EDITOR_PERMISSIONS
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_editors_group_has_exactly_the_desk_permissions():
    group = Group.objects.get(name="Editors")
    granted = {p.codename for p in group.permissions.all()}
    expected = {f"{a}_{m}" for m, actions in EDITOR_PERMISSIONS.items() for a in actions}
    assert granted == expected
    assert "delete_section" not in granted
    assert not any(p.content_type.app_label == "auth" for p in group.permissions.all())


def test_an_editor_can_open_the_desk_but_not_user_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/newsroom/article/").status_code == 200
    assert client.get("/admin/newsroom/article/add/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 403


def test_an_editor_writes_and_publishes_an_article_with_blocks(client, editor):
    section = factories.section()
    client.force_login(editor)
    data = {
        "headline": "Ferry service resumes",
        "slug": "ferry-service-resumes",
        "standfirst": "Boats run again.",
        "section": section.pk,
        "dateline": "PORT",
        "language": "en",
        "status": "published",
        "published_at_0": "2020-12-01",
        "published_at_1": "10:00:00",
        "comments_open": "on",
        "blocks-TOTAL_FORMS": "2",
        "blocks-INITIAL_FORMS": "0",
        "blocks-0-position": "0",
        "blocks-0-kind": "paragraph",
        "blocks-0-text": "The first boat left <script>alert(1)</script>at <b>six</b>.",
        "blocks-1-position": "1",
        "blocks-1-kind": "subhead",
        "blocks-1-text": "Timetable",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-position": "0",
        "links-0-title": "Operator",
        "links-0-url": "https://example.org/ferry",
    }
    response = client.post("/admin/newsroom/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="ferry-service-resumes")
    assert article in Article.objects.published()
    paragraph = article.blocks.get(position=0)
    assert "<script" not in paragraph.text
    assert "<b>six</b>" in paragraph.text
    page = client.get(article.get_absolute_url()).text
    assert "Timetable" in page


def test_an_article_cannot_be_published_without_a_time(client, editor):
    section = factories.section()
    client.force_login(editor)
    response = client.post(
        "/admin/newsroom/article/add/",
        {
            "headline": "No time",
            "slug": "no-time",
            "section": section.pk,
            "language": "en",
            "status": "published",
            "blocks-TOTAL_FORMS": "0",
            "blocks-INITIAL_FORMS": "0",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Give a publication time" in response.text
    assert not Article.objects.filter(slug="no-time").exists()


def test_a_photo_needs_a_credit_and_gets_renditions(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("pic.jpg", factories.jpeg_bytes((1600, 900)), "image/jpeg")
    response = client.post("/admin/newsroom/photo/add/", {"image": upload, "alt_text": "A pier"})
    assert response.status_code == 200
    assert not Photo.objects.exists()
    upload.seek(0)
    response = client.post(
        "/admin/newsroom/photo/add/",
        {
            "image": upload,
            "alt_text": "A pier",
            "credit": "Sam Shore / Masthead",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert [r["width"] for r in photo.renditions] == [480, 800, 1200]
    assert (photo.width, photo.height) == (1600, 900)


def test_a_photo_upload_that_is_not_a_picture_is_refused(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile("pic.jpg", b"<svg onload=alert(1)></svg>", "image/jpeg")
    response = client.post(
        "/admin/newsroom/photo/add/",
        {
            "image": fake,
            "alt_text": "x",
            "credit": "y",
        },
    )
    assert response.status_code == 200
    assert not Photo.objects.exists()


def test_editors_preview_drafts(client, editor):
    draft = factories.article(headline="Unfinished piece", status="draft")
    client.force_login(editor)
    response = client.get(f"/admin/newsroom/article/{draft.pk}/preview/")
    assert response.status_code == 200
    assert "Unfinished piece" in response.text
    assert "Preview" in response.text


def test_the_publish_action_publishes_selected_drafts(client, editor):
    draft = factories.article(status="draft")
    client.force_login(editor)
    response = client.post(
        "/admin/newsroom/article/",
        {
            "action": "publish_now",
            "_selected_action": [draft.pk],
        },
    )
    assert response.status_code == 302
    assert draft in Article.objects.published()
