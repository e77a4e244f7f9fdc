"""A query compiled once answers exactly what the ORM answers, with new arguments each run."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Exists, OuterRef
from django.utils import timezone

from masthead.accounts.models import PrivacyPolicy
from masthead.core.prepared import PreparedQuery
from masthead.moderation.models import Sanction
from masthead.newsroom.models import Article

pytestmark = pytest.mark.django_db


def _blocked_at(user_id, now):
    blocks = Sanction.objects.active(now).filter(user=OuterRef("pk"), kind=Sanction.Kind.BLOCK)
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .annotate(blocked=Exists(blocks))
        .values("username", "blocked")
    )


BLOCKED_AT = PreparedQuery(_blocked_at, user_id=int, now=datetime)


def _make_user(name):
    return get_user_model().objects.create_user(username=name, email=f"{name}@example.org")


def test_it_answers_what_the_orm_answers_for_each_user_and_moment():
    now = timezone.now()
    free, blocked = _make_user("free-reader"), _make_user("blocked-for-a-day")
    Sanction.objects.create(
        user=blocked, kind=Sanction.Kind.BLOCK, reason="Insults", ends_at=now + timedelta(days=1)
    )
    for who in (free, blocked):
        for moment in (now, now + timedelta(days=2)):
            expected = _blocked_at(who.pk, moment).first()
            found = BLOCKED_AT.first(DEFAULT_DB_ALIAS, user_id=who.pk, now=moment)
            assert found is not None
            assert expected is not None
            assert found["username"] == expected["username"]
            assert bool(found["blocked"]) == expected["blocked"]
    during = BLOCKED_AT.first(DEFAULT_DB_ALIAS, user_id=blocked.pk, now=now)
    # A day after the block ended, the same compiled SQL says so: the moment is an argument.
    after = BLOCKED_AT.first(DEFAULT_DB_ALIAS, user_id=blocked.pk, now=now + timedelta(days=2))
    assert during is not None
    assert after is not None
    assert bool(during["blocked"])
    assert not bool(after["blocked"])


def test_an_unknown_id_has_no_row():
    assert BLOCKED_AT.first(DEFAULT_DB_ALIAS, user_id=987_654_321, now=timezone.now()) is None


def _articles_of(section_id, now):
    return Article.objects.published(now).filter(section_id=section_id).order_by("pk")


ARTICLES_OF = PreparedQuery(_articles_of, section_id=int, now=datetime)


def test_model_queries_give_the_instances_the_orm_gives(article):
    now = timezone.now()
    found = ARTICLES_OF.objects(DEFAULT_DB_ALIAS, section_id=article.section_id, now=now)
    expected = list(_articles_of(article.section_id, now))
    assert found == expected
    loaded = found[0]
    # Converted as the ORM converts (SQLite stores datetimes as text, booleans as integers).
    assert loaded.published_at == expected[0].published_at
    assert isinstance(loaded.published_at, datetime)
    assert loaded.comments_open is expected[0].comments_open
    assert loaded.headline == article.headline
    assert not loaded._state.adding
    # Before its publication time, the same compiled SQL does not find it.
    earlier = article.published_at - timedelta(minutes=1)
    assert ARTICLES_OF.objects(DEFAULT_DB_ALIAS, section_id=article.section_id, now=earlier) == []


def test_string_arguments_are_substituted(article):
    by_slug = PreparedQuery(
        lambda slug: Article.objects.filter(slug=slug).values("headline"), slug=str
    )
    assert by_slug.first(DEFAULT_DB_ALIAS, slug=article.slug) == {"headline": article.headline}
    assert by_slug.first(DEFAULT_DB_ALIAS, slug="no-such-article") is None


def test_values_and_model_queries_are_not_confused(article):
    by_slug = PreparedQuery(
        lambda slug: Article.objects.filter(slug=slug).values("headline"), slug=str
    )
    with pytest.raises(TypeError, match="rows"):
        by_slug.objects(DEFAULT_DB_ALIAS, slug=article.slug)
    with pytest.raises(TypeError, match="objects"):
        ARTICLES_OF.rows(DEFAULT_DB_ALIAS, section_id=article.section_id, now=timezone.now())


def test_select_related_is_refused():
    query = PreparedQuery(
        lambda pk: Article.objects.select_related("section").filter(pk=pk), pk=int
    )
    with pytest.raises(TypeError, match="plain model query"):
        query.objects(DEFAULT_DB_ALIAS, pk=1)


def test_an_argument_the_query_does_not_use_is_an_error():
    query = PreparedQuery(
        lambda policy_id, now: PrivacyPolicy.objects.filter(pk=policy_id).values("version"),
        policy_id=int,
        now=datetime,
    )
    with pytest.raises(ValueError, match="now"):
        query.first(DEFAULT_DB_ALIAS, policy_id=1, now=timezone.now())


def test_only_int_str_and_datetime_arguments_can_be_substituted():
    query = PreparedQuery(
        lambda version: PrivacyPolicy.objects.filter(version=version).values("pk"), version=float
    )
    with pytest.raises(TypeError, match="int, str and datetime"):
        query.first(DEFAULT_DB_ALIAS, version=2.0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_postgresql_prepares_the_compiled_sql_once_per_connection():
    user = _make_user("prepared-reader")
    for moment in (timezone.now(), timezone.now() + timedelta(days=1)):
        assert BLOCKED_AT.first(DEFAULT_DB_ALIAS, user_id=user.pk, now=moment) is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    # One statement for both runs: the arguments travel apart from the SQL.
    assert len([sql for sql in prepared if '"blocked"' in sql]) == 1
    # Django's own cursors still bind on the client and prepare nothing.
    assert not [sql for sql in prepared if "pg_prepared_statements" in sql]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_threshold_set_in_the_settings_is_kept():
    # Django's None (nothing is ever prepared), for a pooler that cannot keep them apart.
    settings_dict = {**connection.settings_dict, "OPTIONS": {"prepare_threshold": None}}
    wrapper = type(connections[DEFAULT_DB_ALIAS])(settings_dict, alias=DEFAULT_DB_ALIAS)
    assert wrapper.get_connection_params()["prepare_threshold"] is None
    assert connection.get_connection_params()["prepare_threshold"] > 1_000_000
