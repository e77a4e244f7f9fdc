"""Many rows fast, on PostgreSQL: `INSERT ... SELECT generate_series`, one statement per table.

Used by the growth benchmark (50,000 articles, 1,000,000 comments) and by the index tests
(enough rows that the planner prefers an index when a matching one exists). Each function runs
on the given cursor and returns nothing; call `ANALYZE` afterwards so the planner sees the rows.
"""

from __future__ import annotations

from typing import Any


def articles(
    cursor: Any, *, count: int, section_ids: list[int], tag_ids: list[int], author_ids: list[int]
) -> None:
    """`count` articles, one a minute into the past, one in ten a draft, each with a tag and an
    author; their headlines are searchable ("Seeded story <n> about <weather|harbour|…>")."""
    cursor.execute(
        """
        INSERT INTO newsroom_article (headline, slug, standfirst, dateline, language, status,
            published_at, updated_at, created_at, comments_open, is_recommended, short_code,
            view_count, body_text, section_id, comment_count, search_vector)
        SELECT h, 'seeded-' || g, 'Standfirst of seeded story ' || g, '', 'en',
               CASE WHEN g %% 10 = 0 THEN 'draft' ELSE 'published' END,
               now() - g * interval '1 minute', now(), now(), true, g %% 97 = 0, 'sd' || g, 0,
               'Body of seeded story ' || g, (%(sections)s::bigint[])[1 + g %% %(n_sections)s],
               0, to_tsvector('english', h)
        FROM generate_series(1, %(count)s) g,
             LATERAL (SELECT 'Seeded story ' || g || ' about '
                      || (ARRAY['weather', 'harbour', 'council', 'schools', 'football'])[1 + g %% 5]
                      AS h) headline
        """,
        {"count": count, "sections": section_ids, "n_sections": len(section_ids)},
    )
    cursor.execute(
        """
        INSERT INTO newsroom_article_tags (article_id, tag_id)
        SELECT id, (%(tags)s::bigint[])[1 + id %% %(n)s] FROM newsroom_article
        WHERE slug LIKE 'seeded-%%'
        """,
        {"tags": tag_ids, "n": len(tag_ids)},
    )
    cursor.execute(
        """
        INSERT INTO newsroom_article_authors (article_id, author_id)
        SELECT id, (%(authors)s::bigint[])[1 + id %% %(n)s] FROM newsroom_article
        WHERE slug LIKE 'seeded-%%'
        """,
        {"authors": author_ids, "n": len(author_ids)},
    )


def views(cursor: Any, *, hours: int = 720) -> None:
    """A view row per seeded article for one hour each, spread over the last `hours` hours."""
    cursor.execute(
        """
        INSERT INTO newsroom_articleviewhour (article_id, hour, views)
        SELECT id, date_trunc('hour', now()) - (id %% %(hours)s) * interval '1 hour', 1 + id %% 13
        FROM newsroom_article WHERE slug LIKE 'seeded-%%'
        """,
        {"hours": hours},
    )


def comments(cursor: Any, *, count: int, article_ids: list[int], author_id: int) -> None:
    """`count` comments spread over `article_ids`: three in four top-level, the rest replies;
    one in fifty held for a moderator, with a spread of risk scores."""
    roots = count * 3 // 4
    cursor.execute(
        """
        INSERT INTO discussion_comment (depth, text, status, verdict, risk, like_count,
            report_count, author_hidden, created_at, article_id, author_id)
        SELECT 0, 'Seeded comment ' || g, CASE WHEN g %% 50 = 0 THEN 'held' ELSE 'published' END,
               '{}', (g %% 100) / 100.0, g %% 7, 0, false, now() - g * interval '1 second',
               (%(articles)s::bigint[])[1 + g %% %(n)s], %(author)s
        FROM generate_series(1, %(roots)s) g
        """,
        {"articles": article_ids, "n": len(article_ids), "author": author_id, "roots": roots},
    )
    cursor.execute(
        """
        INSERT INTO discussion_comment (depth, text, status, verdict, risk, like_count,
            report_count, author_hidden, created_at, article_id, author_id, parent_id, root_id)
        SELECT 1, 'Seeded reply to ' || c.id, 'published', '{}', 0, 0, 0, false,
               c.created_at + interval '1 second', c.article_id, %(author)s, c.id, c.id
        FROM discussion_comment c
        WHERE c.parent_id IS NULL AND c.text LIKE 'Seeded comment %%'
          AND c.article_id = ANY(%(articles)s::bigint[])
        ORDER BY c.id DESC LIMIT %(replies)s
        """,
        {"author": author_id, "replies": count - roots, "articles": article_ids},
    )
    cursor.execute(
        """
        UPDATE newsroom_article a SET comment_count = n.total
        FROM (SELECT article_id, count(*) AS total FROM discussion_comment
              WHERE status = 'published' GROUP BY article_id) n
        WHERE a.id = n.article_id
        """
    )
