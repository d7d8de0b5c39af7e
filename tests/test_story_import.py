"""The sample story, read by the parser and imported by the command."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article
from authors.models import Author
from editorial.services.stories import StoryFormatError, story_parse

SAMPLE = Path(settings.BASE_DIR) / "demo" / "stories" / "libya-gna-calls-allies.txt"
HEADLINE = "Libya: UN-Backed GNA Calls Out Allies For Security Support Against Rebel Haftar’s Advance"


def test_sample_story_is_parsed():
    story = story_parse(SAMPLE.read_text(encoding="utf-8"))
    assert story.section == "World"
    assert story.headline == HEADLINE
    assert len(story.paragraphs) == 9
    assert story.author_name == "Caroline Finnegan"
    assert story.author_bio.startswith("A professionnal journalist for the past ten years")
    assert not any("Related Articles" in p or p == "Close" for p in story.paragraphs)


def test_headline_only_is_refused():
    with pytest.raises(StoryFormatError, match="no body"):
        story_parse("World\n\nJust a headline\n")


@pytest.mark.django_db
def test_import_command_creates_then_updates(tmp_path, capsys):
    call_command("import_stories", str(SAMPLE))
    call_command("import_stories", str(SAMPLE))
    article = Article.objects.get()
    assert article.headline == HEADLINE
    assert article.is_public
    assert [b.author.name for b in article.bylines.all()] == ["Caroline Finnegan"]
    assert Author.objects.get().bio.startswith("A professionnal journalist")
    assert "0 created, 0 updated, 1 unchanged, 0 failed" in capsys.readouterr().out  # the same file again


@pytest.mark.django_db
def test_import_command_reports_a_broken_file_and_fails(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError):
        call_command("import_stories", str(broken), str(SAMPLE))
    assert Article.objects.count() == 1
