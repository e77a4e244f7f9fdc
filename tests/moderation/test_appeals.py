"""A blocked reader asks for the block to be lifted; moderators grant or refuse."""

from __future__ import annotations

import pytest

from masthead.moderation import services
from masthead.moderation.models import Appeal

from .conftest import client_for

pytestmark = pytest.mark.django_db

EXPLANATION = "I insulted two readers after the bridge story. It was wrong and will not recur."


def test_the_form_has_the_subject_prefilled_and_shows_the_user_id(blocked_reader):
    html = client_for(blocked_reader).get("/moderation/appeal/").content.decode()
    assert 'value="Restore access to my account"' in html
    assert f"<b data-user-id>{blocked_reader.pk}</b>" in html
    assert "Insulted other readers" in html


def test_a_reader_sends_an_appeal_and_moderators_see_it(blocked_reader, moderator):
    response = client_for(blocked_reader).post(
        "/moderation/appeal/",
        {"subject": "Restore access to my account", "explanation": EXPLANATION},
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.status == "pending"
    assert appeal.explanation == EXPLANATION
    page = client_for(moderator).get("/moderation/appeals/").content.decode()
    assert EXPLANATION in page
    assert (
        "1 request to lift a block is waiting."
        in client_for(moderator).get("/moderation/").content.decode()
    )
    again = client_for(blocked_reader).get("/moderation/appeal/").content.decode()
    assert "with the moderators" in again


def test_granting_lifts_the_block_and_tells_the_reader(blocked_reader, moderator, story):
    appeal = services.submit_appeal(blocked_reader, EXPLANATION)
    response = client_for(moderator).post(
        f"/moderation/appeals/{appeal.pk}/", {"grant": "1", "answer": "Welcome back."}
    )
    assert response.status_code == 302
    assert services.active_block(blocked_reader) is None
    html = client_for(blocked_reader).get(story.get_absolute_url()).content.decode()
    assert "granted your request" in html
    assert "Welcome back." in html


def test_refusing_keeps_the_block_and_tells_the_reader(blocked_reader, moderator, story):
    appeal = services.submit_appeal(blocked_reader, EXPLANATION)
    services.decide_appeal(moderator, appeal, False, "Too soon.")
    assert services.active_block(blocked_reader) is not None
    html = client_for(blocked_reader).get(story.get_absolute_url()).content.decode()
    assert "refused your request" in html


def test_an_appeal_is_answered_once(blocked_reader, moderator, senior_moderator):
    appeal = services.submit_appeal(blocked_reader, EXPLANATION)
    stale = Appeal.objects.get(pk=appeal.pk)
    services.decide_appeal(moderator, appeal, True)
    with pytest.raises(services.AlreadyDecided, match="already answered by moderator"):
        services.decide_appeal(senior_moderator, stale, False)


def test_after_a_second_block_the_form_is_closed(blocked_reader, moderator):
    services.lift_block(moderator, blocked_reader)
    services.block(moderator, blocked_reader, "Insults again.")
    client = client_for(blocked_reader)
    html = client.get("/moderation/appeal/").content.decode()
    assert "data-appeal-closed" in html
    assert "cannot be appealed" in html
    assert "<textarea" not in html
    response = client.post("/moderation/appeal/", {"explanation": EXPLANATION})
    assert response.status_code == 400
    assert not Appeal.objects.exists()


def test_a_reader_who_is_not_blocked_has_nothing_to_appeal(reader):
    html = client_for(reader).get("/moderation/appeal/").content.decode()
    assert "not blocked" in html


def test_bad_appeal_input_is_refused_with_a_reason(blocked_reader):
    client = client_for(blocked_reader)
    short = client.post("/moderation/appeal/", {"explanation": "sorry"})
    assert short.status_code == 400
    assert b"at least 20 characters" in short.content
    nul = client.post("/moderation/appeal/", {"explanation": EXPLANATION, "subject": "a" * 300})
    assert nul.status_code == 400
    assert not Appeal.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/moderation/appeal/").status_code == 302


def test_answering_needs_a_choice(blocked_reader, moderator):
    appeal = services.submit_appeal(blocked_reader, EXPLANATION)
    response = client_for(moderator).post(f"/moderation/appeals/{appeal.pk}/", {"grant": "maybe"})
    assert response.status_code == 400
