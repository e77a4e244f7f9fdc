from __future__ import annotations

import pytest

from masthead.standards import Action, EngineConfig, ReviewContext, review
from masthead.standards.blocklist import parse
from masthead.standards.checks.links import extract
from masthead.standards.classifier import get_model


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("see https://shop.example.com/deal", "shop.example.com"),
        ("hxxp://evil.example/x.exe", "evil.example"),
        ("visit evil[.]example/payload now", "evil.example"),
        ("go to cheap-pills(.)xyz", "cheap-pills.xyz"),
        ("type example dot com in your browser", "example.com"),
        ("www.Shop.RU/sale", "shop.ru"),
    ],
)
def test_it_finds_links_in_every_disguise(text: str, host: str) -> None:
    assert [link.host for link in extract(text.lower())] == [host]


@pytest.mark.parametrize(
    "text",
    ["e.g. this is fine", "Mr. Smith said i.e. no", "the U.S. and U.K. agreed", "3.5 percent"],
)
def test_it_does_not_mistake_abbreviations_for_links(text: str) -> None:
    assert extract(text.lower()) == []


def _config(blocklist_text: str = "", allowed: frozenset[str] = frozenset()) -> EngineConfig:
    return EngineConfig(model=get_model(), blocklist=parse(blocklist_text), allowed_hosts=allowed)


def test_it_rejects_a_link_to_a_blocklisted_host() -> None:
    config = _config("http://bad-host.example/download.exe\n")
    verdict = review("Great news, details at hxxp://bad-host[.]example/other", config=config)
    assert verdict.action is Action.REJECT
    finding = verdict.findings[0]
    assert finding.rule == "malware"
    assert finding.evidence[0].link == "http://bad-host.example/other"


def test_it_blocks_only_the_exact_address_on_shared_hosts() -> None:
    config = _config("https://github.com/someone/malware/raw/x.exe\n")
    assert "malware" not in review("see https://github.com/django/django", config=config).rules
    assert "malware" in review("get github.com/someone/malware/raw/x.exe", config=config).rules


def test_it_holds_a_link_to_an_unknown_host_as_advertising() -> None:
    verdict = review("More on this at https://some-blog.example/post", config=_config())
    assert "commercial" in verdict.rules
    assert verdict.action is Action.HOLD


def test_it_publishes_links_to_allowed_hosts() -> None:
    config = _config(allowed=frozenset({"masthead.example"}))
    text = "Compare https://en.wikipedia.org/wiki/New_START and https://masthead.example/a/1"
    assert review(text, ReviewContext(), config=config).action is Action.PUBLISH
