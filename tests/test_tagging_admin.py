"""Editors in the admin: suggested actors on the article page, aliases, merging duplicates."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tagging.models import Actor, ArticleActor, Country, DismissedSuggestion, IgnoredName
from tagging.services.tagging import articles_tag

from .factories import ActorFactory, ArticleFactory, CountryFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Forces loyal to Haftar shelled Tripoli, reported Africa News.</p>"
    "<p>The mayor of Tripoli asked the Libyan Red Crescent for help.</p>"
)


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def accept_url(article, kind="person") -> str:
    return reverse("admin:articles_article_accept_suggestion", args=[article.pk]) + f"?kind={kind}"


@pytest.fixture
def article():
    ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar", aliases="Haftar")
    return ArticleFactory(headline="Shelling in the capital", dek="", body=BODY)


def dismiss_url(article) -> str:
    return reverse("admin:articles_article_dismiss_suggestion", args=[article.pk])


def country_url(article) -> str:
    return reverse("admin:articles_article_accept_country_suggestion", args=[article.pk])


def suggestion_rows(content: str) -> dict[str, list[str]]:
    """Each suggestion's name and the labels of its buttons, as the page shows them."""
    rows = {}
    for row in re.findall(r'<li class="tag-suggestion">(.*?)</li>', content, re.S):
        name = re.search(r"<strong>(.*?)</strong>", row).group(1)
        rows[name] = re.findall(r"<button[^>]*>(.*?)</button>", row)
    return rows


def test_change_page_suggests_tags_each_with_add_and_dismiss(admin_client, article):
    content = admin_client.get(change_url(article)).content.decode()
    assert "Suggested tags" in content
    rows = suggestion_rows(content)
    # Tripoli is a place, not an actor: the Libyan story's Tripoli suggests Libya.
    assert rows == {
        "Libya": ["Add", "Dismiss"],
        "Libyan Red Crescent": ["Add", "Dismiss"],
        "Africa News": ["Add", "Dismiss"],
    }
    assert "country · Tripoli · 2 mentions" in content
    assert "organisation · 1 mention" in content
    assert f'formaction="{accept_url(article, "organisation")}"' in content
    assert f'formaction="{country_url(article)}" formnovalidate name="suggestion" value="LY"' in content
    assert reverse("admin:tagging_ignoredname_changelist") in content


def test_add_page_explains_suggestions_come_after_saving(admin_client):
    content = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "Suggestions appear once the article is saved." in content


def test_accepting_a_suggestion_creates_the_actor_and_tags_the_article(admin_client, article):
    response = admin_client.post(accept_url(article, "organisation"), {"suggestion": "Libyan Red Crescent"})
    assert response.status_code == 302
    assert response["Location"] == change_url(article) + "#suggestions"
    actor = Actor.objects.get(name="Libyan Red Crescent")
    assert actor.kind == Actor.Kind.ORGANISATION
    assert list(article.actors.names()) == ["Libyan Red Crescent"]

    page = admin_client.get(change_url(article)).content.decode()
    assert "“Libyan Red Crescent” (organisation) now tags this article." in page
    assert "<strong>Libyan Red Crescent</strong>" not in page  # no longer suggested


def test_accepting_an_existing_name_reuses_the_actor(admin_client, article):
    existing = ActorFactory(name="Tripoli", slug="tripoli")
    admin_client.post(accept_url(article), {"suggestion": "tripoli"})
    assert Actor.objects.filter(name__iexact="tripoli").count() == 1
    assert list(article.actors.all()) == [existing]


def test_accepting_twice_tags_once(admin_client, article):
    admin_client.post(accept_url(article), {"suggestion": "Africa News"})
    admin_client.post(accept_url(article), {"suggestion": "Africa News"})
    assert ArticleActor.objects.filter(content_object=article).count() == 1


def test_a_bad_suggestion_is_refused_with_a_message(admin_client, article):
    response = admin_client.post(accept_url(article, "planet"), {"suggestion": "Tripoli"}, follow=True)
    assert "Not done: “planet” is not a kind of actor." in response.content.decode()
    response = admin_client.post(accept_url(article), {"suggestion": "   "}, follow=True)
    assert "Not done: The name is empty." in response.content.decode()
    assert not Actor.objects.exclude(name="Khalifa Haftar").exists()


def test_adding_a_suggested_country_tags_the_article_and_it_is_no_longer_suggested(admin_client, article):
    response = admin_client.post(country_url(article), {"suggestion": "LY"}, follow=True)
    page = response.content.decode()
    assert "“Libya” now tags this article." in page
    assert list(article.countries.values_list("code", flat=True)) == ["LY"]
    assert "Libya" not in suggestion_rows(page)


