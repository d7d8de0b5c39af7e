"""Purging by dependency: each kind of change makes stale exactly the pages that can show it.

Each test warms a small site, makes one kind of change the way editors and services make it, and
checks both sides: every page that shows the change shows it on the next request, and pages that
cannot show it are still served from the cache. They run on whichever database the settings name
(SQLite, or PostgreSQL with DATABASE_URL) and, in `redis` mode, against a private redis-server.
"""

import uuid

import pytest
from django.urls import reverse

from articles.models import Article
from editorial.services.publishing import articles_publish, articles_unpublish
from editorial.services.stories import story_import, story_parse
from images.originals import public_stem
from images.tasks import renditions_make
from newsroom.settings import redis_cache
from tagging.services.merging import tags_merge
from tagging.services.tagging import articles_tag
from tagging.tasks import articles_tag_chunk

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory
from .images import image_upload
from .page_cache import _page_cache_on  # noqa: F401  (fixture)
from .redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["configured", "redis"])
def cache_kind(request, tmp_path, settings):
    """Each test once with the configured cache and once with a private real Redis."""
    if request.param == "redis":
        if REDIS_SERVER is None:
            pytest.skip("redis-server is not installed")
        server = RedisServer(tmp_path)
        server.start()
        settings.CACHES = {"default": redis_cache(server.url, key_prefix=f"test-{uuid.uuid4().hex[:8]}")}
        yield request.param
        server.stop()
    else:
        yield request.param


@pytest.fixture
def site(cache_kind):
    """Two sections, two authors, two actors, two countries; one story in each, one draft."""
    world, sport = SectionFactory(name="World", slug="world"), SectionFactory(name="Sport", slug="sport")
    caroline, james = AuthorFactory(name="Caroline Finnegan"), AuthorFactory(name="James Boyd")
    haftar, sarraj = ActorFactory(name="Khalifa Haftar"), ActorFactory(name="Fayez al-Sarraj")
    libya, chad = CountryFactory(name="Libya", code="LY"), CountryFactory(name="Chad", code="TD")
    talks = ArticleFactory(
        headline="Tripoli talks resume", section=world, authors=[caroline], actors=[haftar], countries=[libya]
    )
    match = ArticleFactory(
        headline="Chad wins the cup", section=sport, authors=[james], actors=[sarraj], countries=[chad]
    )
    # A second story in World, so that no change here empties a section (that changes the navigation).
    ArticleFactory(headline="Benghazi port reopens", section=world, authors=[caroline])
    draft = ArticleFactory(
        headline="Ceasefire signed in Geneva", section=world, authors=[caroline], actors=[haftar], draft=True
    )
    return {
        "world": world,
        "sport": sport,
        "caroline": caroline,
        "james": james,
        "haftar": haftar,
        "sarraj": sarraj,
        "libya": libya,
        "chad": chad,
        "talks": talks,
        "match": match,
        "draft": draft,
    }


def url_of(thing) -> str:
    names = {"section": "articles:section", "author": "authors:detail", "actor": "tagging:actor"}
    name = names.get(thing._meta.model_name, "tagging:country")
    return reverse(name, kwargs={"slug": thing.slug})


def every_page(site) -> dict[str, str]:
    """Each kind of page, named."""
    return {
        "front": reverse("articles:front"),
        "archive": reverse("articles:list"),
        "archive by author": f"{reverse('articles:list')}?author={site['caroline'].slug}",
        "world": url_of(site["world"]),
        "sport": url_of(site["sport"]),
        "caroline": url_of(site["caroline"]),
        "james": url_of(site["james"]),
        "haftar": url_of(site["haftar"]),
        "sarraj": url_of(site["sarraj"]),
        "libya": url_of(site["libya"]),
        "chad": url_of(site["chad"]),
        "talks": site["talks"].get_absolute_url(),
        "match": site["match"].get_absolute_url(),
        "feed": reverse("articles:feed-latest-rss"),
        "sitemap": "/sitemap.xml",
    }


def warm(client, pages: dict[str, str]) -> None:
    for name, url in pages.items():
        client.get(url)
        assert client.get(url).get("X-Page-Cache") == "hit", name


def after(client, site, change) -> dict[str, tuple[bool, str]]:
    """Warm every page, make `change`, then for each page: (still from the cache, its text)."""
    pages = every_page(site)
    warm(client, pages)
    change()
    seen = {}
    for name, url in pages.items():
        response = client.get(url)
        seen[name] = (response.get("X-Page-Cache") == "hit", response.content.decode())
    return seen


def kept(seen) -> set[str]:
    return {name for name, (hit, _text) in seen.items() if hit}


def showing(seen, text: str) -> set[str]:
    return {name for name, (_hit, content) in seen.items() if text in content}


LISTS_OF_TALKS = {"front", "archive", "archive by author", "world", "caroline", "haftar", "libya", "feed"}


def test_editing_a_published_story_purges_its_page_and_the_pages_showing_it_only(client, site):
    talks = site["talks"]

    def edit():
        talks.headline = "Tripoli talks collapse"
        talks.save()

    seen = after(client, site, edit)
    assert showing(seen, "Tripoli talks collapse") >= LISTS_OF_TALKS | {"talks"}
    assert not showing(seen, "Tripoli talks resume")
    # The other section's and people's pages do not show the story: still cached.
    assert kept(seen) >= {"sport", "james", "sarraj", "chad", "match"}


def test_saving_a_draft_purges_nothing(client, site):
    draft = site["draft"]

    def edit():
        draft.headline = "Ceasefire talks in Geneva"
        draft.save()

    seen = after(client, site, edit)
    assert kept(seen) == set(every_page(site))
    assert not showing(seen, "Ceasefire")


