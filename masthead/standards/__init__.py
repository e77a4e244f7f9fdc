"""The community standards engine.

Public API, for the other apps (keep it this shape)::

    from masthead.standards import review, ReviewContext, Verdict, Action

    verdict = review(text, ReviewContext(article_title=..., article_text=..., author_id=...,
                                         author_history=AuthorHistory(rejected=2),
                                         site_name=..., site_language="en", is_reply=False,
                                         now=timezone.now()))
    verdict.action                      # Action.PUBLISH / Action.HOLD / Action.REJECT
    verdict.score                       # 0..1: the highest probability that a rule is broken
    verdict.findings                    # (Finding(rule, score, evidence, detail, action), ...)
    verdict.explanation_for_author()    # plain words naming the rules, from the policy
    verdict.as_dict()                   # everything, JSON-serialisable, to store on a comment

``review`` is pure: it reads no database and no cache. Pass ``policy=`` (a :class:`Policy`),
``store=`` (a :class:`Store` of recent comments, for flooding and flash mobs; by default
nothing is remembered) and ``config=`` (model, blocklist, allowed hosts) to change what it
uses. Inside the site, call ``masthead.standards.service.review_comment(...)`` instead: it
builds all three from settings, the ``RuleSetting`` table and Django's cache.

This module imports nothing from Django's ORM, so importing it is cheap and safe anywhere.
"""

from masthead.standards.catalogue import CATALOGUE, DEFAULT_POLICY, Action, Policy, Rule
from masthead.standards.checks import EngineConfig
from masthead.standards.engine import review
from masthead.standards.store import MemoryStore, NullStore, Store
from masthead.standards.verdict import AuthorHistory, Evidence, Finding, ReviewContext, Verdict

__all__ = [
    "CATALOGUE",
    "DEFAULT_POLICY",
    "Action",
    "AuthorHistory",
    "EngineConfig",
    "Evidence",
    "Finding",
    "MemoryStore",
    "NullStore",
    "Policy",
    "ReviewContext",
    "Rule",
    "Store",
    "Verdict",
    "review",
]