def test_a_bad_country_code_is_refused(admin_client, article):
    response = admin_client.post(country_url(article), {"suggestion": "XX"}, follow=True)
    assert "Not done: “XX” is not a country code." in response.content.decode()
    assert not article.countries.exists()


def test_a_dismissed_suggestion_stays_gone_on_that_story_only(admin_client, article):
    other = ArticleFactory(headline="Calm returns", dek="", body="<p>Reporters from Africa News went home.</p>")
    for name in ("Africa News", "Libya"):
        response = admin_client.post(dismiss_url(article), {"suggestion": name}, follow=True)
        assert f"“{name}” will not be suggested for this article again." in response.content.decode()
    assert set(suggestion_rows(admin_client.get(change_url(article)).content.decode())) == {"Libyan Red Crescent"}
    assert "Africa News" in suggestion_rows(admin_client.get(change_url(other)).content.decode())
    assert not Actor.objects.filter(name="Africa News").exists()
    assert DismissedSuggestion.objects.get(name="Libya").dismissed_by.is_superuser


def test_dismissing_twice_keeps_one_row(admin_client, article):
    admin_client.post(dismiss_url(article), {"suggestion": "Africa News"})
    admin_client.post(dismiss_url(article), {"suggestion": "africa news"})
    assert DismissedSuggestion.objects.filter(article=article).count() == 1


def test_dismissing_needs_permission_to_change_the_story(client, article):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    assert client.post(dismiss_url(article), {"suggestion": "Africa News"}).status_code == 403
    assert not DismissedSuggestion.objects.exists()


def test_a_name_ignored_site_wide_is_never_suggested_again(admin_client, article):
    other = ArticleFactory(headline="Calm returns", dek="", body="<p>Reporters from Africa News went home.</p>")
    ignore = reverse("admin:articles_article_ignore_suggestion", args=[article.pk])

    response = admin_client.post(ignore, {"suggestion": "Africa News"}, follow=True)

    assert "“Africa News” will not be suggested again." in response.content.decode()
    for page in (change_url(article), change_url(other)):
        assert "Africa News" not in suggestion_rows(admin_client.get(page).content.decode())


def test_dismissed_names_can_be_ignored_everywhere_from_the_admin(admin_client, article):
    admin_client.post(dismiss_url(article), {"suggestion": "Africa News"})
    changelist = reverse("admin:tagging_dismissedsuggestion_changelist")
    response = admin_client.post(
        changelist,
        {"action": "ignore_everywhere", "_selected_action": [DismissedSuggestion.objects.get().pk]},
        follow=True,
    )
    assert "Not suggested on any story from now on: Africa News." in response.content.decode()
    assert IgnoredName.objects.filter(name="Africa News").exists()


def test_accepting_needs_post(admin_client, article):
    assert admin_client.get(accept_url(article)).status_code == 405
    assert not Actor.objects.filter(name="Tripoli").exists()


