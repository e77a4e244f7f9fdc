"""The service worker is served from the site root, with the scope header and no long caching."""

from __future__ import annotations


def test_it_serves_the_service_worker_at_the_root(client, db):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache, max-age=0"
    body = response.content.decode()
    assert 'addEventListener("push"' in body
    assert "showNotification" in body
    assert "openWindow" in body
    assert client.head("/sw.js").status_code == 200
    assert client.post("/sw.js").status_code == 405


def test_every_page_carries_the_prompt_and_its_script(client, vapid_keys, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert "data-push-prompt" in html
    assert f'data-public-key="{vapid_keys}"' in html
    assert "notifications/push.js" in html
    assert 'data-push-topic="section:' in html
