"""The article page: bylines in order, tags, author box, related articles, safe HTML."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory

pytestmark = pytest.mark.django_db


def test_bylines_read_in_the_order_editors_set(client):
    first = AuthorFactory(name="Zoe Zimmer")
    second = AuthorFactory(name="Adam Abbott")
    third = AuthorFactory(name="Maria Martin")
    article = ArticleFactory(authors=[first, second, third])
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Zoe Zimmer</a>, <a" in content
    byline = content[content.index('class="byline"') :]
    assert byline.index("Zoe Zimmer") < byline.index("Adam Abbott") < byline.index("Maria Martin")
    assert f'href="{first.get_absolute_url()}"' in content


def test_article_page_shows_story_tags_and_author_box(client):
    author = AuthorFactory(name="Caroline Finnegan", bio="A professional journalist for ten years.")
    haftar = ActorFactory(name="Khalifa Haftar")
    libya = CountryFactory(name="Libya", code="LY")
    article = ArticleFactory(
        headline="Libya: GNA calls out allies",
        dek="Tripoli asks for help.",
        authors=[author],
        actors=[haftar],
        countries=[libya],
    )
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Libya: GNA calls out allies</h1>" in content
    assert "Tripoli asks for help." in content
    assert article.section.name in content
    assert f'href="{haftar.get_absolute_url()}"' in content
    assert f'href="{libya.get_absolute_url()}"' in content
    assert "A professional journalist for ten years." in content
    assert "<title>Libya: GNA calls out allies · Newsroom</title>" in content


def test_related_articles_share_most_tags_newer_first_among_equals(client):
    haftar, un, sarraj = ActorFactory(), ActorFactory(), ActorFactory()
    libya, turkey = CountryFactory(code="LY"), CountryFactory(code="TR")
    now = timezone.now()
    story = ArticleFactory(actors=[haftar, un, sarraj], countries=[libya, turkey])
    three_shared = ArticleFactory(actors=[haftar, un], countries=[libya], published_at=now - timedelta(days=9))
    one_shared_new = ArticleFactory(countries=[turkey], published_at=now - timedelta(days=1))
    one_shared_old = ArticleFactory(actors=[sarraj], published_at=now - timedelta(days=5))
    two_shared = ArticleFactory(actors=[un], countries=[turkey], published_at=now - timedelta(days=8))
    ArticleFactory(actors=[ActorFactory()])  # shares nothing
    ArticleFactory(actors=[haftar, un, sarraj], draft=True)
    ArticleFactory(actors=[haftar, un, sarraj], scheduled=True)
    for _ in range(3):
        ArticleFactory(countries=[libya], published_at=now - timedelta(days=30))

    related = client.get(story.get_absolute_url()).context["related_articles"]

    assert related[:4] == [three_shared, two_shared, one_shared_new, one_shared_old]
    assert len(related) == 5
    assert story not in related


def test_article_without_tags_has_no_related_articles(client):
    article = ArticleFactory()
    ArticleFactory()
    assert client.get(article.get_absolute_url()).context["related_articles"] == []


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<svg onload="alert(1)"><circle r="1"/></svg>',
        '<p onclick="alert(1)">text</p>',
        '<iframe src="https://evil.example"></iframe>',
        '<a href="&#106;avascript:alert(1)">encoded</a>',
        "<style>body{display:none}</style>",
    ],
)
def test_body_html_is_sanitized_on_save(client, payload):
    article = ArticleFactory(body=f"<p>Safe paragraph.</p>{payload}")
    stored = Article.objects.get(pk=article.pk).body
    content = client.get(article.get_absolute_url()).content.decode()
    story_body = content[content.index('class="story-body"') : content.index("</article>")]
    for dangerous in ["<script", "onerror", "onload", "onclick", "javascript:", "<svg", "<iframe", "<style"]:
        assert dangerous not in stored.lower()
        assert dangerous not in story_body.lower()
    assert "<p>Safe paragraph.</p>" in stored


def test_allowed_markup_survives_sanitizing():
    html = (
        "<h2>Heading</h2><p><em>a</em> <strong>b</strong> "
        '<a href="https://example.com/x">link</a></p><ul><li>one</li></ul><blockquote>quote</blockquote>'
    )
    stored = ArticleFactory(body=html).body
    for kept in [
        "<h2>Heading</h2>",
        "<em>a</em>",
        "<strong>b</strong>",
        "<li>one</li>",
        "<blockquote>quote</blockquote>",
    ]:
        assert kept in stored
    assert 'href="https://example.com/x"' in stored
