"""Renditions are made by a worker on the database task queue, not in the editor's request, and retried."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from images.originals import public_stem

from .factories import SectionFactory
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
