import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_listen_live_is_hidden_without_a_stream(client, article):
    assert "Listen Live" not in client.get(article.get_absolute_url()).text


def test_listen_live_plays_the_configured_stream(client, article, settings):
    settings.RADIO_STREAM_URL = "https://radio.example.org/live.mp3"
    page = client.get(article.get_absolute_url()).text
    assert "Listen Live" in page
    assert '<audio controls preload="none" src="https://radio.example.org/live.mp3">' in page


def test_the_header_has_log_in_the_clock_and_search(client):
    page = client.get("/").text
    assert "data-clock" in page
    assert " GMT" in page
    assert 'role="search"' in page
    assert "Log in" in page


def test_a_server_error_shows_the_styled_500_page(settings, monkeypatch):
    from masthead.newsroom import views

    def broken(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "all_news", broken)
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
