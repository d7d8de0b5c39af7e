"""Renditions are made by a worker on the database task queue, not in the editor's request, and retried."""

import re
from datetime import timedelta
from pathlib import PurePosixPath

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from authors.models import Author
from images.originals import public_stem

from .factories import ArticleFactory, AuthorFactory, SectionFactory
from .images import image_upload
from .test_images import add_article, article_form, form_errors, stored

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def renditions_in(media, article) -> list[str]:
    stem = public_stem(name=article.lead_image.name)
    return [f for f in stored(media) if f.startswith("renditions/") and stem in f]


def test_the_upload_queues_the_renditions_and_a_db_worker_makes_them(admin_client, media, task_queue):
    response = add_article(
        admin_client, article_form(SectionFactory(), lead_image=image_upload(width=1000, height=600))
    )
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert renditions_in(media, article) == []  # the editor's request only stored the picture
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "images.tasks.renditions_make" and queued.status == "READY"

    task_queue.run()  # manage.py db_worker --batch

    made = renditions_in(media, article)
    # 160, 320, 640, 960 and 1000 pixels, in WebP and JPEG, and the 16:9, 4:3 and 1:1 crops for search engines
    assert len(made) == 5 * 2 + 3
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value == 13
    page = admin_client.get(article.get_absolute_url()).content.decode()
    assert f"{public_stem(name=article.lead_image.name)}-320w.webp 320w" in page


def test_a_failed_rendition_is_retried_later_and_then_made(admin_client, media, task_queue):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload()))
    article = Article.objects.get()
    original = media / article.lead_image.name
    kept = original.read_bytes()
    original.unlink()  # the storage has not got the picture yet (a shared volume still syncing, say)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        task_queue.run()
    assert renditions_in(media, article) == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after == start + timedelta(seconds=30)

    original.write_bytes(kept)
    with time_machine.travel(start + timedelta(seconds=10), tick=False):
        task_queue.run()  # too early: the retry waits its turn
    assert renditions_in(media, article) == []
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        task_queue.run()
    assert len(renditions_in(media, article)) == 5 * 2 + 3
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"


def media_addresses(page: str) -> set[str]:
    """Every stored file a page points at (src, srcset, og:image, JSON-LD), as names under MEDIA_ROOT."""
    return set(re.findall(r"/media/([^\s\"',]+)", page))


def test_until_a_worker_makes_its_renditions_readers_get_the_story_without_the_picture_never_a_broken_one(
    admin_client, client, media, task_queue, settings
):
    settings.PAGE_CACHE = True
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=1000, height=600)))
    article = Article.objects.get()
    assert article.lead_image_pending
    stem = public_stem(name=article.lead_image.name)

    for url in (article.get_absolute_url(), "/"):
        page = client.get(url).content.decode()
        assert "<picture" not in page and stem not in page, url  # no broken image: nothing to break
        assert all((media / name).is_file() for name in media_addresses(page)), url
        assert PurePosixPath(article.lead_image.name).stem not in page  # nor the original
    story = client.get(article.get_absolute_url()).content.decode()
    assert "The harbour on Saturday." not in story  # no caption under a picture that is not there
    assert re.search(r'<meta property="og:image" content="[^"]*/static/', story)  # the site's share image
    preview = admin_client.get(article.get_absolute_url()).content.decode()
    assert "Picture being prepared" in preview and "<picture" not in preview  # staff know it is coming
    assert "The harbour on Saturday." in preview
    assert PurePosixPath(article.lead_image.name).stem not in preview
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    task_queue.run()

    article.refresh_from_db()
    assert not article.lead_image_pending and article.version == 1  # not an edit: open forms stay valid
    for url in (article.get_absolute_url(), "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url  # the worker's change purged the pages left without it
        page = response.content.decode()
        assert f"{stem}-320w.webp 320w" in page, url
        shown = media_addresses(page)
        assert shown and all((media / name).is_file() for name in shown), url
    assert "Picture being prepared" not in admin_client.get(article.get_absolute_url()).content.decode()


def test_saving_a_copy_loaded_before_the_worker_finished_does_not_hide_the_picture_again(admin_client, task_queue):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload()))
    stale = Article.objects.get()
    assert stale.lead_image_pending
    task_queue.run()
    stale.dek = "Ships are back after a week."
    stale.save()
    stale.refresh_from_db()
    assert not stale.lead_image_pending
    assert DBTaskResult.objects.filter(status="READY").count() == 0  # the same picture: nothing queued again


def test_a_picture_whose_renditions_keep_failing_stays_out_of_readers_pages(admin_client, client, media, task_queue):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload()))
    article = Article.objects.get()
    (media / article.lead_image.name).write_bytes(b"broken")
    task_queue.run()
    assert Article.objects.get().lead_image_pending  # (refresh_from_db would measure the broken file)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" not in page and "<img" not in page


def test_a_new_portrait_waits_for_its_renditions_and_the_index_shows_the_initial_meanwhile(client, media, task_queue):
    author = AuthorFactory(name="Caroline Finnegan", photo=image_upload("finnegan.jpg", width=600, height=600))
    ArticleFactory(authors=[author])
    stem = public_stem(name=Author.objects.get().photo.name)
    for url in (author.get_absolute_url(), "/authors/"):
        page = client.get(url).content.decode()
        assert "<picture" not in page and stem not in page, url
    assert 'class="person-initial"' in client.get("/authors/").content.decode()

    task_queue.run()

    for url in (author.get_absolute_url(), "/authors/"):
        page = client.get(url).content.decode()
        assert f"{stem}-160w.webp 160w" in page, url
        assert all((media / name).is_file() for name in media_addresses(page)), url
