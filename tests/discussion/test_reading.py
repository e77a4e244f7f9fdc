import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.discussion import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def test_replies_nest_to_the_configured_depth_then_show_flat(story, reader, other_reader, settings):
    settings.DISCUSSION_MAX_DEPTH = 2
    root = factories.comment(story, reader, text="level 0")
    one = factories.comment(story, other_reader, text="level 1", parent=root)
    two = factories.comment(story, reader, text="level 2", parent=one)
    three = factories.comment(story, other_reader, text="level 3", parent=two)
    factories.comment(story, reader, text="level 4", parent=three)
    tree = selectors.thread_page(story).threads[0]
    level_two = tree.children[0].children[0]
    assert level_two.comment == two
    flat = level_two.children
    assert [n.comment.text for n in flat] == ["level 3", "level 4"]
    assert flat[0].in_reply_to is None  # a direct reply to the level-2 comment
    assert flat[1].in_reply_to == other_reader.get_short_name()
    assert all(not n.children for n in flat)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("newest", ["c", "b", "a"]), ("oldest", ["a", "b", "c"]), ("liked", ["b", "c", "a"])],
)
def test_it_sorts_threads(story, reader, sort, expected):
    factories.comment(story, reader, text="a", like_count=0)
    factories.comment(story, reader, text="b", like_count=5)
    factories.comment(story, reader, text="c", like_count=2)
    page = selectors.thread_page(story, sort=sort)
    assert [n.comment.text for n in page.threads] == expected


@pytest.mark.parametrize("sort", ["newest", "oldest", "liked"])
def test_load_more_pages_through_every_thread_once(story, reader, sort):
    made = {factories.comment(story, reader, text=f"c{i}", like_count=i % 3).pk for i in range(45)}
    seen: list[int] = []
    cursor = None
    while True:
        page = selectors.thread_page(story, sort=sort, cursor=cursor, size=20)
        seen.extend(n.comment.pk for n in page.threads)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("cursor", ["abc", "1.x", "-1.-5", "9" * 400, "1e999.1", "nan.4"])
def test_a_bad_cursor_is_a_clear_400(client, story, cursor):
    response = client.get(f"/articles/{story.slug}/discussion/", {"after": cursor})
    assert response.status_code == 400


def test_the_first_page_costs_the_same_queries_for_20_and_300_comments(story, reader, other_reader):
    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            selectors.thread_page(story)
        return len(queries)

    for i in range(20):
        root = factories.comment(story, reader, text=f"root {i}")
        factories.comment(story, other_reader, text=f"reply {i}", parent=root)
    small = count()
    for i in range(280):
        factories.comment(story, reader, text=f"more {i}")
    assert count() == small


def test_comment_counts_show_on_article_lists(client, story, reader):
    for _ in range(3):
        factories.comment(story, reader)
    page = client.get("/news/").text
    assert "3 comments" in page


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)><circle/></svg>",
        "javascript:alert(1)",
        '<a href="javascript:alert(1)">click</a>',
        "\u202egnp.exe",
        "Z" + "\u0301" * 10_000,
        '"><iframe src=//evil.example>',
    ],
)
def test_hostile_text_renders_as_inert_text(client, story, reader, hostile):
    factories.comment(story, reader, text=hostile)
    page = client.get(story.get_absolute_url()).text
    discussion = page[page.index('id="discussion"') :]
    assert "<script>alert" not in discussion
    assert "onerror=" not in discussion.replace("onerror=&quot;", "")
    assert "<svg" not in discussion
    assert "<iframe" not in discussion
    assert 'href="javascript:' not in discussion


def test_links_in_comments_are_clickable_and_marked_ugc(client, story, reader):
    factories.comment(story, reader, text="See https://example.org/report?a=1&b=2. Thanks")
    page = client.get(story.get_absolute_url()).text
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener"' in page


def test_line_breaks_are_kept(client, story, reader):
    factories.comment(story, reader, text="first line\nsecond line")
    assert "first line<br>second line" in client.get(story.get_absolute_url()).text


def test_the_community_standards_page_lists_the_rules(client):
    page = client.get("/community-standards/").text
    assert "Insults and threats" in page
    assert "second block is permanent" in page
