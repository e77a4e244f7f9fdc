"""Every list query is served by an index, checked with EXPLAIN on PostgreSQL.

The tables get 20,000 articles and 60,000 comments (generated in SQL) and are analysed, so the
planner chooses an index because it is cheaper, not because the table is tiny. The assertion is
that no plan reads the big table sequentially.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from bench import seed
from masthead.discussion import selectors as discussion
from masthead.discussion.models import Comment
from masthead.newsroom import counters
from masthead.newsroom.models import Article, ArticleViewHour, Author, Section, Tag

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL only"
    ),
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def big_site(django_db_setup, django_db_blocker):
    # Seeding and analysing 80,000 rows cost seconds of PostgreSQL time, and every test here
    # only reads them (EXPLAIN), so they are made once for the module, in a transaction rolled
    # back after the last test. Each test still runs in a savepoint of its own inside it.
    with django_db_blocker.unblock(), transaction.atomic():
        site = _seed_big_site()
        # Check the seeded rows' deferred foreign keys now, once: left pending in the outer
        # transaction, they would be checked again at every test's teardown.
        connection.check_constraints()
        yield site
        transaction.set_rollback(True)


def _seed_big_site() -> dict:
    sections = [Section.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(10)]
    tags = [Tag.objects.create(name=f"T{n}", slug=f"t{n}") for n in range(200)]
    authors = [Author.objects.create(name=f"A{n}", slug=f"a{n}") for n in range(100)]
    author = get_user_model().objects.create_user("seeder", "seeder@example.org", "x")
    with connection.cursor() as cursor:
        seed.articles(
            cursor,
            count=20_000,
            section_ids=[s.pk for s in sections],
            tag_ids=[t.pk for t in tags],
            author_ids=[a.pk for a in authors],
        )
        seed.views(cursor)
        busy = list(
            Article.objects.filter(slug__startswith="seeded-").values_list("pk", flat=True)[:40]
        )
        seed.comments(cursor, count=60_000, article_ids=busy, author_id=author.pk)
        # New rows of a GIN index wait in its pending list until a vacuum merges them, and the
        # planner prices a scan of a long list high: one CI run chose a sequential scan for
        # search over 20,000 freshly seeded articles. A live table's list is merged by
        # autovacuum; here it is merged now, so the plan is the one a live site gets.
        cursor.execute(
            "SELECT gin_clean_pending_list(c.oid) FROM pg_class c"
            " JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' AND c.relkind = 'i'"
            " AND c.relnamespace = 'public'::regnamespace"
        )
        cursor.execute("ANALYZE")
    return {"section": sections[3], "tag": tags[7], "author": authors[5], "busy": busy[0]}


def plan_of(queryset) -> str:
    return queryset.explain()


def assert_indexed(plan: str, table: str) -> None:
    assert f"Seq Scan on {table}" not in plan, plan
    assert "Index" in plan, plan


PAGE = slice(0, 21)


def test_the_all_news_list_reads_an_index(big_site):
    qs = Article.objects.published().for_lists().newest_first()[PAGE]
    assert_indexed(plan_of(qs), "newsroom_article")


def test_the_section_list_reads_an_index(big_site):
    qs = Article.objects.published().for_lists().filter(section=big_site["section"])
    assert_indexed(plan_of(qs.newest_first()[PAGE]), "newsroom_article")


def test_the_tag_list_reads_an_index(big_site):
    qs = Article.objects.published().for_lists().filter(tags=big_site["tag"])
    assert_indexed(plan_of(qs.newest_first()[PAGE]), "newsroom_article")


def test_the_author_list_reads_an_index(big_site):
    qs = Article.objects.published().for_lists().filter(authors=big_site["author"])
    assert_indexed(plan_of(qs.newest_first()[PAGE]), "newsroom_article")


def test_the_trending_query_reads_an_index(big_site):
    assert counters.trending_ids()
    # The same filter and grouping as counters.trending_ids: the last 24 hours of view rows.
    since = (timezone.now() - timedelta(hours=24)).replace(minute=0, second=0, microsecond=0)
    plan = (
        ArticleViewHour.objects.filter(hour__gte=since)
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")[:15]
        .explain()
    )
    assert_indexed(plan, "newsroom_articleviewhour")


def _thread_queries(article, **kwargs) -> tuple[list[str], discussion.ThreadPage]:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = discussion.thread_page(article, **kwargs)
    assert page.threads
    return [q["sql"] for q in queries], page


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("sort", ["newest", "oldest", "liked"])
def test_the_first_and_the_next_pages_of_a_discussion_read_indexes(big_site, sort):
    article = Article.objects.get(pk=big_site["busy"])
    sqls, page = _thread_queries(article, sort=sort)
    for sql in sqls:
        assert_indexed(_explain(sql), "discussion_comment")
    next_sqls, _page = _thread_queries(article, sort=sort, cursor=page.next_cursor)
    for sql in next_sqls:
        assert_indexed(_explain(sql), "discussion_comment")


def test_the_moderation_queue_reads_an_index(big_site):
    qs = Comment.objects.awaiting_review().order_by("-risk", "id")[:50]
    assert_indexed(plan_of(qs), "discussion_comment")


def test_search_reads_the_full_text_index(big_site):
    from masthead.newsroom import search

    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT id FROM newsroom_article a"
            " WHERE a.search_vector @@ plainto_tsquery('english', 'harbour story 1234')"
            " AND a.status IN ('published', 'scheduled') AND a.published_at <= now()"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert_indexed(plan, "newsroom_article")
    assert "newsroom_article_search" in plan
    assert search.search("harbour").total > 0
