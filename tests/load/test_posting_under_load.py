"""64 concurrent posters against gunicorn and PostgreSQL: every acknowledged comment is stored
exactly once, counters equal the rows, retries with the same key create one comment, and
concurrent likes never double-count.

LOAD_SECONDS sets the duration: 10 s in the fast tier, 60 s in the slow tier (make test-slow).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import Counter

import pytest

from tests.load.http import Http
from tests.load.server import Site

pytestmark = pytest.mark.load

SECONDS = float(os.environ.get("LOAD_SECONDS", "10"))
POSTERS = 64


def test_every_acknowledged_comment_is_stored_exactly_once_under_load(site: Site):
    acknowledged: list[int] = []
    statuses: Counter[int] = Counter()
    retried: list[tuple[str, int]] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(POSTERS)
    deadline = time.monotonic() + SECONDS + 5

    def poster(number: int) -> None:
        client = Http(site.url, site.tokens[number])
        try:
            start.wait()
            stop_at = time.monotonic() + SECONDS
            n = 0
            while time.monotonic() < stop_at:
                key = uuid.uuid4().hex
                payload = {
                    "text": f"Poster {number} says the bridge works well, post {n}.",
                    "idempotency_key": key,
                }
                status, _headers, body = client.request(
                    "POST", f"/api/articles/{site.slug}/comments", payload
                )
                with lock:
                    statuses[status] += 1
                if status in {200, 201, 422}:
                    import json

                    comment_id = json.loads(body)["comment"]["id"]
                    with lock:
                        acknowledged.append(comment_id)
                    if n % 7 == 0:
                        # The client did not see the answer and sends the same post again.
                        again, _h, body2 = client.request(
                            "POST", f"/api/articles/{site.slug}/comments", payload
                        )
                        with lock:
                            retried.append((key, json.loads(body2)["comment"]["id"]))
                            statuses[again] += 1
                        assert again in {200, 422}, again
                        assert json.loads(body2)["created"] is False
                n += 1
        except BaseException as error:
            with lock:
                failures.append(repr(error))
        finally:
            client.close()

    threads = [threading.Thread(target=poster, args=(i,)) for i in range(POSTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, deadline - time.monotonic()) + 60)

    assert failures == []
    assert set(statuses) <= {200, 201, 422}, statuses
    assert acknowledged, "nothing was posted"
    rows = site.query(
        "SELECT id, status FROM discussion_comment WHERE article_id = %s", (site.article_id,)
    )
    stored = Counter(row[0] for row in rows)
    # Exactly once: every acknowledged id is stored, nothing else is, nothing twice.
    assert set(acknowledged) == set(stored)
    assert len(acknowledged) == len(set(acknowledged))
    # A retry with the same key answered with the first comment.
    assert all(comment_id in stored for _key, comment_id in retried)
    keys = site.query(
        "SELECT author_id, idempotency_key, count(*) FROM discussion_comment"
        " WHERE article_id = %s GROUP BY 1, 2 HAVING count(*) > 1",
        (site.article_id,),
    )
    assert keys == []
    published = sum(1 for _id, status in rows if status == "published")
    (count,) = site.query(
        "SELECT comment_count FROM newsroom_article WHERE id = %s", (site.article_id,)
    )[0]
    assert count == published
    print(f"\n{len(acknowledged)} comments from {POSTERS} posters in {SECONDS:.0f} s: {statuses}")


def test_concurrent_likes_of_one_comment_count_each_reader_once(site: Site):
    import json

    author = Http(site.url, site.tokens[POSTERS])  # has not posted in the load test
    status, _h, body = author.request(
        "POST",
        f"/api/articles/{site.slug}/comments",
        {"text": "A comment for everyone to like, about the bridge."},
    )
    assert status in {200, 201}
    assert json.loads(body)["comment"]["status"] == "published", body
    comment_id = json.loads(body)["comment"]["id"]
    likers = site.tokens[:POSTERS]
    start = threading.Barrier(len(likers))
    results: list[int] = []

    def like(token: str) -> None:
        client = Http(site.url, token)
        start.wait()
        for _ in range(3):  # a double click, and one more
            results.append(client.request("POST", f"/api/comments/{comment_id}/like")[0])
        client.close()

    threads = [threading.Thread(target=like, args=(t,)) for t in likers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results) == {200}
    (likes,) = site.query("SELECT like_count FROM discussion_comment WHERE id = %s", (comment_id,))[
        0
    ]
    (rows,) = site.query(
        "SELECT count(*) FROM discussion_reaction WHERE comment_id = %s", (comment_id,)
    )[0]
    assert likes == rows == len(likers)
