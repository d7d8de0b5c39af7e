"""`manage.py generate_content`: realistic, repeatable content at any size, written in bulk."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from articles.models import Article, Section
from authors.models import Author
from tagging.models import Actor, Country

pytestmark = pytest.mark.django_db

UNTIL = datetime(2026, 1, 1, tzinfo=UTC)


def generate(articles=60, **options) -> str:
    out = StringIO()
    flags = [f"--{name}={value}" for name, value in options.items() if value is not True]
    flags += [f"--{name}" for name, value in options.items() if value is True]
    call_command(
        "generate_content",
        f"--articles={articles}",
        "--authors=20",
        "--actors=50",
        "--until=2026-01-01",
        *flags,
        stdout=out,
    )
    return out.getvalue()


def test_generates_sections_authors_actors_countries_and_articles():
    output = generate()
    assert "Generated 60 articles" in output
    assert Section.objects.count() == 12
    assert Author.objects.count() == 20
    assert Actor.objects.count() == 50
    assert Country.objects.count() == 249
    assert Country.objects.filter(code="LY", name="Libya").exists()
    assert Article.objects.count() == 60


def test_articles_have_bylines_tags_and_long_bodies_over_ten_years():
    generate()
    articles = Article.objects.annotate(
        n_bylines=Count("bylines", distinct=True),
        n_actors=Count("actor_items", distinct=True),
        n_countries=Count("country_items", distinct=True),
    )
    for article in articles:
        assert 1 <= article.n_bylines <= 3
        assert 3 <= article.n_actors + article.n_countries <= 8
        assert 1 <= article.n_countries <= 3
        assert 400 <= len(article.body.split()) <= 900
    dated = Article.objects.exclude(published_at=None)
    assert min(a.published_at for a in dated) >= UNTIL - timedelta(days=3655)
    assert Article.objects.filter(published_at__gt=UNTIL).count() == 5  # scheduled


def test_the_same_seed_gives_the_same_content():
    generate(seed=3)
    first = list(Article.objects.order_by("id").values_list("headline", "slug", "published_at", "section__name"))
    generate(seed=3, flush=True)
    again = list(Article.objects.order_by("id").values_list("headline", "slug", "published_at", "section__name"))
    assert first == again
    generate(seed=4, flush=True)
    other = list(Article.objects.order_by("id").values_list("headline", "slug", "published_at", "section__name"))
    assert other != first


def test_refuses_to_write_over_existing_content_without_flush():
    generate()
    with pytest.raises(CommandError, match="already has 60 articles"):
        generate()
    assert Article.objects.count() == 60


def test_generated_site_is_readable(client):
    generate()
    story = Article.objects.published().first()
    assert client.get(reverse("articles:list")).status_code == 200
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert story.headline.replace("'", "&#x27;") in response.content.decode()


def test_search_finds_generated_stories(client):
    generate()
    response = client.get(reverse("articles:search") + "?q=referendum")
    assert response.status_code == 200
    assert "card-headline" in response.content.decode()
