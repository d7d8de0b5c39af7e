"""An XSS corpus typed into the admin or arriving through the importer leaves nothing executable on the site."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from editorial.services.stories import story_import, story_parse

from .admin_forms import admin_form_data
from .factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">plain javascript link</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href=" javascript:alert(1)">leading space</a>',
    '<a href="java\tscript:alert(1)">tab inside</a>',
    '<a href="jav&#x61;script:alert(1)">hex entity</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>',
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>",
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data URL</a>',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">svg link</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<p onmouseover="alert(1)">hover me</p>',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    "<body onload=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]
SHORT = '"><script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)>'

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "content"}
# Inline SVG is allowed (the site draws its charts with it); script inside it is caught like anywhere else.
# The site's own script files, linked from the head of the pages that use them (no inline script anywhere).
SITE_SCRIPTS = {"/static/js/filters.js"}
ACTIVE_TAGS = {"iframe", "object", "embed", "base", "applet", "frame", "frameset"}


class ExecutableFinder(HTMLParser):
    """Collects every way the page could run script: script elements, handlers, script URLs, active tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_body = True
        own_script = not self.in_body and attributes.get("src") in SITE_SCRIPTS
        if tag == "script" and (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES and not own_script:
            self.found.append(f"<script {attributes}>")
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta refresh>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}>")
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and re.search(r"(^|url=)(javascript|vbscript|data:text/html)", squeezed):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("javascript:" in squeezed or "expression(" in squeezed):
                self.found.append(f"<{tag} style>")


def executable_parts(html: str) -> list[str]:
    finder = ExecutableFinder()
    finder.feed(html)
    return finder.found


def test_the_finder_sees_each_kind_of_payload_when_it_is_not_sanitized():
    found = executable_parts("<body>" + "".join(PAYLOADS))
    assert len(found) >= 20
    assert executable_parts('<script type="application/ld+json">{"a": "&lt;b&gt;"}</script><p>ok</p>') == []


def pages_of(client, article: Article) -> dict[str, str]:
    urls = {
        "story": article.get_absolute_url(),
        "front": reverse("articles:front"),
        "list": reverse("articles:list"),
        "section": article.section.get_absolute_url(),
        "feed": reverse("articles:feed-latest-rss"),
    }
    for byline in article.bylines.select_related("author"):
        urls["author"] = byline.author.get_absolute_url()
    for actor in article.actors.all():
        urls["actor"] = actor.get_absolute_url()
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        pages[name] = response.content.decode()
    return pages


def test_payloads_saved_through_the_admin_leave_nothing_executable(client):
    client.force_login(EditorFactory())
    article = ArticleFactory(headline="Safe headline")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(client.get(url)) | {
        "headline": SHORT,
        "dek": "".join(PAYLOADS),
        "body": "".join(f"<p>{payload}</p>" for payload in PAYLOADS),
        "actors": "<svg onload=alert(1)>, <img src=x onerror=alert(1)>",
        "status": "published",
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-date": "2024-01-02",
        "corrections-0-text": "".join(PAYLOADS),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.headline == SHORT  # kept as typed: it is text, escaped when shown
    client.logout()
    pages = pages_of(client, article)
    assert "&lt;script&gt;" in pages["story"]  # the headline is shown, escaped
    for name, html in pages.items():
        if name != "feed":
            assert executable_parts(html) == [], name
    assert "<script>" not in pages["feed"]


def test_payloads_arriving_through_the_importer_leave_nothing_executable(client):
    text = "\n\n".join(
        [
            "World",
            "Talks resume <script>alert(1)</script> in Geneva",
            *PAYLOADS,
            "Caroline Finnegan",
            'Reports from Geneva. <img src=x onerror=alert(1)> <a href="javascript:alert(1)">site</a>',
        ]
    )
    result = story_import(story=story_parse(text))
    assert result.article.is_public
    pages = pages_of(client, result.article)
    assert "alert(1)" in pages["story"]  # the text is there, as text
    for name, html in pages.items():
        if name != "feed":
            assert executable_parts(html) == [], name
