"""Every service that writes what readers see purges the pages showing what it wrote, however it writes.

Saves reach the page cache through model signals; bulk inserts, QuerySet.update() and raw SQL send
none, so the services that use them say so themselves. Each one is run here: one that forgets fails.
A new service that writes content belongs in this file.
"""

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.urls import reverse

from articles.models import Article
from curation.services import pins_add
from demo.services.generation import content_flush, content_generate
from editorial.services.publishing import articles_publish, articles_unpublish
from images.fields import pending_clear
from serving import store
from serving.content_version import content_version_get
from tagging.models import Actor
from tagging.services.merging import tags_merge
from tagging.services.suggestions import suggestion_accept, suggestion_country_accept
from tagging.services.tagging import articles_tag, articles_tag_later

from .factories import ActorFactory, ArticleFactory, CountryFactory
from .images import image_upload
from .page_cache import _page_cache_on  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def stale_after(client, urls, write) -> list[str]:
    """The pages of `urls` that a request after `write()` no longer gets from the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    write()
    return [url for url in urls if client.get(url).get("X-Page-Cache") != "hit"]


FRONT = "/"


@pytest.fixture
def story():
    return ArticleFactory(body="<p>Talks in Libya went on.</p>")


def test_tagging_purges_the_story(client, story):
    CountryFactory(name="Libya", slug="libya", code="LY")
    url = story.get_absolute_url()
    assert stale_after(client, [url], lambda: articles_tag(articles=Article.objects.all())) == [url]
    assert story.countries.exists()


def test_pinning_purges_the_front(client, story):
    assert stale_after(client, [FRONT], lambda: pins_add(articles=Article.objects.all())) == [FRONT]


def test_merging_tags_purges_the_stories_and_the_pages_of_both(client, story):
    haftar, other = ActorFactory(name="Khalifa Haftar"), ActorFactory(name="Marshal Haftar")
    story.actors.add(other)
    urls = [story.get_absolute_url(), reverse("tagging:actor", kwargs={"slug": other.slug})]
    assert stale_after(client, urls, lambda: tags_merge(target=haftar, others=[other])) == urls


def test_accepting_a_suggestion_purges_the_story(client, story):
    url = story.get_absolute_url()
    write = lambda: suggestion_accept(article=story, name="Fayez al-Sarraj", kind="person")  # noqa: E731
    assert stale_after(client, [url], write) == [url]
    assert Actor.objects.filter(name="Fayez al-Sarraj").exists()


def test_adding_a_suggested_country_purges_the_story(client, story):
    url = story.get_absolute_url()
    assert stale_after(client, [url], lambda: suggestion_country_accept(article=story, code="LY")) == [url]
    assert list(story.countries.values_list("code", flat=True)) == ["LY"]


def test_publishing_and_unpublishing_purge_the_front(client, story):
    assert stale_after(client, [FRONT], lambda: articles_unpublish(articles=[story])) == [FRONT]
    assert stale_after(client, [FRONT], lambda: articles_publish(articles=[story])) == [FRONT]


def test_generating_and_flushing_content_purge_everything(client):
    until = datetime(2026, 1, 31, tzinfo=UTC)
    assert stale_after(client, [FRONT], lambda: content_generate(articles=3, authors=2, actors=10, until=until))
    assert stale_after(client, [FRONT], content_flush)


def test_reading_or_writing_other_tables_purges_nothing(client, story, django_user_model):
    assert stale_after(client, [FRONT], lambda: list(Article.objects.all())) == []
    assert stale_after(client, [FRONT], lambda: django_user_model.objects.create(username="reader")) == []


def test_a_transaction_of_many_writes_purges_once_more_at_its_commit(story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for dek in ("One", "Two"):
            story.dek = dek
            story.save()
    token = content_version_get().token
    sequences = []
    for callback in callbacks:
        callback()
        sequences.append(store.sequence_read(token))
    assert len(callbacks) == 2
    assert sequences[0] == sequences[1]  # the first callback purged for both writes; the second had nothing left


def test_a_transaction_rolled_back_does_not_stop_the_next_one_purging_at_its_commit(
    client, story, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()

    def writes():
        with django_capture_on_commit_callbacks() as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                story.save()
                raise RuntimeError
            with transaction.atomic():
                story.save()
        # Pages made between the writes and the commit (by another worker) would show the old rows.
        client.get(url)
        client.get(url)
        for callback in callbacks:
            callback()

    assert stale_after(client, [url], writes) == [url]


def test_tagging_an_import_in_the_background_purges_the_story(client, story):
    url = story.get_absolute_url()
    assert stale_after(client, [url], lambda: articles_tag_later(article_ids=[story.pk])) == [url]
    assert story.countries.exists()


def test_a_pictures_renditions_made_purge_the_story_that_left_it_out(client, story, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    story.lead_image = image_upload("harbour.jpg", width=400, height=300)
    story.lead_image_alt = "The harbour"
    story.save()
    Article.objects.filter(pk=story.pk).update(lead_image_pending=True)  # as before a worker made its renditions
    story.refresh_from_db()
    url = story.get_absolute_url()
    field = Article._meta.get_field("lead_image")
    assert stale_after(
        client, [url], lambda: pending_clear(instance=story, field=field, name=story.lead_image.name)
    ) == [url]
