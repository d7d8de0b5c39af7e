"""Every service that writes what readers see starts a new content version, however it writes.

Saves reach the page cache through model signals; bulk inserts, QuerySet.update() and raw SQL send
none, so the services that use them say so themselves. Each one is run here: one that forgets fails.
A new service that writes content belongs in this file.
"""

from datetime import UTC, datetime

import pytest
from django.db import transaction

from articles.models import Article
from curation.services import pins_add
from demo.services.generation import content_flush, content_generate
from editorial.services.publishing import articles_publish, articles_unpublish
from serving.content_version import content_version_get
from tagging.models import Actor
from tagging.services.merging import tags_merge
from tagging.services.tagging import articles_tag, suggestion_accept

from .factories import ActorFactory, ArticleFactory, CountryFactory

pytestmark = pytest.mark.django_db


def changes_the_version(write) -> bool:
    before = content_version_get().token
    write()
    return content_version_get().token != before


@pytest.fixture
def story():
    return ArticleFactory(body="<p>Talks in Libya went on.</p>")


def test_tagging_changes_the_version(story):
    CountryFactory(name="Libya", slug="libya", code="LY")
    assert changes_the_version(lambda: articles_tag(articles=Article.objects.all()))
    assert story.countries.exists()


def test_pinning_changes_the_version(story):
    assert changes_the_version(lambda: pins_add(articles=Article.objects.all()))


def test_merging_tags_changes_the_version(story):
    haftar, other = ActorFactory(name="Khalifa Haftar"), ActorFactory(name="Marshal Haftar")
    story.actors.add(other)
    assert changes_the_version(lambda: tags_merge(target=haftar, others=[other]))


def test_accepting_a_suggestion_changes_the_version(story):
    assert changes_the_version(lambda: suggestion_accept(article=story, name="Fayez al-Sarraj", kind="person"))
    assert Actor.objects.filter(name="Fayez al-Sarraj").exists()


def test_publishing_and_unpublishing_change_the_version(story):
    assert changes_the_version(lambda: articles_unpublish(articles=[story]))
    assert changes_the_version(lambda: articles_publish(articles=[story]))


def test_generating_and_flushing_content_change_the_version():
    until = datetime(2026, 1, 31, tzinfo=UTC)
    assert changes_the_version(lambda: content_generate(articles=3, authors=2, actors=10, until=until))
    assert changes_the_version(content_flush)


def test_reading_or_writing_other_tables_leaves_the_version_alone(story, django_user_model):
    assert not changes_the_version(lambda: list(Article.objects.all()))
    assert not changes_the_version(lambda: django_user_model.objects.create(username="reader"))


def test_a_transaction_of_many_writes_changes_the_version_once_more_at_its_commit(
    story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for dek in ("One", "Two"):
            Article.objects.create(headline=dek, slug=dek.lower(), section=story.section, body="<p>Text.</p>")
    tokens = set()
    for callback in callbacks:
        callback()
        tokens.add(content_version_get().token)
    assert len(tokens) == 1  # the first callback bumps for both writes; the second finds them covered


def test_a_transaction_rolled_back_does_not_stop_the_next_one_bumping_at_its_commit(
    story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            story.save()
            raise RuntimeError
        with transaction.atomic():
            story.save()
    before = content_version_get().token
    for callback in callbacks:
        callback()
    assert content_version_get().token != before
