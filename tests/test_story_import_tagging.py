"""Importing story files: what editors get, what broken files leave behind (nothing)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Byline, Section
from authors.models import Author
from tagging.models import Actor, ArticleActor, ArticleCountry, Country

SAMPLE = Path(settings.BASE_DIR) / "demo" / "stories" / "libya-gna-calls-allies.txt"
HEADLINE = "Libya: UN-Backed GNA Calls Out Allies For Security Support Against Rebel Haftar’s Advance"
SAMPLE_COUNTRIES = {
    "Libya": "LY",
    "Turkey": "TR",
    "United States": "US",
    "United Kingdom": "GB",
    "Italy": "IT",
    "Algeria": "DZ",
    "France": "FR",
    "Russia": "RU",
    "Egypt": "EG",
    "United Arab Emirates": "AE",
    "Saudi Arabia": "SA",
}
SAMPLE_ACTORS = {
    "Khalifa Haftar",
    "Government of National Accord",
    "Fayez Al-Sarraj",
    "United Nations",
    "Libyan National Army",
    "Islamic State",
    "al-Qaeda",
}
MODELS = [Article, Section, Author, Byline, Country, Actor, ArticleActor, ArticleCountry]

pytestmark = pytest.mark.django_db


def database_state() -> dict[str, list]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def story_file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_the_sample_story_with_the_demo_actors(capsys):
    call_command("loaddata", "demo_actors", verbosity=0)
    call_command("import_stories", str(SAMPLE))

    article = Article.objects.get()
    assert article.section.name == "World"
    assert article.headline == HEADLINE
    assert article.body.count("<p>") == 9
    assert "Related Articles" not in article.body and "Close" not in article.body
    author = article.bylines.get().author
    assert author.name == "Caroline Finnegan"
    assert author.bio.startswith("A professionnal journalist for the past ten years")
    assert {country.name: country.code for country in article.countries.all()} == SAMPLE_COUNTRIES
    assert set(article.actors.names()) == SAMPLE_ACTORS
    out = capsys.readouterr().out
    assert "tagged: Libya" in out and "Khalifa Haftar" in out


def test_without_actors_only_countries_are_tagged():
    call_command("import_stories", str(SAMPLE))
    article = Article.objects.get()
    assert article.countries.count() == 11
    assert article.actors.count() == 0


def test_reimport_updates_instead_of_duplicating(tmp_path):
    first = story_file(tmp_path, "a.txt", "World\n\nTalks resume\n\nDelegates met in Egypt.\n\nAna Lima\n")
    call_command("import_stories", str(first), "--published-at", "2024-05-01T09:00:00+00:00")
    second = story_file(tmp_path, "b.txt", "world\n\nTalks resume\n\nDelegates met in Jordan.\n\nANA LIMA\n")
    call_command("import_stories", str(second))

    article = Article.objects.get()
    assert "Jordan" in article.body
    assert article.published_at == datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert Section.objects.count() == Author.objects.count() == 1
    # Tags only grow: Egypt stays, Jordan is added.
    assert set(article.countries.values_list("code", flat=True)) == {"EG", "JO"}


def test_reimport_does_not_bring_back_a_tag_an_editor_removed(tmp_path):
    path = story_file(tmp_path, "a.txt", "World\n\nTalks resume\n\nMichael Jordan met Egypt's envoy.\n\nAna Lima\n")
    call_command("import_stories", str(path))
    article = Article.objects.get()
    article.countries.remove(Country.objects.get(code="EG"))
    call_command("import_stories", str(path))
    assert article.countries.count() == 0


def test_draft_option_leaves_the_article_unpublished(tmp_path):
    path = story_file(tmp_path, "a.txt", "World\n\nTalks resume\n\nDelegates met.\n\nAna Lima\n")
    call_command("import_stories", str(path), "--draft")
    assert Article.objects.get().status == Article.Status.DRAFT
    assert not Article.objects.published().exists()


def test_author_bio_is_filled_but_a_different_one_is_kept(tmp_path, capsys):
    Author.objects.create(name="Ana Lima", slug="ana-lima", bio="")
    Author.objects.create(name="Tom Roe", slug="tom-roe", bio="Tom writes about trade.")
    first = story_file(tmp_path, "a.txt", "World\n\nOne\n\nText.\n\nAna Lima\n\nAna covers Geneva.\n")
    second = story_file(tmp_path, "b.txt", "World\n\nTwo\n\nText.\n\nTom Roe\n\nTom covers sport.\n")
    call_command("import_stories", str(first), str(second))
    assert Author.objects.get(name="Ana Lima").bio == "Ana covers Geneva."
    assert Author.objects.get(name="Tom Roe").bio == "Tom writes about trade."
    assert "Tom Roe already has a different bio" in capsys.readouterr().out


BROKEN_FILES = {
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "empty.txt": b"",
    "headline-only.txt": b"World\n\nJust a headline\n",
    "latin1.txt": "World\n\nCafé talks\n\nDelegates met.\n\nAna Lima\n".encode("latin-1"),
    "no-byline.txt": b"World\n\nTalks resume\n\nDelegates met in Egypt.\n\nMore talks tomorrow.\n",
}


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_a_broken_file_changes_nothing_and_is_reported(tmp_path, capsys, name):
    call_command("import_stories", str(SAMPLE), verbosity=0)
    before = database_state()
    broken = story_file(tmp_path, name, BROKEN_FILES[name])

    with pytest.raises(CommandError):
        call_command("import_stories", str(broken))

    assert database_state() == before
    captured = capsys.readouterr()
    assert f"{name}: not imported." in captured.err
    assert "0 created, 0 updated, 1 failed" in captured.out


def test_good_files_import_next_to_broken_ones(tmp_path, capsys):
    story_file(tmp_path, "1-good.txt", "World\n\nTalks resume\n\nDelegates met in Egypt.\n\nAna Lima\n")
    story_file(tmp_path, "2-empty.txt", b"")
    story_file(tmp_path, "3-good.txt", "Sport\n\nCup final\n\nTurkey won.\n\nTom Roe\n")
    story_file(tmp_path, "notes.md", "not a story")

    with pytest.raises(CommandError):
        call_command("import_stories", str(tmp_path))

    assert sorted(Article.objects.values_list("headline", flat=True)) == ["Cup final", "Talks resume"]
    captured = capsys.readouterr()
    assert "2-empty.txt: not imported. The file is empty." in captured.err
    assert "Imported: 2 created, 0 updated, 1 failed." in captured.out


def test_a_missing_path_is_reported(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_stories", str(tmp_path / "nope.txt"))
    assert "nope.txt: not imported. No such file or folder." in capsys.readouterr().err


def test_every_demo_story_imports_and_the_demo_has_related_stories(capsys):
    call_command("loaddata", "demo_actors", verbosity=0)
    call_command("import_stories", str(SAMPLE.parent))
    assert "0 failed" in capsys.readouterr().out
    haftar = Actor.objects.get(name="Khalifa Haftar")
    assert haftar.article_items.count() == Article.objects.count() >= 2
