"""Lively demo discussions: original comments by demo readers, reviewed by the real engine.

Some of them the engine holds for a moderator or rejects, so every outcome can be seen after
`make run`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F

from masthead.discussion.models import Comment
from masthead.newsroom.models import Article
from masthead.standards import conf, second_look
from masthead.standards.service import review_comment
from masthead.standards.store import NullStore

READERS = [
    ("lena_k", "Lena K."),
    ("marcus", "Marcus"),
    ("h_odell", "Hannah O'Dell"),
    ("pavel", "Pavel"),
    ("quietreader", "Quiet Reader"),
    ("tomfromleeds", "Tom"),
]

# (article slug, reader, text, index of the comment it replies to or None, likes)
THREADS: list[tuple[str, str, str, int | None, int]] = [
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "lena_k",
        "Sharing vaccine research across borders makes sense to me. The virus does not check "
        "passports, and duplicated trials waste months.",
        None,
        14,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "marcus",
        "Cooperation sounds good, but regulators in the US will want the full trial data before "
        "anyone gets a shot. That is how it should be.",
        0,
        9,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "lena_k",
        "Agreed, the data has to come first. Publishing it openly would also build trust.",
        1,
        4,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "pavel",
        "The arms control part interests me more. If New START lapses there is nothing left "
        "limiting the two biggest arsenals.",
        None,
        11,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "h_odell",
        "An extension seemed likely either way after the election. The open question is what "
        "comes after it.",
        3,
        6,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "tomfromleeds",
        "YOU PEOPLE ARE ALL IDIOTS, NOBODY SHOULD TRUST ANY OF THEM",
        None,
        0,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "quietreader",
        "Этот посол говорит правильные вещи, сотрудничество сейчас нужно всем странам.",
        None,
        0,
    ),
    (
        "russia-offers-us-covid-cooperation-and-vaccine",
        "marcus",
        "Anyone who wants the briefing notes can email me at marcus.demo@example.com or call "
        "+44 20 7946 0958.",
        None,
        0,
    ),
    (
        "cold-chain-freezers-vaccine-logistics",
        "h_odell",
        "The dry ice figures are striking. Rural pharmacies will struggle to keep boxes that "
        "cold for a whole week.",
        None,
        7,
    ),
    (
        "cold-chain-freezers-vaccine-logistics",
        "pavel",
        "Our regional hospital bought two ultra-low freezers in October, so some places are "
        "preparing already.",
        8,
        3,
    ),
    (
        "cold-chain-freezers-vaccine-logistics",
        "tomfromleeds",
        "Great deals on medical freezers at http://cheap-freezers.example.biz, order now and "
        "save 70 percent!!!",
        None,
        0,
    ),
    (
        "coastal-marathon-goes-virtual",
        "quietreader",
        "I ran my 10k along the canal on Sunday. Not the same as the real race, but the app "
        "tracking worked well.",
        None,
        5,
    ),
    (
        "coastal-marathon-goes-virtual",
        "lena_k",
        "Well done! The medal arriving by post was a nice touch.",
        11,
        2,
    ),
    (
        "battery-maker-plans-plant-in-former-mill-town",
        "marcus",
        "Four hundred jobs would change that town. I hope the training programme is real and "
        "not just a press release.",
        None,
        8,
    ),
    (
        "battery-maker-plans-plant-in-former-mill-town",
        "h_odell",
        "The council says the first apprenticeships start next autumn, according to the "
        "planning documents.",
        13,
        4,
    ),
    (
        # Published by the engine, held a second later by the second look in the worker
        # (masthead/standards/second_look.py): the demo shows where that comment ends up.
        "battery-maker-plans-plant-in-former-mill-town",
        "tomfromleeds",
        "Hannah, reading your posts is like listening to a kettle that never quite boils.",
        14,
        0,
    ),
]


def load(stdout: Any) -> None:
    User = get_user_model()
    readers = {}
    for username, name in READERS:
        readers[username], _created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "display_name": name},
        )
    made: list[Comment] = []
    counts = {"published": 0, "held": 0, "rejected": 0}
    # The demo is loaded before its worker runs: the second reading is applied here, as the
    # worker would a second after each post.
    looker = second_look.get() if conf.second_look_enabled() else None
    second_looks = 0
    for slug, username, text, parent_index, likes in THREADS:
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            continue
        parent = made[parent_index] if parent_index is not None else None
        verdict = review_comment(
            text,
            article_title=article.headline,
            article_text=article.body_text,
            author_id=str(readers[username].pk),
            is_reply=parent is not None,
            store=NullStore(),
        )
        if looker is not None:
            looked = looker.apply(text, verdict)
            second_looks += looked is not verdict
            verdict = looked
        status = {"publish": "published", "hold": "held", "reject": "rejected"}[
            verdict.action.value
        ]
        comment = Comment.objects.create(
            article=article,
            author=readers[username],
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=(parent.depth + 1) if parent else 0,
            text=text,
            status=status,
            verdict=verdict.as_dict(),
            risk=verdict.score,
            like_count=likes,
        )
        # Spread the discussion over the hours after publication.
        if article.published_at is not None:
            Comment.objects.filter(pk=comment.pk).update(
                created_at=article.published_at + timedelta(minutes=20 + 37 * len(made))
            )
        if status == "published":
            Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + 1)
        counts[status] += 1
        made.append(comment)
    stdout.write(
        f"demo discussion: {counts['published']} published, {counts['held']} held "
        f"({second_looks} by the second look), {counts['rejected']} rejected comments"
    )