def test_accepting_needs_the_csrf_token(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(accept_url(article), {"suggestion": "Tripoli"})
    assert response.status_code == 403
    assert not Actor.objects.filter(name="Tripoli").exists()


def test_accepting_needs_permission_to_add_actors(client, article):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article", "publish_article"])
    )
    client.force_login(editor)
    assert client.post(accept_url(article), {"suggestion": "Tripoli"}).status_code == 403
    assert not Actor.objects.filter(name="Tripoli").exists()

    editor.user_permissions.add(Permission.objects.get(codename="add_actor"))
    client.force_login(editor)
    assert client.post(accept_url(article), {"suggestion": "Tripoli"}).status_code == 302
    assert Actor.objects.filter(name="Tripoli").exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, article):
    response = client.post(accept_url(article), {"suggestion": "Tripoli"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Actor.objects.filter(name="Tripoli").exists()


@pytest.mark.parametrize("rows", [2, 50])
def test_change_page_queries_do_not_grow_with_actors(admin_client, django_assert_num_queries, article, rows):
    for number in range(rows):
        ActorFactory(aliases=f"Alias {number}")
    admin_client.get(change_url(article))  # warm the session and content types
    with django_assert_num_queries(19):  # + corrections; + places, dismissed, tagged countries, names; + live blog box
        admin_client.get(change_url(article))


def test_aliases_are_editable_in_the_admin(admin_client):
    actor = ActorFactory(name="Fayez Al-Sarraj", slug="fayez-al-sarraj", kind="person")
    response = admin_client.post(
        reverse("admin:tagging_actor_change", args=[actor.pk]),
        {"name": actor.name, "slug": actor.slug, "kind": "person", "aliases": "Sarraj\nFayez al-Serraj"},
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.alias_list == ["Sarraj", "Fayez al-Serraj"]


def merge(admin_client, model_name: str, tags, keep):
    url = reverse(f"admin:tagging_{model_name}_changelist")
    data = {"action": "merge_selected", "_selected_action": [tag.pk for tag in tags]}
    confirmation = admin_client.post(url, data)
    assert confirmation.status_code == 200
    assert "Choose the" in confirmation.content.decode()
    return admin_client.post(url, {**data, "merge_into": keep.pk}, follow=True)


def test_merging_actors_moves_articles_and_keeps_names_as_aliases(admin_client):
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar", aliases="Haftar")
    hifter = ActorFactory(name="Khalifa Hifter", slug="khalifa-hifter", aliases="Hifter")
    marshal = ActorFactory(name="Marshal Haftar", slug="marshal-haftar")
    both = ArticleFactory(actors=[haftar, hifter])
    only_hifter = ArticleFactory(actors=[hifter])
    only_marshal = ArticleFactory(actors=[marshal])

    response = merge(admin_client, "actor", [haftar, hifter, marshal], keep=haftar)

    assert "Merged into “Khalifa Haftar”: 2 article(s) moved" in response.content.decode()
    assert list(Actor.objects.all()) == [haftar]
    haftar.refresh_from_db()
    assert haftar.alias_list == ["Haftar", "Khalifa Hifter", "Hifter", "Marshal Haftar"]
    for article in (both, only_hifter, only_marshal):
        assert list(article.actors.all()) == [haftar]

    # The merged names still tag new stories.
    story = ArticleFactory(headline="Hifter speaks", dek="", body="<p>Hifter spoke.</p>")
    articles_tag(articles=[story])
    assert list(story.actors.all()) == [haftar]


def test_merging_countries(admin_client):
    turkey = CountryFactory(name="Turkey", slug="turkey", code="TR")
    typo = CountryFactory(name="Turkiye", slug="turkiye", code="TU")
    article = ArticleFactory(countries=[typo])

    merge(admin_client, "country", [turkey, typo], keep=turkey)

    assert list(Country.objects.all()) == [turkey]
    assert list(article.countries.all()) == [turkey]
    turkey.refresh_from_db()
    assert turkey.alias_list == ["Turkiye"]


def test_merging_one_is_refused(admin_client):
    actor = ActorFactory()
    response = admin_client.post(
        reverse("admin:tagging_actor_changelist"),
        {"action": "merge_selected", "_selected_action": [actor.pk]},
        follow=True,
    )
    assert "Select at least two to merge." in response.content.decode()
    assert Actor.objects.count() == 1


def article_form_data(article, **changes) -> dict:
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "section": article.section.pk,
        "dek": "",
        "body": "<p>Text.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "actors": "",
        "countries": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "version_loaded": article.version,
    }
    return {**data, **changes}


def test_countries_typed_in_the_article_form_get_their_iso_code(admin_client):
    CountryFactory(name="Türkiye", slug="turkiye", code="TR")
    article = ArticleFactory()
    response = admin_client.post(change_url(article), article_form_data(article, countries="turkey, uk, LY, Libya"))
    assert response.status_code == 302, response.content.decode()
    assert sorted(article.countries.values_list("name", "code")) == [
        ("Libya", "LY"),
        ("Türkiye", "TR"),
        ("United Kingdom", "GB"),
    ]


def test_a_name_that_is_no_country_is_refused_and_nothing_saved(admin_client):
    article = ArticleFactory()
    response = admin_client.post(change_url(article), article_form_data(article, countries="Libya, Narnia"))
    assert response.status_code == 200
    assert "Not a country: Narnia." in response.content.decode()
    assert not Country.objects.exists()
    assert article.countries.count() == 0


def test_an_alias_that_is_another_actors_name_is_refused(admin_client):
    ActorFactory(name="Khalifa Hifter", slug="khalifa-hifter")
    actor = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    response = admin_client.post(
        reverse("admin:tagging_actor_change", args=[actor.pk]),
        {"name": actor.name, "slug": actor.slug, "kind": "person", "aliases": "Haftar\nkhalifa hifter"},
    )
    assert response.status_code == 200
    assert "Already the name of another actor: Khalifa Hifter. Merge the two from the list instead." in (
        response.content.decode()
    )
    actor.refresh_from_db()
    assert actor.aliases == ""
