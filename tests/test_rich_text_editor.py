"""The body is edited with a rich-text editor that works offline and stores only allowed HTML."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from articles.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, BODY_EDITOR_EXTENSIONS

from .factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db


def test_the_editor_can_only_make_tags_the_stored_html_allows():
    allowed = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)
    assert allowed["tags"] <= ALLOWED_TAGS
    assert allowed["url_schemes"] == {"http", "https", "mailto"}
    assert ALLOWED_ATTRIBUTES["a"] >= {"href"}


def test_change_form_loads_the_editor_from_this_site_with_the_csp_nonce(client):
    client.force_login(EditorFactory())
    article = ArticleFactory()
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    page = response.content.decode()
    assert "data-django-prose-editor-configurable" in page
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in page
    # Every other script is a file served by this site, so it works with no network.
    sources = re.findall(r'<script[^>]* src="([^"]+)"', page)
    assert "/static/django_prose_editor/editor.js" in sources
    for src in sources:
        assert src.startswith("/") and not src.startswith("//"), src
        if src.startswith("/static/"):
            assert finders.find(src.removeprefix("/static/").split("?")[0]), src


def test_rich_text_from_the_editor_is_sanitized_to_the_allow_list(client):
    from .admin_forms import admin_form_data

    client.force_login(EditorFactory())
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    body = (
        "<h2>Background</h2><p><strong>Bold</strong> <em>and</em> "
        '<a href="https://example.com" target="_blank">a link</a></p><ul><li>one</li></ul>'
        '<p style="color:red" class="x"><span>plain</span></p><img src="x.png">'
    )
    client.post(url, admin_form_data(client.get(url)) | {"body": body})
    article.refresh_from_db()
    assert article.body == (
        '<h2>Background</h2><p><strong>Bold</strong> <em>and</em> <a href="https://example.com" '
        'rel="noopener noreferrer nofollow">a link</a></p><ul><li>one</li></ul><p>plain</p>'
    )
