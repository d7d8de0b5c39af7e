"""Old addresses keep working: slug changes, merges and editors' redirects answer 301, never in a loop or a chain."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redirects.models import Redirect
from redirects.services import redirect_record
from tagging.services.merging import tags_merge

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_a_published_storys_old_slug_answers_301(client):
    article = ArticleFactory(slug="old-slug")
    rename(article, "new-slug")
    response = client.get("/articles/old-slug/")
    assert (response.status_code, response["Location"]) == (301, "/articles/new-slug/")
    assert client.get("/articles/new-slug/").status_code == 200


def test_changing_the_slug_back_removes_the_redirect(client):
    article = ArticleFactory(slug="first")
    rename(article, "second")
    rename(article, "first")
    assert client.get("/articles/first/").status_code == 200
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/articles/second/", "/articles/first/")]
    assert client.get("/articles/second/")["Location"] == "/articles/first/"


def test_chains_collapse_to_one_hop(client):
    article = ArticleFactory(slug="a")
    rename(article, "b")
    rename(article, "c")
    assert sorted(Redirect.objects.values_list("old_path", "new_path")) == [
        ("/articles/a/", "/articles/c/"),
        ("/articles/b/", "/articles/c/"),
    ]
    assert client.get("/articles/a/")["Location"] == "/articles/c/"


def test_a_draft_or_scheduled_story_leaves_no_redirect(client):
    draft = ArticleFactory(draft=True, slug="draft-old")
    scheduled = ArticleFactory(scheduled=True, slug="later-old")
    rename(draft, "draft-new")
    rename(scheduled, "later-new")
    assert not Redirect.objects.exists()
    assert client.get("/articles/draft-old/").status_code == 404


@pytest.mark.parametrize(
    ("factory", "prefix"),
    [
        (SectionFactory, "/sections/"),
        (AuthorFactory, "/authors/"),
        (ActorFactory, "/actors/"),
        (CountryFactory, "/countries/"),
    ],
)
def test_renaming_a_public_section_author_actor_or_country_leaves_a_redirect(client, factory, prefix):
    group = factory(slug="before")
    kind = group._meta.model_name
    relation = {"section": "section", "author": "authors", "actor": "actors", "country": "countries"}[kind]
    ArticleFactory(**{relation: group if kind == "section" else [group]})
    rename(group, "after")
    response = client.get(f"{prefix}before/")
    assert response.status_code == 301
    assert response["Location"] == group.get_absolute_url()


def test_an_actor_only_a_draft_names_leaves_no_redirect():
    actor = ActorFactory(slug="secret")
    ArticleFactory(draft=True, actors=[actor])
    rename(actor, "still-secret")
    assert not Redirect.objects.exists()


def test_merged_tags_lead_to_the_one_kept(client):
    keep, merged, unseen = ActorFactory(slug="haftar"), ActorFactory(slug="khalifa"), ActorFactory(slug="nobody")
    ArticleFactory(actors=[merged])
    tags_merge(target=keep, others=[merged, unseen])
    assert client.get("/actors/khalifa/")["Location"] == "/actors/haftar/"
    assert client.get("/actors/nobody/").status_code == 404  # never public: nothing to keep working
    assert client.get("/actors/haftar/").status_code == 200


def test_a_merge_into_a_tag_that_was_renamed_does_not_chain(client):
    keep, merged = ActorFactory(slug="one"), ActorFactory(slug="two")
    ArticleFactory(actors=[keep, merged])
    rename(keep, "uno")
    tags_merge(target=keep, others=[merged])
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/actors/one/": "/actors/uno/",
        "/actors/two/": "/actors/uno/",
    }


def test_the_service_never_writes_a_loop():
    redirect_record(old_path="/x/", new_path="/y/")
    redirect_record(old_path="/y/", new_path="/x/")
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/y/", "/x/")]


def test_an_editor_adds_a_redirect_in_the_admin_and_it_works(admin_client, client):
    ArticleFactory(slug="kept")
    response = admin_client.post(
        reverse("admin:redirects_redirect_add"), {"old_path": "/old/special/", "new_path": "/articles/kept/"}
    )
    assert response.status_code == 302
    assert client.get("/old/special/")["Location"] == "/articles/kept/"
    assert "/old/special/" in admin_client.get(reverse("admin:redirects_redirect_changelist")).content.decode()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("old/no-slash/", "/x/", "Start the old address with a single"),
        ("/same/", "/same/", "cannot lead to itself"),
        ("/a/", "javascript:alert(1)", "full https:// one"),
        ("/b/", "/onward/", "itself redirects to"),
    ],
)
def test_the_admin_refuses_a_bad_redirect_with_a_reason(admin_client, old, new, message):
    redirect_record(old_path="/onward/", new_path="/final/")
    response = admin_client.post(reverse("admin:redirects_redirect_add"), {"old_path": old, "new_path": new})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Redirect.objects.count() == 1


def test_a_normal_page_runs_no_more_queries_with_redirects(settings, django_assert_num_queries):
    ArticleFactory(slug="story")
    redirect_record(old_path="/somewhere/", new_path="/articles/story/")
    url = reverse("articles:front")
    settings.PAGE_CACHE = False
    Client().get(url)  # what each process keeps after its first page (the navigation) is made first
    with_redirects = settings.MIDDLEWARE
    settings.MIDDLEWARE = [name for name in with_redirects if name != "redirects.middleware.RedirectMiddleware"]
    with CaptureQueriesContext(connection) as baseline:
        assert Client().get(url).status_code == 200  # a new client loads the middleware of the moment
    settings.MIDDLEWARE = with_redirects
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert Client().get(url).status_code == 200
