import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from masthead.discussion.models import Comment
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(db):
    return factories.article(
        headline="Harbour bridge reopens after eight months of repairs",
        body=[
            "The council reopened the old harbour bridge after replacing cables and deck.",
            "Residents had complained about long detours while the bridge was closed.",
        ],
        slug="harbour-bridge",
    )


def signed_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_readers_discuss_live(browser, live_server, story, reader, other_reader, settings):
    settings.DISCUSSION_POLL_SECONDS = 2
    first = signed_in(browser, live_server, reader)
    second = signed_in(browser, live_server, other_reader)
    first.goto(f"/articles/{story.slug}/")
    second.goto(f"/articles/{story.slug}/")

    first.fill("#comment-text", "Glad the bridge is open again, the detour was long.")
    first.get_by_role("button", name="Post comment").click()
    first.wait_for_selector("text=Glad the bridge is open again")
    comment = Comment.objects.get()

    # The second reader's page learns of it without a reload, behind a button.
    button = second.locator("[data-new-comments]")
    button.wait_for(state="visible")
    assert "1 new comment" in button.inner_text()
    button.click()
    second.wait_for_selector(f"#comment-{comment.pk}")

    # A reply nests under the comment.
    second.locator(f"#comment-{comment.pk} [data-reply]").click()
    second.fill(f"#comment-text-{comment.pk}", "The new cables should last fifty years.")
    second.locator(f"#comment-{comment.pk} form[data-comment-form] button[type=submit]").click()
    second.wait_for_selector(f"#comment-{comment.pk} .replies >> text=should last fifty years")

    # An edit shows "edited".
    first.goto(f"/comments/{comment.pk}/edit/")
    first.fill("#edit-text", "Glad the bridge is open again; the detour took twenty minutes.")
    first.get_by_role("button", name="Save").click()
    first.wait_for_url(re.compile(r"/articles/harbour-bridge/"))
    assert first.locator(f"#comment-{comment.pk} .edited").is_visible()


def test_a_comment_in_another_language_is_rejected_with_the_rule_named(
    browser, live_server, story, reader
):
    page = signed_in(browser, live_server, reader)
    page.goto(f"/articles/{story.slug}/")
    page.fill(
        "#comment-text",
        "Este puente es una vergüenza y los políticos siempre roban el "
        "dinero de las obras públicas en nuestra ciudad.",
    )
    page.get_by_role("button", name="Post comment").click()
    status = page.locator("[data-form-status]")
    expect(status).to_contain_text("not published")
    assert "language" in status.inner_text().lower()


def test_a_hostile_comment_renders_as_inert_text(browser, live_server, story, reader):
    factories.comment(
        story,
        reader,
        text='<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
        " javascript:window.pwned=3 \u202eevil",
    )
    page = signed_in(browser, live_server, reader)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"/articles/{story.slug}/")
    page.wait_for_selector("text=window.pwned=2")
    assert page.evaluate("window.pwned") is None
    assert page.locator("section.discussion img").count() == 0
    assert dialogs == []
