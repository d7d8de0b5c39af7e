"""The "Tag actors and countries" action is an edit like any other: permissions, version and history."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from reversion.models import Version

from .admin_forms import admin_form_data, change_url, messages_of, signed_in
from .factories import ActorFactory, ArticleFactory, EditorFactory, ReporterFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
MORNING = datetime(2019, 12, 20, 9, 30, tzinfo=UTC)


TAGGABLE = "<p>Forces loyal to Haftar shelled Tripoli, the Libyan capital.</p>"


@pytest.fixture
def haftar():
    return ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar", aliases="Haftar")


def tag_action(client, *articles):
    return client.post(
        CHANGELIST,
        {"action": "tag_actors_and_countries", "_selected_action": [article.pk for article in articles]},
        follow=True,
    )


def test_tagging_makes_an_open_form_stale_so_the_new_tags_are_not_saved_away(haftar):
    article = ArticleFactory(body=TAGGABLE, dek="")
    writer, tagger = signed_in(EditorFactory()), signed_in(EditorFactory())
    open_form = admin_form_data(writer.get(change_url(article)))
    tag_action(tagger, article)
    assert set(article.actors.names()) == {"Khalifa Haftar"}

    response = writer.post(change_url(article), open_form | {"dek": "Shelling at dawn."})
    assert response.status_code == 200
    assert "Your changes were not saved" in response.content.decode()
    assert set(article.actors.names()) == {"Khalifa Haftar"}
    assert set(article.countries.names()) == {"Libya"}
    # After reloading, the editor's save keeps the tags the tagger added.
    reloaded = admin_form_data(writer.get(change_url(article)))
    assert writer.post(change_url(article), reloaded | {"dek": "Shelling at dawn."}).status_code == 302
    assert set(article.actors.names()) == {"Khalifa Haftar"}


def test_tagging_is_kept_in_the_history_with_who_did_it(haftar):
    editor = EditorFactory(first_name="Amira", last_name="Haddad")
    article = ArticleFactory(body=TAGGABLE, dek="")
    as_editor = signed_in(editor)
    with time_machine.travel(MORNING, tick=False):
        tag_action(as_editor, article)
    [version] = Version.objects.get_for_object(article)
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Tagged automatically: added Libya, Khalifa Haftar."
    article.refresh_from_db()
    assert article.updated_by == editor
    page = as_editor.get(reverse("admin:articles_article_revisions", args=[article.pk])).content.decode()
    assert "Tagged automatically: added Libya, Khalifa Haftar." in page and "Amira Haddad" in page


def test_reporter_tags_only_the_stories_they_may_edit(haftar):
    reporter = ReporterFactory()
    someone_elses = ArticleFactory(body=TAGGABLE, dek="")
    own = ArticleFactory(draft=True, body=TAGGABLE, dek="")
    own.created_by = reporter
    own.save()
    version_before = someone_elses.version

    response = tag_action(signed_in(reporter), someone_elses, own)

    assert "1 article(s) were left as they were: you may tag only the stories you may edit" in "".join(
        messages_of(response)
    )
    someone_elses.refresh_from_db()
    assert not someone_elses.actors.exists() and not someone_elses.countries.exists()
    assert someone_elses.version == version_before
    assert not Version.objects.get_for_object(someone_elses).exists()
    assert set(own.actors.names()) == {"Khalifa Haftar"}
    assert Version.objects.get_for_object(own).get().revision.user == reporter
