"""Names that only look different: the Kelvin sign "K", full-width letters, the "ﬁ" ligature.

Each is the same name to an editor, and the Kelvin sign lower-cases to "k", so PostgreSQL's
`Lower("name")` unique constraint calls it the same too. The admin must say so in the form, and
the tag box and the story importer must link the row that is already there.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Section
from authors.models import Author
from tagging.models import Actor, Country
from tagging.services.suggestions import suggestion_accept
from tagging.tags import tags_from_string

from .admin_forms import admin_form_data
from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

KELVIN = "\u212a"  # K, the Kelvin sign
NAME = "Kelvin Fisher"
LOOKALIKES = {
    "kelvin-sign": f"{KELVIN}elvin Fisher",
    "full-width": "Ｋｅｌｖｉｎ Ｆｉｓｈｅｒ",
    "fi-ligature": "Kelvin \ufb01sher",
    "kelvin-sign-lower-case": f"{KELVIN}ELVIN FISHER",
}
# Model, its admin's app and model name, and what the add form needs besides the name.
ADMIN_PAGES = {
    "author": (Author, AuthorFactory, "authors_author", {}),
    "section": (Section, SectionFactory, "articles_section", {}),
    "actor": (Actor, ActorFactory, "tagging_actor", {}),
    "country": (Country, CountryFactory, "tagging_country", {"code": "XK"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("lookalike", LOOKALIKES.values(), ids=list(LOOKALIKES))
@pytest.mark.parametrize("page", ADMIN_PAGES, ids=list(ADMIN_PAGES))
def test_adding_a_lookalike_of_an_existing_name_is_a_form_error(admin_client, page, lookalike):
    model, factory, admin_name, extra = ADMIN_PAGES[page]
    factory(name=NAME, slug="kelvin-fisher")
    url = reverse(f"admin:{admin_name}_add")
    data = admin_form_data(admin_client.get(url)) | extra | {"name": lookalike, "slug": "kelvin-fisher-2"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["name"] == [
        f"{model._meta.verbose_name.capitalize()} “{NAME}” already exists: names that differ only in capitals "
        "or in look-alike characters (a full-width “Ｋ”, the Kelvin sign) count as one."
    ]
    assert list(model.objects.values_list("name", flat=True)) == [NAME]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ADMIN_PAGES, ids=list(ADMIN_PAGES))
def test_a_name_typed_in_lookalike_letters_is_saved_in_ordinary_ones(admin_client, page):
    model, _factory, admin_name, extra = ADMIN_PAGES[page]
    url = reverse(f"admin:{admin_name}_add")
    data = admin_form_data(admin_client.get(url)) | extra | {"name": LOOKALIKES["full-width"], "slug": "kf"}
    assert admin_client.post(url, data).status_code == 302
    assert list(model.objects.values_list("name", flat=True)) == [NAME]


@pytest.mark.django_db
def test_an_author_may_keep_their_own_name_in_other_capitals(admin_client):
    author = AuthorFactory(name=NAME, slug="kelvin-fisher")
    url = reverse("admin:authors_author_change", args=[author.pk])
    data = admin_form_data(admin_client.get(url)) | {"name": "KELVIN FISHER"}
    assert admin_client.post(url, data).status_code == 302
    author.refresh_from_db()
    assert author.name == "KELVIN FISHER"


def test_the_tag_box_reads_lookalikes_as_one_name():
    assert tags_from_string(f"{NAME}, {LOOKALIKES['kelvin-sign']}, {LOOKALIKES['full-width']}") == [NAME]


@pytest.mark.django_db
def test_lookalikes_typed_in_the_article_tag_box_tag_the_existing_actor(admin_client):
    actor = ActorFactory(name=NAME, slug="kelvin-fisher")
    article = ArticleFactory(headline="Talks in Cairo")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(admin_client.get(url)) | {"actors": LOOKALIKES["kelvin-sign-lower-case"]}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert list(article.actors.all()) == [actor]
    assert Actor.objects.count() == 1


@pytest.mark.django_db
def test_accepting_a_lookalike_suggestion_reuses_the_actor():
    actor = ActorFactory(name=NAME, slug="kelvin-fisher")
    article = ArticleFactory()
    assert suggestion_accept(article=article, name=LOOKALIKES["kelvin-sign"], kind="person") == actor
    assert list(article.actors.all()) == [actor]
    assert Actor.objects.count() == 1


@pytest.mark.django_db
def test_importing_a_story_with_lookalike_names_links_the_existing_rows(tmp_path, capsys):
    author = AuthorFactory(name=NAME, slug="kelvin-fisher")
    section = SectionFactory(name="World", slug="world")
    actor = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    story = tmp_path / "cairo.txt"
    story.write_text(
        f"Ｗorld\n\nTalks resume in Cairo\n\n{KELVIN}halifa Haftar sent envoys.\n\n{LOOKALIKES['kelvin-sign']}\n",
        encoding="utf-8",
    )
    call_command("import_stories", str(story))
    assert "1 created, 0 updated, 0 failed" in capsys.readouterr().out
    article = Article.objects.get()
    assert article.section == section
    assert [byline.author for byline in article.bylines.all()] == [author]
    assert list(article.actors.all()) == [actor]
    assert (Author.objects.count(), Section.objects.count(), Actor.objects.count()) == (1, 1, 1)
