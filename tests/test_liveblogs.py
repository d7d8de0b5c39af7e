"""Live blogs: who may write entries, what entries may contain, and what readers see of them."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse

from articles.models import Article
from liveblogs.models import LiveBlog, LiveEntry
from liveblogs.services import entry_save, liveblog_end, liveblog_start

from .factories import (
    ArticleFactory,
    AuthorFactory,
    EditorFactory,
    LiveBlogFactory,
    LiveEntryFactory,
    ReporterFactory,
)
from .schema_vocabulary import vocabulary_errors

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def composer_url(blog) -> str:
    return reverse("admin:liveblogs_liveblog_change", args=[blog.pk])


def entry_data(**fields) -> dict:
    return {"body": "<p>Shelling resumed at dawn.</p>", "action": "publish", **fields}


def reporter_on(article):
    """A reporter credited on `article` (a byline of their author profile)."""
    user = ReporterFactory()
    author = AuthorFactory(user=user)
    article.bylines.create(author=author, position=1)
    return user


def json_ld_of(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# Who may write -------------------------------------------------------------------------------


def test_reporter_posts_entries_on_a_story_they_are_credited_on(client):
    blog = LiveBlogFactory()
    reporter = reporter_on(blog.article)
    client.force_login(reporter)
    assert client.get(composer_url(blog)).status_code == 200
    response = client.post(composer_url(blog), entry_data())
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert entry.blog == blog and entry.status == LiveEntry.Status.PUBLISHED


def test_reporter_cannot_post_on_another_reporters_story(client):
    blog = LiveBlogFactory()
    reporter_on(ArticleFactory())  # credited elsewhere only
    client.force_login(ReporterFactory())
    assert client.get(composer_url(blog)).status_code == 403
    assert client.post(composer_url(blog), entry_data()).status_code == 403
    entry = LiveEntryFactory(blog=blog)
    edit = reverse("admin:liveblogs_liveblog_entry", args=[blog.pk, entry.pk])
    delete = reverse("admin:liveblogs_liveblog_entry_delete", args=[blog.pk, entry.pk])
    assert client.post(edit, entry_data(body="<p>Changed</p>")).status_code == 403
    assert client.post(delete).status_code == 403
    entry.refresh_from_db()
    assert "Changed" not in entry.body
    assert LiveEntry.objects.count() == 1


def test_editor_writes_edits_and_deletes_entries_on_any_story(client):
    blog = LiveBlogFactory()
    client.force_login(EditorFactory())
    client.post(composer_url(blog), entry_data())
    entry = LiveEntry.objects.get()
    edit = reverse("admin:liveblogs_liveblog_entry", args=[blog.pk, entry.pk])
    assert client.post(edit, entry_data(body="<p>Shelling stopped at noon.</p>")).status_code == 302
    entry.refresh_from_db()
    assert entry.body == "<p>Shelling stopped at noon.</p>" and entry.version == 2
    history = client.get(edit)
    assert [version.field_dict["body"] for version in history.context["history"]] == [
        "<p>Shelling stopped at noon.</p>",
        "<p>Shelling resumed at dawn.</p>",
    ]
    assert "Shelling resumed at dawn." in history.content.decode()  # the earlier version, shown
    client.post(reverse("admin:liveblogs_liveblog_entry_delete", args=[blog.pk, entry.pk]))
    assert not LiveEntry.objects.exists()


def test_only_editors_start_and_end_a_live_blog(client):
    article = ArticleFactory()
    reporter = reporter_on(article)
    client.force_login(reporter)
    assert client.post(reverse("admin:liveblogs_liveblog_start", args=[article.pk])).status_code == 403
    assert not LiveBlog.objects.exists()
    with pytest.raises(PermissionDenied):
        liveblog_start(article=article, user=reporter)
    editor = EditorFactory()
    client.force_login(editor)
    response = client.post(reverse("admin:liveblogs_liveblog_start", args=[article.pk]))
    blog = LiveBlog.objects.get(article=article)
    assert response["Location"] == composer_url(blog) and blog.is_live
    client.force_login(reporter)
    assert client.post(reverse("admin:liveblogs_liveblog_end", args=[blog.pk])).status_code == 403
    liveblog_end(blog=blog, user=editor)
    blog.refresh_from_db()
    assert blog.ended_at == NOW


def test_an_entry_is_signed_only_by_one_of_the_storys_bylines(client):
    blog = LiveBlogFactory()
    stranger = AuthorFactory()
    client.force_login(EditorFactory())
    response = client.post(composer_url(blog), entry_data(author=stranger.pk))
    assert response.status_code == 200 and "author" in response.context["form"].errors
    assert not LiveEntry.objects.exists()
    byline = blog.article.bylines.get().author
    client.post(composer_url(blog), entry_data(author=byline.pk))
    assert LiveEntry.objects.get().author == byline


# What entries may hold -------------------------------------------------------------------------


def test_entry_html_is_sanitised_with_the_stories_allow_list(client):
    blog = LiveBlogFactory()
    client.force_login(EditorFactory())
    body = (
        '<p>Hello<script>alert(1)</script></p><img src="x" onerror="alert(2)">'
        '<p><a href="javascript:alert(3)">click</a> <a href="https://example.org/" onclick="alert(4)">ok</a></p>'
    )
    client.post(composer_url(blog), entry_data(body=body))
    stored = LiveEntry.objects.get().body
    for bad in ("<script", "alert(1)", "onerror", "<img", "javascript:", "onclick"):
        assert bad not in stored
    assert '<a href="https://example.org/"' in stored
    page = client.get(blog.article.get_absolute_url()).content.decode()
    assert "alert(" not in page.split("<main", 1)[-1]


def test_entries_saved_any_way_are_sanitised():
    entry = LiveEntryFactory(body='<p onmouseover="x()">Text</p><iframe src="https://evil.example"></iframe>')
    assert entry.body == "<p>Text</p>"


def test_a_key_event_needs_a_short_title_and_a_blog_has_one_pinned_entry(client):
    blog = LiveBlogFactory()
    client.force_login(EditorFactory())
    response = client.post(composer_url(blog), entry_data(key_event="on"))
    assert "title" in response.context["form"].errors and not LiveEntry.objects.exists()
    client.post(composer_url(blog), entry_data(pinned="on", body="<p>First summary</p>"))
    client.post(composer_url(blog), entry_data(pinned="on", body="<p>Second summary</p>"))
    assert list(LiveEntry.objects.filter(pinned=True).values_list("body", flat=True)) == ["<p>Second summary</p>"]
    with pytest.raises(IntegrityError):
        LiveEntryFactory(blog=blog, pinned=True)


def test_reporter_service_call_on_another_story_is_refused():
    blog = LiveBlogFactory()
    with pytest.raises(PermissionDenied):
        entry_save(entry=LiveEntry(blog=blog, body="<p>x</p>"), user=ReporterFactory(), publish=True)
    assert not LiveEntry.objects.exists()


# What readers see ---------------------------------------------------------------------------------


@pytest.fixture
def live_story():
    blog = LiveBlogFactory(article__headline="Storm hits the coast", article__slug="storm")
    LiveEntryFactory(blog=blog, body="<p>Winds reach 150 km/h.</p>", published_at=NOW - timedelta(minutes=30))
    LiveEntryFactory(
        blog=blog,
        body="<p>The port is closed.</p>",
        key_event=True,
        title="Port closed",
        published_at=NOW - timedelta(minutes=20),
    )
    LiveEntryFactory(
        blog=blog, body="<p>What we know so far.</p>", pinned=True, published_at=NOW - timedelta(minutes=40)
    )
    LiveEntryFactory(blog=blog, body="<p>SECRET draft of the desk.</p>", status=LiveEntry.Status.DRAFT)
    return blog


def test_live_page_shows_the_badge_pinned_entry_key_events_and_entries_newest_first(client, live_story):
    html = client.get("/articles/storm/").content.decode()
    assert '<span class="live-badge">Live</span>' in html
    port = LiveEntry.objects.get(title="Port closed")
    assert f'href="#entry-{port.pk}"' in html and "Port closed" in html
    pinned_box = html.split('class="live-pinned-box"', 1)[1].split("</section>", 1)[0]
    assert "What we know so far." in pinned_box
    entries = html.split('class="live-entries"', 1)[1]
    assert entries.index("The port is closed.") < entries.index("Winds reach 150 km/h.")
    assert 'rel="alternate" type="application/atom+xml"' in html and "/static/js/live.js" in html


def test_drafts_of_entries_reach_no_reader(client, live_story):
    page = client.get("/articles/storm/").content.decode()
    updates = client.get(reverse("liveblogs:updates", kwargs={"slug": "storm"})).content.decode()
    feed = client.get(reverse("liveblogs:feed", kwargs={"slug": "storm"})).content.decode()
    for body in (page, updates, feed):
        assert "SECRET" not in body
    assert "The port is closed." in updates and "The port is closed." in feed
    data = json_ld_of(page)[0]
    assert all("SECRET" not in update["articleBody"] for update in data["liveBlogUpdate"])
    assert len(data["liveBlogUpdate"]) == 3


def test_live_json_ld_is_a_live_blog_posting_in_schema_orgs_vocabulary(client, live_story):
    liveblog_end(blog=live_story, user=EditorFactory())
    data = json_ld_of(client.get("/articles/storm/").content.decode())[0]
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == (NOW - timedelta(hours=1)).isoformat()
    assert data["coverageEndTime"] == NOW.isoformat()
    update = data["liveBlogUpdate"][0]
    port = LiveEntry.objects.get(title="Port closed")
    assert update == {
        "@type": "BlogPosting",
        "@id": f"http://testserver/articles/storm/#entry-{port.pk}",
        "url": f"http://testserver/articles/storm/#entry-{port.pk}",
        "headline": "Port closed",
        "articleBody": "The port is closed.",
        "datePublished": (NOW - timedelta(minutes=20)).isoformat(),
        "dateModified": NOW.isoformat(),
    }
    assert vocabulary_errors(data) == []


def test_a_story_that_is_not_live_stays_a_news_article_in_the_vocabulary(client):
    ArticleFactory(slug="plain")
    data = json_ld_of(client.get("/articles/plain/").content.decode())[0]
    assert data["@type"] == "NewsArticle" and "liveBlogUpdate" not in data
    assert vocabulary_errors(data) == []


def test_vocabulary_check_finds_a_misspelt_property():
    assert vocabulary_errors({"@type": "LiveBlogPosting", "coverageStart": "x"}) == [
        "$: LiveBlogPosting has no property 'coverageStart'"
    ]


def test_ended_blog_keeps_its_page_without_the_badge(client, live_story):
    liveblog_end(blog=live_story, user=EditorFactory())
    html = client.get("/articles/storm/").content.decode()
    assert "live-badge" not in html and "Live coverage ended" in html and "The port is closed." in html
    assert json.loads(client.get(reverse("liveblogs:updates", kwargs={"slug": "storm"})).content)["live"] is False


def test_cards_of_a_live_story_show_live_and_the_latest_entry_time(client, live_story):
    html = client.get(reverse("articles:front")).content.decode()
    card = html.split("Storm hits the coast", 1)[1].split("</article>", 1)[0]
    assert '<span class="live-badge">Live</span>' in card
    assert 'datetime="2026-12-02T09:10:00+00:00"' in card  # the port's entry, the newest published


def test_long_blogs_are_paged_with_older_updates_links(client):
    blog = LiveBlogFactory(article__slug="long")
    for minute in range(25):
        at = NOW - timedelta(minutes=60 - minute)
        LiveEntryFactory(blog=blog, body=f"<p>Minute {minute:02d}</p>", published_at=at)
    first = client.get("/articles/long/").content.decode().split('class="live-entries"')[1]
    assert "Minute 24" in first and "Minute 04" not in first and 'href="?page=2" rel="next">Older updates' in first
    second = client.get("/articles/long/?page=2").content.decode().split('class="live-entries"')[1]
    assert "Minute 04" in second and "Minute 24" not in second and "Newer updates" in second


def test_the_news_sitemap_lastmod_is_the_last_entry(client, live_story):
    Article.objects.filter(pk=live_story.article_id).update(updated_at=NOW - timedelta(hours=1))
    LiveEntryFactory(blog=live_story, body="<p>Later.</p>", published_at=NOW - timedelta(minutes=1))
    xml = client.get("/news-sitemap.xml").content.decode()
    assert "<lastmod>2026-12-02T09:29:00+00:00</lastmod>" in xml


def test_a_story_that_is_not_live_has_no_update_endpoint(client):
    ArticleFactory(slug="plain")
    assert client.get(reverse("liveblogs:updates", kwargs={"slug": "plain"})).status_code == 404
    blog = LiveBlogFactory(article__draft=True, article__slug="secret")
    LiveEntryFactory(blog=blog)
    assert client.get(reverse("liveblogs:updates", kwargs={"slug": "secret"})).status_code == 404
    assert client.get(reverse("liveblogs:feed", kwargs={"slug": "secret"})).status_code == 404
