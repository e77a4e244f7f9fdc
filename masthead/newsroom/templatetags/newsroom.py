from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from masthead.newsroom.models import Article

register = template.Library()

# The same escapes as Django's json_script: the JSON can never close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def article_jsonld(article: Article) -> SafeString:
    """schema.org NewsArticle, for search engines and news aggregators."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "mainEntityOfPage": settings.SITE_URL + article.get_absolute_url(),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": article.language,
        "author": [
            {"@type": "Person", "name": a.name, "url": settings.SITE_URL + a.get_absolute_url()}
            for a in article.authors.all()
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL,
        },
    }
    if article.lead_photo is not None:
        data["image"] = [settings.SITE_URL + article.lead_photo.best_url]
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))
