"""The live story's pages pass the Nu HTML Checker: live and ended, with a pinned entry, key events,
a picture, an author, several pages of entries, and the front page's live card."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from liveblogs.services import liveblog_end

from .factories import EditorFactory, LiveBlogFactory, LiveEntryFactory
from .images import image_upload
from .test_html_valid import vnu_messages

pytestmark = pytest.mark.django_db

# Microseconds, as entries published through the composer have.
NOW = datetime(2026, 12, 2, 9, 30, 12, 345678, tzinfo=UTC)


def test_live_pages_have_no_html_errors(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(NOW, tick=False):
        blog = LiveBlogFactory(article__slug="storm", article__headline="Storm hits the coast")
        author = blog.article.bylines.get().author
        for minute in range(24):
            LiveEntryFactory(
                blog=blog,
                body=f"<p>Update <strong>{minute}</strong> with <a href='https://example.org/'>a link</a>.</p>",
                published_at=NOW - timedelta(minutes=60 - minute),
                key_event=minute % 6 == 0,
                title=f"Event {minute}" if minute % 6 == 0 else "",
                pinned=minute == 3,
                author=author if minute % 2 else None,
                image=image_upload("coast.jpg", width=1200, height=800) if minute == 23 else "",
                image_alt="Waves over the sea wall" if minute == 23 else "",
            )
        pages = {"live": "/articles/storm/", "older": "/articles/storm/?page=2", "front": "/"}
        files = []
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            (tmp_path / f"{name}.html").write_bytes(response.content)
            files.append(tmp_path / f"{name}.html")
        liveblog_end(blog=blog, user=EditorFactory())
        (tmp_path / "ended.html").write_bytes(client.get("/articles/storm/").content)
        files.append(tmp_path / "ended.html")
    assert b"live-badge" not in (tmp_path / "ended.html").read_bytes()
    errors = [m for m in vnu_messages(files) if m["type"] == "error"]
    report = "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in errors)
    assert errors == [], f"{len(errors)} HTML errors:\n{report}"
