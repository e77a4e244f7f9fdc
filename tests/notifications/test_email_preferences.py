"""A signed-in reader chooses e-mail for replies and moderators' decisions (off by default)."""

from __future__ import annotations

from masthead.notifications.models import NotificationPreference

URL = "/notifications/preferences/"


def test_the_page_needs_a_signed_in_reader(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_reader_turns_email_on_and_off(client, reader):
    client.force_login(reader)
    page = client.get(URL).content.decode()
    assert 'name="replies"' in page
    assert "checked" not in page

    response = client.post(URL, {"replies": "on"}, follow=True)
    assert "saved" in response.content.decode()
    preference = NotificationPreference.objects.get(user=reader)
    assert (preference.email_replies, preference.email_decisions) == (True, False)

    client.post(URL, {"decisions": "on"})
    preference.refresh_from_db()
    assert (preference.email_replies, preference.email_decisions) == (False, True)
