"""Importing WordPress exports: the format's corners, re-imports, refusals, and the old addresses."""

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from articles.models import Article, Section
from authors.models import Author
from redirects.models import Redirect
from tagging.models import Actor
from tests.images import image_bytes
from tests.wxr import Post, wxr
from wordpress.models import ImportedPost
from wordpress.services import wordpress_import
from wordpress.wxr import WXRFormatError

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def run(data: bytes, **kwargs):
    return wordpress_import(data=data, **kwargs)


def test_a_published_post_becomes_a_published_article_at_its_time():
    run(wxr([Post(1, "Talks resume in Geneva", "talks-resume", content="First.\n\nSecond line\nwrapped.")]))
    article = Article.objects.get()
    assert article.slug == "talks-resume"
    assert article.is_public
    assert article.published_at == datetime(2019, 12, 20, 9, 30, tzinfo=UTC)
    assert article.body == "<p>First.</p>\n<p>Second line<br>\nwrapped.</p>"
    assert [b.author.name for b in article.bylines.all()] == ["Jane Doe"]
    assert article.section.name == "World"


def test_cdata_titles_keep_their_characters_and_lose_their_markup():
    run(wxr([Post(1, "Q&A: <em>why</em> ]]> matters", "qa")]))
    assert Article.objects.get().headline == "Q&A: why ]]> matters"


def test_slashes_and_backslashes_in_content_survive():
    content = 'Path C:\\Users\\desk and a \\"quote\\" and a/b//c.'
    run(wxr([Post(1, "Back\\slash", "backslash", content=content)]))
    article = Article.objects.get()
    assert article.headline == "Back\\slash"
    assert "C:\\Users\\desk" in article.body
    assert '\\"quote\\"' in article.body.replace("&quot;", '"')
    assert "a/b//c" in article.body


@pytest.mark.parametrize(
    "namespace",
    [
        "http://wordpress.org/export/1.0/",
        "http://wordpress.org/export/1.1/",
        "https://wordpress.org/export/1.2/",
        "http://wordpress.com/export/1.2/",
    ],
)
def test_every_namespace_spelling_is_read(namespace):
    version = namespace.rstrip("/").rsplit("/", 1)[1]
    summary = run(
        wxr([Post(1, "Hello", "hello", excerpt="The <b>short</b> version.")], version=version, namespace=namespace)
    )
    assert summary.count("created") == 1
    assert Article.objects.get().dek == "The short version."


def test_private_pending_and_draft_posts_stay_unpublished_and_get_no_redirect(client):
    posts = [
        Post(1, "Private", "private-one", status="private"),
        Post(2, "Pending", "pending-one", status="pending"),
        Post(3, "Draft", "draft-one", status="draft"),
    ]
    summary = run(wxr(posts))
    assert summary.count("created") == 3
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}
    assert not Article.objects.published().exists()
    assert not Redirect.objects.exists()
    assert client.get("/?p=1").status_code == 200  # the front page, not a way in to the draft
    assert client.get("/2019/12/20/private-one/").status_code == 404


def test_a_scheduled_post_is_scheduled_and_appears_at_its_time(client):
    run(wxr([Post(1, "Tomorrow", "tomorrow", status="future", date="2024-03-02 08:00:00")]))
    article = Article.objects.get()
    assert article.is_scheduled
    assert not Article.objects.published().exists()
    assert client.get(f"/articles/{article.slug}/").status_code == 404
    with time_machine.travel(datetime(2024, 3, 2, 8, 1, tzinfo=UTC), tick=False):
        assert Article.objects.published().get() == article


def test_co_authors_plus_guest_authors_are_credited_in_order():
    guest = Post(
        90,
        "Omar Haddad",
        "cap-ohaddad",
        post_type="guest-author",
        status="publish",
        categories=[],
        meta={"cap-display_name": "Omar Haddad", "cap-user_login": "ohaddad"},
    )
    post = Post(1, "Two bylines", "two-bylines", coauthors=["ohaddad", "jdoe", "asmith"])
    run(wxr([guest, post], authors=[("jdoe", "Jane Doe"), ("asmith", "Anna Smith")]))
    article = Article.objects.get()
    assert [b.author.name for b in article.bylines.all()] == ["Omar Haddad", "Jane Doe", "Anna Smith"]
    assert Author.objects.count() == 3


