import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from masthead.newsroom.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_SLUG = "russia-offers-us-covid-cooperation-and-vaccine"


@pytest.fixture
def demo_site(settings, tmp_path):
    settings.DEBUG = False
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Article.objects.get(slug=DEMO_SLUG)


def test_a_reader_reads_copies_the_short_link_follows_it_and_searches(page, demo_site):
    page.goto(f"/articles/{DEMO_SLUG}/")
    assert page.locator("h1").inner_text() == demo_site.headline

    clock = page.locator("[data-clock]")
    first = clock.get_attribute("datetime")
    expect(clock).not_to_have_attribute("datetime", first or "", timeout=5000)
    assert re.fullmatch(r"\d\d:\d\d GMT", page.locator(".clock-time").inner_text())

    page.get_by_role("button", name="Copy").click()
    expect(page.locator("[data-copy]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(demo_site.get_short_url())

    page.goto(demo_site.get_short_url())
    assert page.url.endswith(demo_site.get_absolute_url())

    page.get_by_role("searchbox").first.fill("vaccine freezers")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-results li")
    assert results.count() >= 1
    assert page.locator(".search-results mark").count() >= 1


def test_the_article_page_runs_under_the_content_security_policy(page, demo_site):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    response = page.goto(f"/articles/{DEMO_SLUG}/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_timeout(300)
    assert violations == []
