"""A moderator works the queue from the keyboard; a blocked reader appeals and is let back in."""

from __future__ import annotations

import time

import pytest
from django.conf import settings as django_settings
from django.test import Client

from masthead.discussion.models import Comment
from masthead.moderation import services
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(browser, live_server):
    """Pages signed in as a user (a copied session cookie); closed after the test, so their
    polling stops with it."""
    contexts = []
    errors: list[str] = []

    def open_page(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        contexts.append(context)
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
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_default_timeout(10_000)
        return page

    open_page.errors = errors  # type: ignore[attr-defined]
    yield open_page
    for context in contexts:
        context.close()


def held(article, author, text, risk):
    return factories.comment(article, author, text, status=Comment.Status.HELD, risk=risk)


def test_a_moderator_works_the_queue_and_an_appeal(
    signed_in, moderator, reader, other_reader, settings
):
    settings.MODERATION_POLL_SECONDS = 1
    story = factories.article(headline="Ferry timetable changes for the winter", slug="ferry")
    calm = [
        held(story, other_reader, f"The earlier sailing suits commuters better, point {n}.", 0.5)
        for n in range(6)
    ]
    rude = held(story, reader, "Whoever planned this timetable is a clown.", 0.9)
    calm.sort(key=lambda c: -c.pk)  # the queue's order: equal risk, newest first
    page = signed_in(moderator)
    page.goto("/moderation/?show=held")
    page.wait_for_selector(f"#q-{rude.pk}.current")

    # The riskiest first: reject it with a rule from the keyboard.
    page.keyboard.press("r")
    page.locator(f"#q-{rude.pk} [data-rule]").select_option("insults")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#q-{rude.pk}.gone")
    assert Comment.objects.get(pk=rude.pk).status == Comment.Status.REJECTED

    # Then approve the rest with j/k/a, timing the decisions.
    started = time.perf_counter()
    page.keyboard.press("k")
    for comment in calm[:3]:
        page.keyboard.press("a")
        page.wait_for_selector(f"#q-{comment.pk}.gone")
    # Two at once: select with x, approve both.
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("a")
    page.wait_for_selector(f"#q-{calm[3].pk}.gone")
    page.wait_for_selector(f"#q-{calm[4].pk}.gone")
    seconds = time.perf_counter() - started
    print(f"\nkeyboard decisions per minute in the browser: {5 / seconds * 60:.0f}")
    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 5

    # Another moderator decides the last one: this queue learns of it without a reload.
    services.decide(moderator, calm[5], "approve")
    page.wait_for_selector(f"#q-{calm[5].pk}.gone")
    assert "Already decided by moderator" in page.inner_text(f"#q-{calm[5].pk}")

    # The author is told which rule, on their next visit.
    author = signed_in(reader)
    author.goto("/")
    assert "Insults and threats" in author.inner_text(".messages")

    # Block the author from the queue: b, the reason, Enter.
    page.goto("/moderation/?show=all")
    extra = held(story, reader, "Still a clown, whoever it was.", 0.95)
    page.goto("/moderation/")
    page.wait_for_selector(f"#q-{extra.pk}.current")
    page.keyboard.press("b")
    page.keyboard.type("Insults aimed at the newsroom after a warning.")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#q-{extra.pk} >> text=reader is blocked.")
    assert services.active_block(reader) is not None

    # The author reads the notice, and asks for the block to be lifted.
    author.goto("/moderation/appeal/")
    assert author.input_value("#appeal-subject") == "Restore access to my account"
    assert author.inner_text("[data-user-id]") == str(reader.pk)
    author.fill(
        "#appeal-explanation",
        "I called the planner a clown twice. That was rude; I will argue about timetables only.",
    )
    author.get_by_role("button", name="Send to the moderators").click()
    author.wait_for_selector("text=Your request is sent to the moderators.")

    # The moderator grants it.
    page.goto("/moderation/appeals/")
    page.get_by_role("button", name="Grant (lift the block)").click()
    page.wait_for_selector("text=Request granted")
    assert services.active_block(reader) is None
    author.goto("/")
    assert "granted your request" in author.inner_text(".messages")

    # A second block is permanent: the appeal form is closed.
    services.block(moderator, reader, "Insults again the next day.", "insults")
    author.goto("/moderation/appeal/")
    assert "cannot be appealed" in author.inner_text("[data-appeal-closed]")
    assert author.locator("#appeal-explanation").count() == 0
    assert signed_in.errors == []
