"""A query compiled once answers exactly what the ORM answers, with new arguments each run."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef
from django.utils import timezone

from masthead.accounts.models import PrivacyPolicy
from masthead.core.prepared import PreparedQuery
from masthead.moderation.models import Sanction

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


def test_only_values_queries_are_accepted():
    query = PreparedQuery(
        lambda policy_id: PrivacyPolicy.objects.filter(pk=policy_id), policy_id=int
    )
    with pytest.raises(TypeError, match="values"):
        query.first(DEFAULT_DB_ALIAS, policy_id=1)


def test_an_argument_the_query_does_not_use_is_an_error():
    query = PreparedQuery(
        lambda policy_id, now: PrivacyPolicy.objects.filter(pk=policy_id).values("version"),
        policy_id=int,
        now=datetime,
    )
    with pytest.raises(ValueError, match="now"):
        query.first(DEFAULT_DB_ALIAS, policy_id=1, now=timezone.now())


def test_only_int_and_datetime_arguments_can_be_substituted():
    query = PreparedQuery(
        lambda version: PrivacyPolicy.objects.filter(version=version).values("pk"), version=str
    )
    with pytest.raises(TypeError, match="int and datetime"):
        query.first(DEFAULT_DB_ALIAS, version="2")
