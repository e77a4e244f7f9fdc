"""The moderators' demo: a queue to work, a blocked reader with a pending appeal, and a few weeks
of decisions for the dashboard. Runs after the discussion's demo. All text is original.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from masthead.core.demo import DEMO_PASSWORD
from masthead.discussion.models import Comment, Report
from masthead.moderation.models import Appeal, AuditEntry, Decision, Sanction
from masthead.moderation.roles import SENIOR_MODERATORS
from masthead.newsroom.models import Article
from masthead.standards.service import review_comment
from masthead.standards.store import NullStore

PEOPLE = [
    ("grumpy_gus", "Gus"),
    ("sam_writes", "Sam"),
    ("nightowl", "Night Owl"),
    ("bea_blocked", "Bea"),
]

# Waiting for a moderator: (author, text). Gus is in pre-moderation, so his wait whatever the
# engine says; the others' texts are the kind the engine holds.
HELD = [
    (
        "grumpy_gus",
        "Typical. They announce a plan and forget it by spring. I will believe it "
        "when the first shovel hits the ground.",
    ),
    ("grumpy_gus", "Another press release dressed up as news. Who checks these numbers?"),
    ("sam_writes", "Whoever wrote this is a complete moron and should be fired today."),
    (
        "nightowl",
        "Cheap watches and sunglasses, best prices online, visit my shop page and "
        "order now, limited offer!!!",
    ),
    ("sam_writes", "THIS IS THE WORST DECISION THEY HAVE EVER MADE AND EVERYONE KNOWS IT"),
    ("nightowl", "Anyone who disagrees with me is an idiot, simple as that."),
    ("grumpy_gus", "Same promises as last year. Nothing changed then either."),
]

# Published but reported by readers: (author, text, [(reporter, rule, note)]).
REPORTED = [
    (
        "nightowl",
        "The mayor's people are clowns and the whole department is a joke.",
        [("sam_writes", "insults", "Name-calling"), ("grumpy_gus", "insults", "")],
    ),
    (
        "sam_writes",
        "I work near the plant and the traffic plan really is not ready yet.",
        [("nightowl", "off_topic", "Not about the story")],
    ),
]

CLEAN_HISTORY = [
    "Good to see the figures published in full this time.",
    "The second paragraph answers what I wanted to ask, thanks.",
    "I would like to know how the council will pay for the upkeep.",
    "Our street had the same problem last winter; it took weeks to fix.",
    "A clear summary. The timeline at the end helps a lot.",
    "Does anyone know when the public consultation closes?",
    "The photos show how much work went into the repairs.",
    "Interesting that the smaller towns moved first on this.",
]
REJECTED_HISTORY = [
    ("insults", "You are all fools for believing a word of this."),
    ("insults", "What an idiot the reporter must be to write such drivel."),
    ("profanity", "What a damn shitshow this whole thing is."),
    ("spam", "Earn money from home fast, click my profile for the secret method!"),
    ("off_topic", "Does anybody have tips for growing tomatoes on a balcony?"),
    ("formatting", "WHY DOES NOBODY EVER LISTEN TO THE PEOPLE WHO LIVE HERE"),
]


def _user(username: str, name: str) -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", "display_name": name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _comment(article: Article, author: Any, text: str, status: str, when: Any) -> Comment:
    verdict = review_comment(
        text,
        article_title=article.headline,
        article_text=article.body_text,
        author_id=str(author.pk),
        store=NullStore(),
    )
    comment = Comment.objects.create(
        article=article,
        author=author,
        text=text,
        status=status,
        verdict=verdict.as_dict(),
        risk=verdict.score,
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=when)
    comment.created_at = when
    if status == Comment.Status.PUBLISHED:
        Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + 1)
    return comment


def load(stdout: Any) -> None:
    articles = list(Article.objects.published().order_by("-published_at")[:8])
    if not articles:
        stdout.write("moderation demo skipped: no published articles")
        return
    people = {username: _user(username, name) for username, name in PEOPLE}
    now = timezone.now()
    # Accounts of different ages, so the queue's "account N days old" says something.
    for age, user in zip((410, 95, 33, 200), people.values(), strict=True):
        type(user).objects.filter(pk=user.pk).update(date_joined=now - timedelta(days=age))
    moderator = get_user_model().objects.filter(username="moderator").first()
    senior = _user("senior", "Sasha Senior")
    senior.is_staff = True
    senior.save(update_fields=["is_staff"])
    senior.groups.add(Group.objects.get_or_create(name=SENIOR_MODERATORS)[0])
    deciders = [m for m in (moderator, senior) if m is not None]
    rng = random.Random(6)  # noqa: S311 - demo data, not security

    # Four weeks of history: comments decided by the two moderators, for the dashboard.
    decided = 0
    for days_ago in range(27, 0, -1):
        for _n in range(rng.randint(2, 6)):
            article = rng.choice(articles)
            author = rng.choice([people["sam_writes"], people["nightowl"], people["grumpy_gus"]])
            posted = now - timedelta(days=days_ago, hours=rng.randint(0, 12))
            waited = timedelta(minutes=rng.randint(4, 60 * 9))
            if rng.random() < 0.6:
                text, rule, outcome, status = rng.choice(CLEAN_HISTORY), "", "approve", "published"
            else:
                rule, text = rng.choice(REJECTED_HISTORY)
                outcome, status = "reject", "rejected"
            comment = _comment(article, author, text, status, posted)
            who = rng.choice(deciders)
            Decision.objects.create(
                comment=comment,
                moderator=who,
                outcome=outcome,
                source=Decision.Source.HELD,
                rule=rule,
                text=text,
                waited_seconds=int(waited.total_seconds()),
                created_at=posted + waited,
            )
            AuditEntry.objects.create(
                actor=who,
                actor_name=who.get_username(),
                action=f"comment.{outcome}",
                target_type="discussion.comment",
                target_id=str(comment.pk),
                details={"rule": rule, "source": "held", "from": "held", "to": status},
                created_at=posted + waited,
            )
            decided += 1

    # Gus was put in pre-moderation automatically after his rejections.
    Sanction.objects.create(
        user=people["grumpy_gus"],
        kind=Sanction.Kind.PREMODERATION,
        reason="3 comments rejected in 7 days: new comments wait for a moderator.",
        automatic=True,
        ends_at=now + timedelta(days=10),
    )

    # The queue: held comments, then published ones that readers reported.
    for n, (username, text) in enumerate(HELD):
        _comment(
            articles[n % len(articles)],
            people[username],
            text,
            Comment.Status.HELD,
            now - timedelta(minutes=15 + 23 * n),
        )
    for n, (username, text, reports) in enumerate(REPORTED):
        comment = _comment(
            articles[(n + 3) % len(articles)],
            people[username],
            text,
            Comment.Status.PUBLISHED,
            now - timedelta(hours=2 + n),
        )
        for reporter, rule, note in reports:
            Report.objects.create(comment=comment, reporter=people[reporter], rule=rule, note=note)
        Comment.objects.filter(pk=comment.pk).update(report_count=len(reports))

    # Bea was blocked last week and has asked for the block to be lifted.
    bea = people["bea_blocked"]
    insult = _comment(
        articles[0],
        bea,
        "Everyone who works at this paper is a liar and a coward.",
        Comment.Status.REJECTED,
        now - timedelta(days=6, hours=3),
    )
    block = Sanction.objects.create(
        user=bea,
        kind=Sanction.Kind.BLOCK,
        rule="insults",
        reason="Repeated insults aimed at the newsroom's staff (insults and threats).",
        created_by=moderator,
    )
    Sanction.objects.filter(pk=block.pk).update(created_at=now - timedelta(days=6))
    Appeal.objects.create(
        sanction=block,
        user=bea,
        subject="Restore access to my account",
        explanation=(
            "I wrote an angry comment calling the staff liars after the article about the "
            f"bridge (comment #{insult.pk}). That was wrong and I will keep my comments about "
            "the reporting, not the people. Please let me take part again."
        ),
    )
    stdout.write(
        f"demo moderation: {decided} past decisions, {len(HELD)} held and {len(REPORTED)} "
        "reported comments, a blocked reader (bea_blocked) with a pending appeal, "
        "senior moderator `senior`"
    )