def test_child_categories_go_to_their_top_section_unless_mapped(client):
    categories = [("world", "World", ""), ("africa", "Africa", "world"), ("libya", "Libya", "africa")]
    posts = [
        Post(1, "Deep", "deep", categories=[("libya", "Libya")]),
        Post(2, "Mapped", "mapped", categories=[("africa", "Africa")]),
    ]
    run(wxr(posts, categories=categories), section_map={"africa": "Africa desk"})
    assert Article.objects.get(slug="deep").section.name == "Africa desk"  # its ancestor is mapped
    assert Article.objects.get(slug="mapped").section.name == "Africa desk"
    response = client.get("/category/world/africa/libya/")
    assert response.status_code == 301
    assert response["Location"] == Section.objects.get(name="Africa desk").get_absolute_url()
    run(wxr([Post(3, "Top", "top", categories=[("libya", "Libya")])], categories=categories, site="https://b.example"))
    assert Article.objects.get(slug="top").section.name == "World"


def test_importing_again_updates_instead_of_duplicating():
    first = run(wxr([Post(1, "Old headline", "story", content="Old text.")]))
    second = run(wxr([Post(1, "New headline", "story", content="New text.")]))
    assert (first.count("created"), second.count("updated"), second.count("created")) == (1, 1, 0)
    article = Article.objects.get()
    assert article.headline == "New headline"
    assert article.body == "<p>New text.</p>"
    assert ImportedPost.objects.count() == 1


def test_the_same_post_id_from_another_site_is_another_article():
    run(wxr([Post(1, "A", "story")], site="https://a.example"))
    run(wxr([Post(1, "B", "story")], site="https://b.example"))
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["story", "story-2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss><channel><item><title>cut", "not well-formed XML"),
        (wxr([Post(1, "A", "a")], version_element=False), "no <wp:wxr_version>"),
        (wxr([Post(1, "A", "a")], version="2.7"), "WXR version “2.7”"),
        (b'<?xml version="1.0"?><feed/>', "not an RSS document"),
        (b"", "empty"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss>&b;</rss>',
            "refused for safety",
        ),
    ],
)
def test_a_broken_file_is_refused_with_a_reason_and_writes_nothing(data, message):
    with pytest.raises(WXRFormatError, match=message):
        run(data)
    assert not Article.objects.exists() and not Section.objects.exists() and not Author.objects.exists()


