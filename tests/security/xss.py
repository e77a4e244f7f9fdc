"""The XSS corpus and a checker for active content in rendered HTML (shared by the tests)."""

from __future__ import annotations

from html.parser import HTMLParser

# Payloads a reader can type into any text field; each tries a different way out of the text.
XSS_PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    "<iframe src=javascript:window.__xss=1></iframe>",
    '<a href="javascript:window.__xss=1">click</a>',
    "javascript:window.__xss=1",
    'https://example.org/"onmouseover=window.__xss=1 x="',
    "https://example.org/'onfocus=window.__xss=1 autofocus '",
    "https://example.org/<script>window.__xss=1</script>",
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "{{ 7|add:7 }}{% debug %}",
    "<style>*{background:url(javascript:window.__xss=1)}</style>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "<object data=data:text/html,<script>window.__xss=1</script>>",
    "\u202e<script>window.__xss=1</script>",
    "</textarea><script>window.__xss=1</script>",
    "<!--<script>window.__xss=1</script>-->",
]

# Tags no page of ours uses; from a payload they would mean markup got through unescaped.
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "math", "mglyph"}


class ActiveContent(HTMLParser):
    """Collects what could run: inline scripts, handlers, script URLs, style attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        # A JSON data block (structured data for search engines) is never executed; what could
        # break out of it (a "</script>" in the data) would show up as a second script tag.
        data_block = (attributes.get("type") or "") in {"application/ld+json", "application/json"}
        if tag == "script" and not attributes.get("src") and not data_block:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("inline <style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            url_attribute = name in {"href", "src", "action", "formaction", "data", "xlink:href"}
            scheme = (value or "").strip().lower()
            if url_attribute and scheme.startswith(("javascript:", "data:text/html", "vbscript:")):
                self.problems.append(f"script URL in {name} on <{tag}>")


def active_content(html: str) -> ActiveContent:
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser
