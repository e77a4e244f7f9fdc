"""Reading a discussion: a page of threads with their replies, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Q

from masthead.discussion.models import Comment
from masthead.newsroom.models import Article

SORTS = {"newest", "oldest", "liked"}
PAGE_SIZE = 20


class BadCursor(ValueError):
    pass


@dataclass
class Node:
    comment: Comment
    children: list[Node] = field(default_factory=list)
    in_reply_to: str | None = None  # set when shown flat, beyond the nesting depth

    @property
    def is_stub(self) -> bool:
        """A deleted or removed comment, kept only because public replies hang on it."""
        return not self.comment.is_public


@dataclass
class ThreadPage:
    threads: list[Node]
    next_cursor: str | None
    sort: str


def encode_cursor(comment: Comment, sort: str) -> str:
    if sort == "liked":
        return f"{comment.like_count}.{comment.pk}"
    return f"{comment.created_at.timestamp():.6f}.{comment.pk}"


def _decode(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        head, _dot, tail = cursor.partition(".") if sort == "liked" else cursor.rpartition(".")
        pk = int(tail)
        value: Any = int(head) if sort == "liked" else datetime.fromtimestamp(float(head), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise BadCursor(cursor) from None
    if pk < 0:
        raise BadCursor(cursor)
    return value, pk


def thread_page(
    article: Article, *, sort: str = "newest", cursor: str | None = None, size: int = PAGE_SIZE
) -> ThreadPage:
    """Top-level comments by keyset (so page 1,000 costs what page 1 does), with their replies."""
    if sort not in SORTS:
        raise BadCursor(sort)
    # Deleted or removed threads come too; _build drops those with no public reply left.
    roots = Comment.objects.filter(article=article, parent__isnull=True).filter(
        Q(status=Comment.Status.PUBLISHED, author_hidden=False)
        | Q(status__in=[Comment.Status.DELETED, Comment.Status.REMOVED])
    )
    order = {
        "newest": ["-created_at", "-id"],
        "oldest": ["created_at", "id"],
        "liked": ["-like_count", "-id"],
    }[sort]
    if cursor:
        value, pk = _decode(cursor, sort)
        field_name = "like_count" if sort == "liked" else "created_at"
        if sort == "oldest":
            roots = roots.filter(
                Q(**{f"{field_name}__gt": value}) | Q(**{field_name: value, "id__gt": pk})
            )
        else:
            roots = roots.filter(
                Q(**{f"{field_name}__lt": value}) | Q(**{field_name: value, "id__lt": pk})
            )
    page = list(roots.select_related("author").order_by(*order)[: size + 1])
    more = len(page) > size
    page = page[:size]
    replies = (
        list(
            Comment.objects.filter(root__in=[c.pk for c in page])
            .filter(
                Q(status=Comment.Status.PUBLISHED, author_hidden=False)
                | Q(status__in=[Comment.Status.DELETED, Comment.Status.REMOVED])
            )
            .select_related("author", "parent__author")
            .order_by("created_at", "id")
        )
        if page
        else []
    )
    threads = [tree for root in page if (tree := _build(root, replies)) is not None]
    return ThreadPage(
        threads=threads,
        next_cursor=encode_cursor(page[-1], sort) if more and page else None,
        sort=sort,
    )


def _build(root: Comment, replies: list[Comment]) -> Node | None:
    by_parent: dict[int, list[Comment]] = {}
    for reply in replies:
        if reply.root_id == root.pk and reply.parent_id is not None:
            by_parent.setdefault(reply.parent_id, []).append(reply)

    def build(top: Comment) -> Node | None:
        # Iterative, not recursive: a reply chain thousands deep must not exhaust Python's stack
        # (and a parent loop written into the database by hand must not spin forever).
        nodes: dict[int, Node] = {}
        order: list[tuple[Comment, int | None]] = []
        stack: list[tuple[Comment, int | None]] = [(top, None)]
        while stack:
            comment, parent_pk = stack.pop()
            if comment.pk in nodes:
                continue
            nodes[comment.pk] = Node(comment=comment)
            order.append((comment, parent_pk))
            stack.extend((child, comment.pk) for child in reversed(by_parent.get(comment.pk, [])))
        # Children before parents, so a stub knows whether anything public hangs on it.
        kept: dict[int, Node] = {}
        for comment, _parent_pk in reversed(order):
            node = nodes[comment.pk]
            node.children = [
                kept[child.pk] for child in by_parent.get(comment.pk, []) if child.pk in kept
            ]
            if comment.is_public or node.children:
                kept[comment.pk] = node  # otherwise nothing public hangs on it: no stub
        return kept.get(top.pk)

    def flatten(node: Node, depth: int) -> None:
        if depth < settings.DISCUSSION_MAX_DEPTH:
            for child in node.children:
                flatten(child, depth + 1)
            return
        flat: list[Node] = []

        # Depth-first, in reading order, with an explicit stack (see build).
        stack = [(child, node) for child in reversed(node.children)]
        while stack:
            child, parent = stack.pop()
            if parent is not node:
                child.in_reply_to = parent.comment.author_name
            flat.append(child)
            stack.extend((grandchild, child) for grandchild in reversed(child.children))
        for item in flat:
            item.children = []
        node.children = sorted(flat, key=lambda n: (n.comment.created_at, n.comment.pk))

    tree = build(root)
    if tree is not None:
        flatten(tree, 0)
    return tree


def new_since(article: Article, after_id: int, limit: int = 50) -> list[Comment]:
    return list(
        Comment.objects.visible()
        .filter(article=article, id__gt=after_id)
        .select_related("author", "parent__author")
        .order_by("id")[:limit]
    )