def test_the_command_refuses_a_broken_file_with_a_clear_message(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(b"<rss><channel>")
    with pytest.raises(CommandError, match="not imported, nothing was saved"):
        call_command("import_wordpress", str(path))
    assert not Article.objects.exists()


def test_a_dry_run_reports_everything_and_saves_nothing(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(wxr([Post(1, "A", "a"), Post(2, "Page", "page", post_type="page")]))
    out = StringIO()
    call_command("import_wordpress", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Articles: 1 created, 0 updated, 1 skipped, 0 failed." in text
    assert "Skipped: a page (only posts are imported)." in text
    assert "Dry run: nothing was saved." in text
    assert not Article.objects.exists() and not Redirect.objects.exists()


def test_trash_and_auto_drafts_are_skipped_and_said_why():
    summary = run(wxr([Post(1, "Binned", "binned", status="trash"), Post(2, "", "", status="auto-draft")]))
    assert summary.count("skipped") == 2
    assert "trash" in summary.items[0].notes[0]
    assert not Article.objects.exists()


def test_blocks_and_shortcodes_are_removed_or_converted():
    content = (
        "<!-- wp:paragraph -->\n<p>Intro.</p>\n<!-- /wp:paragraph -->\n\n"
        '[caption id="attachment_5" align="alignnone"]<img src="x.jpg"> Rebels in Tripoli[/caption]\n\n'
        '[gallery ids="1,2,3"]\n\n[embed]https://video.example/v/1[/embed]\n\n<script>alert(1)</script>Tail.'
    )
    summary = run(wxr([Post(1, "Blocks", "blocks", content=content)]))
    body = Article.objects.get().body
    assert "wp:" not in body and "[" not in body and "<script" not in body and "<img" not in body
    assert "<p>Intro.</p>" in body
    assert "<em>Rebels in Tripoli</em>" in body
    assert 'href="https://video.example/v/1"' in body
    assert "gallery" in summary.items[0].notes[0]


def test_tags_become_actors_when_known_and_are_reported_otherwise(client):
    actor = Actor.objects.create(name="Khalifa Haftar", slug="khalifa-haftar", aliases="Haftar")
    posts = [Post(1, "Tagged", "tagged", tags=[("haftar", "Haftar"), ("oil", "Oil")])]
    summary = run(wxr(posts))
    assert summary.tags_unmatched == ["Oil"]
    assert client.get("/tag/haftar/")["Location"] == actor.get_absolute_url()
    assert client.get("/tag/oil/").status_code == 404


def test_old_permalinks_answer_301_to_the_new_pages(client):
    run(wxr([Post(123, "Moved", "moved")]))
    article = Article.objects.get()
    author = Author.objects.get()
    for old in ["/2019/12/20/moved/", "/2019/12/20/moved", "/?p=123"]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, article.get_absolute_url()), old
    assert client.get("/author/jdoe/")["Location"] == author.get_absolute_url()
    assert client.get("/category/world/")["Location"] == article.section.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_featured_image_comes_from_the_uploads_folder_and_a_missing_one_is_reported(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2019" / "12").mkdir(parents=True)
    (uploads / "2019" / "12" / "tripoli.jpg").write_bytes(image_bytes(width=800, height=600))
    attachments = [
        Post(
            50,
            "Tripoli at dusk",
            "tripoli",
            post_type="attachment",
            status="inherit",
            categories=[],
            excerpt="The old city.",
            attachment_url="https://old.example.com/wp-content/uploads/2019/12/tripoli.jpg",
            meta={"_wp_attached_file": "2019/12/tripoli.jpg", "_wp_attachment_image_alt": "Rooftops at dusk"},
        ),
        Post(
            51,
            "Gone",
            "gone",
            post_type="attachment",
            status="inherit",
            categories=[],
            attachment_url="https://old.example.com/wp-content/uploads/2019/12/gone.jpg",
        ),
    ]
    posts = [
        Post(1, "With picture", "with-picture", meta={"_thumbnail_id": "50"}),
        Post(2, "Lost picture", "lost-picture", meta={"_thumbnail_id": "51"}),
    ]
    summary = run(wxr([*attachments, *posts]), media_dir=uploads)
    with_picture = Article.objects.get(slug="with-picture")
    assert with_picture.lead_image and with_picture.lead_image_width == 800
    assert with_picture.lead_image_alt == "Rooftops at dusk"
    assert with_picture.lead_image_caption == "The old city."
    assert not Article.objects.get(slug="lost-picture").lead_image
    assert summary.media_missing == ["2019/12/gone.jpg"]
    assert "missing from the uploads folder" in " ".join(summary.items[-1].notes)


def test_the_tagger_runs_after_the_import():
    summary = run(wxr([Post(1, "Libya talks", "libya", content="Delegates from Libya met.")]))
    assert list(Article.objects.get().countries.names()) == ["Libya"]
    assert summary.tagging.articles_changed == 1


def test_the_command_prints_a_summary_per_item(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(wxr([Post(1, "One", "one"), Post(2, "Two", "two", status="private")]))
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    text = out.getvalue()
    assert "post 1: created “One” (published)" in text
    assert "post 2: created “Two” (draft) — “private” in WordPress: kept as a draft" in text
    assert "Articles: 2 created, 0 updated, 0 skipped, 0 failed. Sections created: 1. Authors created: 1." in text
    assert Path(path).exists()
