"""Every kind of public page passes the Nu HTML Checker (vnu) with no errors.

The pages hold what real stories hold and generated content hides: times with microseconds,
pictures, several bylines, corrections, tags, filters and search highlights. vnu comes from the
npm package `vnu-jar` (`npm ci`, run by `make test`) and runs on Debian's Java (`make java`).
"""

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from articles.models import Article, Correction
from tests.factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory, StaffFactory
from tests.images import image_upload

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A moment with microseconds, as every story published through the admin has.
NOW = datetime(2026, 12, 1, 19, 43, 45, 744560, tzinfo=UTC)


def vnu_messages(files: list[Path]) -> list[dict]:
    """vnu's errors and warnings for `files`, all checked in one run of the checker."""
    java = shutil.which("java")
    assert java, "Java is missing: `make java` installs Debian's default-jre-headless"
    assert VNU_JAR.exists(), "vnu is missing: `npm ci` installs the vnu-jar package"
    result = subprocess.run(  # noqa: S603 (a fixed command on files the test wrote)
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


@pytest.fixture
def newsroom(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(NOW, tick=False):
        world = SectionFactory(name="World", slug="world", description="News from every continent.")
        business = SectionFactory(name="Business", slug="business")
        finnegan = AuthorFactory(
            name="Caroline Finnegan",
            slug="caroline-finnegan",
            photo=image_upload("finnegan.jpg", width=600, height=600),
        )
        osei = AuthorFactory(name="Kwame Osei", slug="kwame-osei")
        amari = AuthorFactory(name="Leila Amari", slug="leila-amari", bio="")
        haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
        libya = CountryFactory(name="Libya", slug="libya", code="LY")
        egypt = CountryFactory(name="Egypt", slug="egypt", code="EG")
        for number in range(25):
            ArticleFactory(
                headline=f"Dispatch {number + 1:02d} from the Libyan coast",
                slug=f"dispatch-{number + 1:02d}",
                section=world if number % 3 else business,
                authors=[finnegan] if number % 2 else [osei, amari],
                countries=[libya] if number % 2 else [libya, egypt],
                actors=[haftar] if number % 4 == 0 else [],
                published_at=NOW - timedelta(days=30 - number, microseconds=number * 1111),
                lead_image=image_upload(f"d{number}.jpg", width=1200, height=800) if number % 5 == 0 else None,
                lead_image_alt="Boats in the harbour" if number % 5 == 0 else "",
            )
        lead = ArticleFactory(
            headline="Haftar's forces push towards Tripoli & Misrata",
            slug="haftar-forces-push-towards-tripoli",
            section=world,
            dek="The eastern commander's offensive enters its third week.",
            body="<p>Fighting continued <em>south</em> of the capital.</p><h2>Talks</h2><p>Envoys met.</p>"
            "<blockquote><p>We will not stop.</p></blockquote><ul><li>One</li><li>Two</li></ul>",
            authors=[finnegan, osei, amari],
            actors=[haftar],
            countries=[libya, egypt],
            published_at=NOW - timedelta(hours=2),
            lead_image=image_upload("tripoli.jpg", width=1600, height=900),
            lead_image_alt="Smoke rising over the southern suburbs of Tripoli",
            lead_image_caption="Southern Tripoli on Sunday.",
            lead_image_credit="Jane Doe / Agency",
        )
        Correction.objects.create(article=lead, date=date(2026, 12, 1), text="An earlier version misspelt Misrata.")
        Correction.objects.create(article=lead, date=date(2026, 12, 1), text="The offensive began in November.")
        ArticleFactory(headline="A draft nobody sees", slug="a-draft", section=world, draft=True)
    return {"world": world, "finnegan": finnegan, "haftar": haftar, "libya": libya, "lead": lead}


def public_pages(newsroom) -> dict[str, str]:
    lead = newsroom["lead"]
    return {
        "front": "/",
        "article": lead.get_absolute_url(),
        "article-without-picture": "/articles/dispatch-02/",
        "archive": "/articles/",
        "archive-filtered": f"/articles/?country={newsroom['libya'].slug}&author=caroline-finnegan&ordering=oldest",
        "archive-bad-filter": "/articles/?author=nobody",
        "archive-page-2": "/articles/?page=2",
        "search": "/search/",
        "search-results": "/search/?q=Tripoli",
        "search-nothing": "/search/?q=zebra",
        "section": newsroom["world"].get_absolute_url(),
        "author": newsroom["finnegan"].get_absolute_url(),
        "actor": newsroom["haftar"].get_absolute_url(),
        "country": newsroom["libya"].get_absolute_url(),
        "actors": "/actors/",
        "countries": "/countries/",
        "authors": "/authors/",
        "sections": "/sections/",
        "not-found": "/articles/no-such-story/",
    }


@pytest.mark.django_db
def test_every_kind_of_public_page_has_no_html_errors(client, newsroom, tmp_path):
    pages = public_pages(newsroom)
    files = []
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == (404 if name == "not-found" else 200), url
            assert response["Content-Type"].startswith("text/html")
            if name in ("front", "article", "section", "author"):
                assert b"<picture" in response.content and b"<time datetime=" in response.content, url
            file = tmp_path / f"{name}.html"
            file.write_bytes(response.content)
            files.append(file)
        article = client.get(pages["article"]).content.decode()
        assert "Correction, " in article and "Leila Amari" in article and "Kwame Osei" in article
        client.force_login(StaffFactory())
        preview = client.get(Article.objects.get(slug="a-draft").get_absolute_url())
        assert preview.status_code == 200
        (tmp_path / "staff-preview.html").write_bytes(preview.content)
        files.append(tmp_path / "staff-preview.html")

    errors = [m for m in vnu_messages(files) if m["type"] == "error"]
    report = "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in errors)
    assert errors == [], f"{len(errors)} HTML errors:\n{report}"


def test_the_checker_finds_the_error_readers_pages_used_to_have(tmp_path):
    """The check above can fail: vnu refuses a <time> with microseconds, as pages once had."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<time datetime="2026-12-01T19:43:45.744560+00:00">1 December</time></body></html>'
    )
    messages = [m["message"] for m in vnu_messages([page]) if m["type"] == "error"]
    assert len(messages) == 1 and "fraction of a second" in messages[0]


@pytest.mark.django_db(transaction=True)
def test_a_story_whose_picture_is_being_prepared_has_no_html_errors_for_readers_or_staff(
    client, task_queue, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    story = ArticleFactory(
        headline="Tripoli harbour reopens",
        lead_image=image_upload("harbour.jpg", width=1600, height=900),
        lead_image_alt="Fishing boats in Tripoli harbour",
        lead_image_caption="The harbour on Saturday.",
    )
    reader = tmp_path / "picture-pending-reader.html"
    reader.write_bytes(client.get(story.get_absolute_url()).content)
    client.force_login(StaffFactory())
    staff = client.get(story.get_absolute_url()).content
    assert b"Picture being prepared" in staff
    (tmp_path / "picture-pending-staff.html").write_bytes(staff)
    errors = [m for m in vnu_messages([reader, tmp_path / "picture-pending-staff.html"]) if m["type"] == "error"]
    assert errors == [], errors