def test_publishing_purges_the_lists_it_joins_and_not_the_others(client, site):
    seen = after(client, site, lambda: articles_publish(articles=[site["draft"]]))
    assert showing(seen, "Ceasefire signed in Geneva") >= {
        "front",
        "archive",
        "archive by author",
        "world",
        "caroline",
        "haftar",
        "feed",
    }
    assert kept(seen) >= {"sport", "james", "sarraj", "chad", "match"}


def test_unpublishing_purges_the_lists_it_leaves(client, site):
    seen = after(client, site, lambda: articles_unpublish(articles=[site["talks"]]))
    assert not showing(seen, "Tripoli talks resume")
    assert client.get(site["talks"].get_absolute_url()).status_code == 404
    assert kept(seen) >= {"sport", "james", "sarraj", "chad", "match"}


def test_moving_a_story_to_another_section_purges_both_sections(client, site):
    talks = site["talks"]

    def move():
        talks.section = site["sport"]
        talks.save()

    seen = after(client, site, move)
    assert "Tripoli talks resume" in seen["sport"][1]
    assert "Tripoli talks resume" not in seen["world"][1]
    assert kept(seen) >= {"james", "sarraj", "chad", "match"}


def test_retagging_through_the_manager_moves_the_story_between_actor_pages(client, site):
    seen = after(client, site, lambda: site["talks"].actors.set([site["sarraj"]]))
    assert "Tripoli talks resume" in seen["sarraj"][1]
    assert "Tripoli talks resume" not in seen["haftar"][1]
    assert kept(seen) >= {"james", "chad", "sport"}  # not the match: Sarraj's stories are its related ones


def test_bulk_tagging_puts_the_story_on_the_country_page(client, site):
    talks = site["talks"]
    Article.objects.filter(pk=talks.pk).update(body="<p>Delegates from Chad arrived in Tripoli.</p>")

    seen = after(client, site, lambda: articles_tag(articles=Article.objects.filter(pk=talks.pk)))
    assert "Tripoli talks resume" in seen["chad"][1]
    assert kept(seen) >= {"james", "sarraj", "sport"}


def test_merging_actors_moves_their_stories_to_the_one_kept(client, site):
    seen = after(client, site, lambda: tags_merge(target=site["sarraj"], others=[site["haftar"]]))
    assert "Tripoli talks resume" in seen["sarraj"][1]
    gone = client.get(url_of(site["haftar"]))
    assert (gone.status_code, gone["Location"]) == (301, url_of(site["sarraj"])), "the merged page sends readers on"
    assert "Khalifa Haftar" not in seen["talks"][1]


def test_editing_an_author_purges_every_page_showing_them(client, site):
    caroline = site["caroline"]

    def edit():
        caroline.bio = "Covers North Africa from Tunis."
        caroline.save()

    seen = after(client, site, edit)
    assert "Covers North Africa from Tunis." in seen["caroline"][1]
    assert "Covers North Africa from Tunis." in seen["talks"][1]
    assert kept(seen) >= {"james", "match", "sport", "sarraj", "chad"}


def test_renaming_a_section_purges_every_page_of_the_navigation(client, site):
    world = site["world"]

    def rename():
        world.name = "International"
        world.save()

    seen = after(client, site, rename)
    assert {name for name, (_hit, text) in seen.items() if "International" in text} >= {
        "front",
        "match",
        "sport",
        "talks",
    }


def test_the_first_story_of_a_new_section_purges_the_navigation_everywhere(client, site):
    science = SectionFactory(name="Science", slug="science")
    story = ArticleFactory(headline="Comet seen over Chad", section=science, draft=True)
    seen = after(client, site, lambda: articles_publish(articles=[story]))
    assert {name for name, (_hit, text) in seen.items() if "/sections/science/" in text} >= {"front", "match"}


def test_importing_a_story_shows_it_on_the_lists_it_joins(client, site):
    text = "World\n\nTalks move to Geneva\n\nThe delegations of Libya met again.\n\nCaroline Finnegan\n"
    seen = after(client, site, lambda: story_import(story=story_parse(text)))
    assert showing(seen, "Talks move to Geneva") >= {"front", "archive", "world", "caroline", "libya"}
    assert kept(seen) >= {"james", "sport", "match"}


def test_an_imports_tagging_by_a_worker_puts_the_story_on_the_country_page(client, site):
    talks = site["talks"]
    Article.objects.filter(pk=talks.pk).update(body="<p>Delegates from Chad arrived in Tripoli.</p>")

    seen = after(client, site, lambda: articles_tag_chunk.call(article_ids=[talks.pk]))
    assert "Tripoli talks resume" in seen["chad"][1]
    assert kept(seen) >= {"james", "sarraj", "sport"}


def test_renditions_made_by_a_worker_show_the_picture_on_the_story_and_its_lists(client, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    talks = site["talks"]
    talks.lead_image = image_upload("tripoli.jpg", width=800, height=600)
    talks.lead_image_alt = "The harbour at dawn"
    talks.save()  # the tests' immediate task backend makes the renditions at once...
    Article.objects.filter(pk=talks.pk).update(lead_image_pending=True)  # ...as if no worker had yet
    talks.refresh_from_db()
    stem = public_stem(name=talks.lead_image.name)

    def renditions_made():
        renditions_make.call(model="articles.Article", pk=talks.pk, field="lead_image", name=talks.lead_image.name)

    seen = after(client, site, renditions_made)
    assert showing(seen, f"{stem}-320w.webp") >= {"talks", "front", "world", "caroline", "haftar", "libya"}
    assert kept(seen) >= {"james", "sarraj", "chad", "sport", "match"}
