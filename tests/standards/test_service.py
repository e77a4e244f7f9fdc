"""The site's entry point: settings, the policy table and the shared cache store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings

from masthead.standards import Action
from masthead.standards.service import review_comment

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_it_remembers_recent_comments_in_the_shared_cache() -> None:
    text = "Everyone should read the treaty before commenting on it."
    first = review_comment(text, author_id=42, now=NOW)
    second = review_comment(text, author_id=42, now=NOW + timedelta(minutes=1))
    assert first.action is Action.PUBLISH
    assert "flooding" in second.rules


@override_settings(SITE_NAME="The Daily Bugle")
def test_it_takes_the_site_name_from_settings() -> None:
    verdict = review_comment("The Daily Bugle is run by morons", author_id=1, now=NOW)
    assert "disrespect_site" in verdict.rules


@override_settings(SITE_LANGUAGE="ru")
def test_it_takes_the_site_language_from_settings() -> None:
    text = "This is an ordinary comment about the vaccine and the government's policy."
    assert "language" in review_comment(text, now=NOW).rules


def test_it_passes_the_article_for_the_off_topic_check() -> None:
    verdict = review_comment(
        "My favourite football team lost again on Sunday because the goalkeeper kept "
        "dropping easy crosses and the manager refuses to change tactics at all.",
        article_title="Parliament passes the budget",
        article_text="Members of parliament voted on the budget, taxes and public spending.",
        now=NOW,
    )
    assert verdict.rules == ["off_topic"]


def test_warm_up_loads_the_engine_without_the_database_or_the_cache(settings):
    """A web process calls it as it starts (masthead/wsgi.py); it must not need the database."""
    from masthead.standards import service

    service.reset()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    from masthead.standards import distil, second_look

    second_look.reset()
    service.warm_up()
    assert service._config is not None
    assert service._config.model is not None
    if distil.installed_encoder() is not None:
        # The second look's head is read (every post asks it), its encoder is not.
        look = second_look._loaded.get("look")
        assert look is not None
        assert look._encoder is None
