"""`manage.py generate_content`: realistic, repeatable content at any size, written in bulk."""

import re
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
    options.setdefault("pictures", 0)  # drawing pictures is for the tests about them
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


def test_a_share_of_stories_lead_with_real_pictures_and_their_renditions(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path / "media"
    output = generate(articles=60, pictures=3)
    assert "and 3 pictures" in output
    with_pictures = Article.objects.exclude(lead_image="")
    assert 10 <= with_pictures.count() <= 40  # about 40 %
    names = set(with_pictures.values_list("lead_image", flat=True))
    assert len(names) == 3
    for article in with_pictures:
        assert (article.lead_image_width, article.lead_image_height) == (1600, 900)
        assert article.lead_image_alt.startswith(("A city skyline", "Boats on the water"))
    renditions = list((tmp_path / "media" / "renditions").rglob("*.*"))
    assert len(renditions) == 3 * (6 * 2 + 3), "six widths in WebP and JPEG and three crops of each picture"
    wide = [path.stat().st_size for path in renditions if path.name.endswith("-1280w.jpg")]
    assert len(wide) == 3 and min(wide) > 40_000, "pictures that weigh what photographs do, not flat colour"
    front = client.get("/").content.decode()
    assert "<picture" in front and "-1280w.webp" in front


def test_headlines_agree_with_their_subjects():
    from demo.sample_content import VERB_FORMS

    generate(articles=300)
    actors = list(Actor.objects.values_list("name", flat=True))
    singulars = "|".join(singular for singular, _plural, _past in VERB_FORMS)
    two_subjects = re.compile(rf" and ({'|'.join(map(re.escape, actors))}) ({singulars}) ")
    headlines = list(Article.objects.values_list("headline", flat=True))
    assert not [headline for headline in headlines if two_subjects.search(headline)]
    assert sum(" and " in headline for headline in headlines) > 10, "the two-actor patterns are used"
    assert len({headline.split()[0] for headline in headlines}) > 30, "varied headlines"
