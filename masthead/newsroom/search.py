"""Ranked full-text search over published articles.

One contract, two engines: PostgreSQL full-text search (a weighted tsvector column with a GIN
index) and SQLite FTS5 (an external table with bm25 ranking). Both match articles that contain
every word of the query (stemmed), rank headline matches above standfirst and tag matches above
body matches, and return highlighted snippets. The column and the FTS table are created by a
migration that looks at the database vendor, because neither engine has the other's feature.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from masthead.newsroom.models import Article

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
START, STOP = "\ue000", "\ue001"  # private-use characters: cannot occur in an article
_WORD = re.compile(r"\w+", re.UNICODE)
PG_CONFIGS = {"en": "english", "ru": "russian"}


class InvalidQuery(ValueError):
    pass


@dataclass
class Hit:
    article: Article
    headline_html: SafeString
    snippet_html: SafeString
    rank: float


@dataclass
class Results:
    hits: list[Hit]
    total: int
    terms: list[str]


def parse_query(raw: str) -> list[str]:
    if len(raw) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            _("The search is too long: use at most %(n)d characters.") % {"n": MAX_QUERY_LENGTH}
        )
    if any(
        unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and ch not in "\t\n\r" for ch in raw
    ):
        raise InvalidQuery(_("The search contains characters that cannot be searched for."))
    return _WORD.findall(raw.lower())[:MAX_TERMS]


def _highlight(text: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first, then only our own markers become <mark>
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _pg_config() -> str:
    return PG_CONFIGS.get(settings.LANGUAGE_CODE, "simple")


def index(article: Article) -> None:
    tags = " ".join(article.tags.values_list("name", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                UPDATE newsroom_article SET search_vector =
                    setweight(to_tsvector(%(cfg)s::regconfig, headline), 'A')
                 || setweight(to_tsvector(%(cfg)s::regconfig, standfirst || ' ' || %(tags)s), 'B')
                 || setweight(to_tsvector(%(cfg)s::regconfig, body_text), 'C')
                WHERE id = %(id)s
                """,
                {"cfg": _pg_config(), "tags": tags, "id": article.pk},
            )
        else:
            cursor.execute("DELETE FROM newsroom_article_fts WHERE rowid = %s", [article.pk])
            cursor.execute(
                "INSERT INTO newsroom_article_fts (rowid, headline, standfirst, tags, body)"
                " VALUES (%s, %s, %s, %s, %s)",
                [article.pk, article.headline, article.standfirst, tags, article.body_text],
            )


def remove(article_id: int) -> None:
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM newsroom_article_fts WHERE rowid = %s", [article_id])


def search(raw_query: str, *, offset: int = 0, limit: int = 10) -> Results:
    terms = parse_query(raw_query)
    if not terms:
        return Results(hits=[], total=0, terms=[])
    rows, total = (_search_pg if connection.vendor == "postgresql" else _search_sqlite)(
        terms, offset, limit
    )
    articles = Article.objects.for_lists().in_bulk([row[0] for row in rows])
    hits = [
        Hit(
            article=articles[article_id],
            headline_html=_highlight(headline),
            snippet_html=_highlight(snippet),
            rank=float(rank),
        )
        for article_id, rank, headline, snippet in rows
        if article_id in articles
    ]
    return Results(hits=hits, total=total, terms=terms)


_PUBLIC = "a.status IN ('published', 'scheduled') AND a.published_at <= %(now)s"


def _search_pg(terms: list[str], offset: int, limit: int) -> tuple[list[tuple], int]:
    params: dict[str, Any] = {
        "cfg": _pg_config(),
        "q": " ".join(terms),
        "now": timezone.now(),
        "limit": limit,
        "offset": offset,
        "opts": f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, MaxFragments=2, "
        'FragmentDelimiter=" … "',
        "hopts": f"StartSel={START}, StopSel={STOP}, HighlightAll=true",
    }
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH q AS (SELECT plainto_tsquery(%(cfg)s::regconfig, %(q)s) AS query)
            SELECT count(*) FROM newsroom_article a, q
            WHERE a.search_vector @@ q.query AND {_PUBLIC}
            """,  # noqa: S608 - _PUBLIC is a constant; values are parameters
            params,
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            f"""
            WITH q AS (SELECT plainto_tsquery(%(cfg)s::regconfig, %(q)s) AS query),
            page AS (
                SELECT a.id, a.headline, a.standfirst, a.body_text, a.published_at,
                       ts_rank_cd(a.search_vector, q.query) AS rank, q.query
                FROM newsroom_article a, q
                WHERE a.search_vector @@ q.query AND {_PUBLIC}
                ORDER BY rank DESC, a.published_at DESC, a.id DESC
                LIMIT %(limit)s OFFSET %(offset)s
            )
            SELECT id, rank,
                   ts_headline(%(cfg)s::regconfig, headline, query, %(hopts)s),
                   ts_headline(%(cfg)s::regconfig, standfirst || ' ' || body_text, query, %(opts)s)
            FROM page ORDER BY rank DESC, published_at DESC, id DESC
            """,  # noqa: S608
            params,
        )
        return list(cursor.fetchall()), total


def _search_sqlite(terms: list[str], offset: int, limit: int) -> tuple[list[tuple], int]:
    match = " AND ".join(f'"{term}"' for term in terms)  # \w+ terms hold no quote
    params: dict[str, Any] = {
        "match": match,
        "now": timezone.now(),
        "limit": limit,
        "offset": offset,
    }
    base = f"""
        FROM newsroom_article_fts f JOIN newsroom_article a ON a.id = f.rowid
        WHERE newsroom_article_fts MATCH %(match)s AND {_PUBLIC}
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) " + base, params)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"""
            SELECT a.id, -bm25(newsroom_article_fts, 10.0, 4.0, 4.0, 1.0) AS rank,
                   highlight(newsroom_article_fts, 0, '{START}', '{STOP}'),
                   snippet(newsroom_article_fts, 3, '{START}', '{STOP}', ' … ', 30)
            {base}
            ORDER BY rank DESC, a.published_at DESC, a.id DESC
            LIMIT %(limit)s OFFSET %(offset)s
            """,
            params,
        )
        return list(cursor.fetchall()), total
