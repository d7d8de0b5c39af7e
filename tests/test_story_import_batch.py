"""A batch of story files: whatever one file does, the others are imported and every file is reported.

The middle file of three fails while it is being saved, once because the database refuses a row
and once because of a fault in Newsroom itself. Neither may stop the batch or leave half of that
file (its new author, its new section) behind.
"""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Section
from authors.models import Author
from editorial.services import stories

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

FILES = {
    "first.txt": "World\n\nTalks resume in Cairo\n\nEgyptian envoys met.\n\nAna Lima\n",
    "middle.txt": "Weather\n\nStorm reaches the coast\n\nWinds rose overnight.\n\nNadia Broken\n",
    "third.txt": "World\n\nPort reopens in Benghazi\n\nShips docked in Libya again.\n\nAna Lima\n",
}
MIDDLE_HEADLINE = "Storm reaches the coast"


@pytest.fixture
def database_refuses_the_middle_file(monkeypatch):
    """Its article gets a slug another article has: the database's unique constraint refuses it."""
    ArticleFactory(headline="An older story", slug="taken")
    slug_unique = stories.slug_unique

    def clashing_slug(*, model, text, **kwargs):
        return "taken" if text == MIDDLE_HEADLINE else slug_unique(model=model, text=text, **kwargs)

    monkeypatch.setattr(stories, "slug_unique", clashing_slug)


@pytest.fixture
def newsroom_fails_on_the_middle_file(monkeypatch):
    """Tagging its article raises, after its author, section and article rows were written."""
    article_tag = stories.article_tag

    def failing_tagger(*, article):
        if article.headline == MIDDLE_HEADLINE:
            raise RuntimeError("the tagger fell over")
        return article_tag(article=article)

    monkeypatch.setattr(stories, "article_tag", failing_tagger)


def assert_only_the_good_files_were_imported():
    headlines = set(Article.objects.values_list("headline", flat=True))
    assert {"Talks resume in Cairo", "Port reopens in Benghazi"} <= headlines
    assert MIDDLE_HEADLINE not in headlines
    assert not Author.objects.filter(name="Nadia Broken").exists()
    assert not Section.objects.filter(name="Weather").exists()


def test_the_command_reports_every_file_when_the_database_refuses_one(
    tmp_path, capsys, caplog, database_refuses_the_middle_file
):
    paths = []
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    with caplog.at_level(logging.ERROR, logger="editorial.services.stories"), pytest.raises(CommandError):
        call_command("import_stories", *paths)
    output = capsys.readouterr()
    assert "first.txt: created “Talks resume in Cairo”" in output.out
    assert "third.txt: created “Port reopens in Benghazi”" in output.out
    assert "Imported: 2 created, 0 updated, 1 failed." in output.out
    assert "middle.txt: not imported. The database refused it (" in output.err
    assert "nothing from this file was saved." in output.err
    assert caplog.records[0].exc_info is not None  # the developers get the traceback
    assert_only_the_good_files_were_imported()


def test_the_admin_reports_every_file_when_newsroom_fails_on_one(admin_client, newsroom_fails_on_the_middle_file):
    uploads = [SimpleUploadedFile(name, text.encode(), content_type="text/plain") for name, text in FILES.items()]
    response = admin_client.post(
        reverse("admin:articles_article_import"), {"files": uploads, "publish": "on"}, follow=True
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "“first.txt”: created “Talks resume in Cairo” (published). Tagged: Egypt.",
        "“middle.txt”: not imported. Newsroom failed while importing it (RuntimeError: the tagger fell over); "
        "nothing from this file was saved. The error has been logged for the developers.",
        "“third.txt”: created “Port reopens in Benghazi” (published). Tagged: Libya.",
    ]
    assert_only_the_good_files_were_imported()
