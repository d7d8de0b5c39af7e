"""Odd but ordinary input that must not break pages, and names only drafts know staying unpublished."""

import pytest
from django.urls import reverse

from tagging.models import Actor, Country

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory

pytestmark = pytest.mark.django_db


def test_accented_tag_names_typed_by_editors_get_working_pages(client):
    article = ArticleFactory()
    article.actors.add("Recep Tayyip Erdoğan")
    article.countries.add("Côte d'Ivoire")
    actor = Actor.objects.get(name="Recep Tayyip Erdoğan")
    assert actor.slug == "recep-tayyip-erdogan"
    for url in [article.get_absolute_url(), actor.get_absolute_url(), "/actors/", "/countries/"]:
        assert client.get(url).status_code == 200, url
    assert "Recep Tayyip Erdoğan" in client.get(actor.get_absolute_url()).content.decode()
    assert Country.objects.filter(slug__regex=r"^[-a-z0-9]+$").count() == Country.objects.count()


def test_two_accented_names_with_the_same_letters_get_two_slugs():
    article = ArticleFactory()
    article.actors.add("Gül", "Gul")
    assert sorted(Actor.objects.values_list("slug", flat=True)) == ["gul", "gul-2"]


def test_actor_and_author_known_only_from_a_draft_have_no_public_page_or_feed(client):
    whistleblower = ActorFactory(name="Jane Whistleblower", slug="jane-whistleblower")
    new_hire = AuthorFactory(name="New Hire", slug="new-hire")
    ArticleFactory(draft=True, actors=[whistleblower], authors=[new_hire])
    ArticleFactory(scheduled=True, actors=[whistleblower], authors=[new_hire])
    for url in [
        whistleblower.get_absolute_url(),
        new_hire.get_absolute_url(),
        reverse("articles:feed-actor-rss", kwargs={"slug": "jane-whistleblower"}),
        reverse("articles:feed-author-atom", kwargs={"slug": "new-hire"}),
    ]:
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("articles:list")).content.decode()
    assert "New Hire" not in listing
    probe = client.get(reverse("articles:list"), {"actor": "jane-whistleblower"}).content.decode()
    assert "There is no actor called “jane-whistleblower”." in probe


def test_actor_page_appears_once_a_story_about_them_is_published(client):
    actor = ActorFactory(slug="fayez-al-sarraj")
    draft = ArticleFactory(draft=True, actors=[actor])
    assert client.get(actor.get_absolute_url()).status_code == 404
    draft.status, draft.published_at = "published", ArticleFactory().published_at
    draft.save()
    assert client.get(actor.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("year", ["0", "99999", "²", "abc"])
def test_admin_year_filter_ignores_years_it_does_not_offer(admin_client, year):
    ArticleFactory(headline="Kept in the list")
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"year": year})
    assert response.status_code == 200
    assert "Kept in the list" in response.content.decode()


def test_api_rate_limit_ignores_a_forged_forwarded_for(client, settings):
    settings.NEWSROOM_API_ANON_RATE = "2/minute"
    codes = [client.get("/api/sections/", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code for number in range(4)]
    assert codes == [200, 200, 429, 429]


@pytest.mark.parametrize("url", ["/api/articles/%00/", "/api/actors/%00/", "/api/sections/a%20b/"])
def test_api_odd_slugs_are_404(client, url):
    assert client.get(url).status_code == 404


def test_conditional_get_with_a_star_does_not_hide_a_missing_page(client):
    assert client.get("/articles/no-such-story/", HTTP_IF_NONE_MATCH="*").status_code == 404


def test_country_filter_offers_only_countries_with_published_stories(client):
    CountryFactory(name="Libya", slug="libya", code="LY")
    CountryFactory(name="Atlantis", slug="atlantis", code="QQ")
    ArticleFactory(countries=[Country.objects.get(code="LY")])
    ArticleFactory(draft=True, countries=[Country.objects.get(code="QQ")])
    listing = client.get(reverse("articles:list")).content.decode()
    assert ">Libya</option>" in listing
    assert "Atlantis" not in listing
