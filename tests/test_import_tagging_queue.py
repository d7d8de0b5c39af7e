"""A big import tags its stories on the task queue and returns at once; a small one tags them at once.

The threshold is TAGGING_BACKGROUND_AFTER (50 by default; 2 here, so three files make a big import).
Most tests use the immediate backend of tests/settings.py, where a queued task runs when it is queued;
the last one uses the database backend, as production does, and works the queue as `db_worker` does.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.events import clock_tick
from articles.models import Article
from tests.factories import ArticleFactory
from tests.wxr import Post, wxr
from wordpress.management.commands.import_wordpress import summary_lines
from wordpress.services import wordpress_import

from .page_cache import _page_cache_on  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

PLACES = ["Egypt", "Libya", "Chad"]
QUEUED = "Tags are being added to the 3 imported stories in the background"


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.TAGGING_BACKGROUND_AFTER = 2
    settings.TAGGING_TASK_CHUNK = 2
    settings.MEDIA_ROOT = tmp_path / "media"


def story(place: str) -> str:
    return (
        f"World\n\nTalks resume in {place}\n\nEnvoys met in {place} on Monday.\n\nAna Lima\n\nAna covers diplomacy.\n"
    )


def story_files(tmp_path, places: list[str]) -> list[str]:
    paths = []
    for place in places:
        path = tmp_path / f"{place.lower()}.txt"
        path.write_text(story(place))
        paths.append(str(path))
    return paths


def countries_of_each() -> dict[str, list[str]]:
    return {
        article.headline: sorted(country.name for country in article.countries.all())
        for article in Article.objects.prefetch_related("countries")
    }


def test_a_big_import_by_the_command_says_tags_come_in_the_background_and_they_do(tmp_path):
    out = StringIO()
    call_command("import_stories", *story_files(tmp_path, PLACES), stdout=out)
    assert QUEUED in out.getvalue()
    assert "tagged:" not in out.getvalue()  # not reported per file: the import did not wait for them
    assert countries_of_each() == {f"Talks resume in {place}": [place] for place in PLACES}


def test_a_small_import_by_the_command_is_tagged_at_once_and_says_so(tmp_path):
    out = StringIO()
    call_command("import_stories", *story_files(tmp_path, PLACES[:2]), stdout=out)
    assert "  tagged: Egypt" in out.getvalue() and "  tagged: Libya" in out.getvalue()
    assert "in the background" not in out.getvalue()


def test_a_big_upload_in_the_admin_tells_the_editor_tags_are_being_added(admin_client):
    files = [SimpleUploadedFile(f"{place}.txt", story(place).encode(), content_type="text/plain") for place in PLACES]
    response = admin_client.post(reverse("admin:articles_article_import"), {"files": files}, follow=True)
    content = response.content.decode()
    assert QUEUED in content
    assert "“Egypt.txt”: created “Talks resume in Egypt” (draft)." in content and "Tagged:" not in content
    assert countries_of_each() == {f"Talks resume in {place}": [place] for place in PLACES}


def test_a_small_upload_in_the_admin_shows_the_tags_at_once(admin_client):
    files = [SimpleUploadedFile("egypt.txt", story("Egypt").encode(), content_type="text/plain")]
    response = admin_client.post(reverse("admin:articles_article_import"), {"files": files}, follow=True)
    assert "Tagged: Egypt." in response.content.decode()
    assert "in the background" not in response.content.decode()


def test_a_big_wordpress_import_queues_its_tagging_and_its_report_says_so():
    posts = [
        Post(i, f"Talks resume in {place}", f"talks-{i}", content=f"Envoys met in {place}.")
        for i, place in enumerate(PLACES, start=1)
    ]
    summary = wordpress_import(data=wxr(posts))
    assert summary.tagging_queued == 3
    assert any(QUEUED.lower() in line.lower() for line in summary_lines(summary))
    assert countries_of_each() == {f"Talks resume in {place}": [place] for place in PLACES}


def test_a_small_wordpress_import_is_tagged_at_once():
    summary = wordpress_import(data=wxr([Post(1, "Talks resume in Chad", "talks", content="Envoys met in Chad.")]))
    assert summary.tagging_queued == 0 and summary.tagging.countries_added == ["Chad"]
    assert "Tagger: 1 articles tagged (1 tags added)." in summary_lines(summary)


def test_on_the_database_queue_the_import_returns_untagged_and_the_worker_tags_and_purges(tmp_path, client, task_queue):
    call_command("import_stories", *story_files(tmp_path, PLACES), stdout=StringIO())
    assert countries_of_each() == {f"Talks resume in {place}": [] for place in PLACES}
    assert clock_tick()["live"] == 3  # the alerts clock sees them before the worker tags them
    queued = DBTaskResult.objects.filter(task_path="tagging.tasks.articles_tag_chunk")
    # Three stories in chunks of two: two tasks, waiting for a worker.
    assert sorted(len(task.args_kwargs["kwargs"]["article_ids"]) for task in queued) == [1, 2]
    assert {task.status for task in queued} == {"READY"}

    egypt = Article.objects.get(headline="Talks resume in Egypt")
    page = client.get(egypt.get_absolute_url())
    assert "Where:" not in page.content.decode()
    assert client.get(egypt.get_absolute_url())["X-Page-Cache"] == "hit"

    task_queue.run()

    assert {task.status for task in queued.all()} == {"SUCCESSFUL"}
    assert countries_of_each() == {f"Talks resume in {place}": [place] for place in PLACES}
    egypt.refresh_from_db()
    assert egypt.version == 2  # tagging is an edit: a form opened before cannot save over the tags
    # ...but not an update partners hear of: their messages carry no tags, and a big import would
    # otherwise send one "updated" webhook per story.
    assert clock_tick()["updated"] == 0
    page = client.get(egypt.get_absolute_url())  # the tagging purged the cached page
    assert page["X-Page-Cache"] == "miss"
    assert reverse("tagging:country", kwargs={"slug": "egypt"}) in page.content.decode()


def test_a_worker_tags_an_import_before_the_alerts_already_waiting(tmp_path, task_queue):
    """Alerts name their readers by tags when they are sent: the tagging goes first, whatever waited before."""
    ArticleFactory(headline="Earlier news", published_at=timezone.now())
    clock_tick()  # its alert is queued...
    assert DBTaskResult.objects.filter(task_path="alerts.tasks.alert_send", status="READY").exists()
    call_command("import_stories", *story_files(tmp_path, PLACES), stdout=StringIO())  # ...then the tagging
    task_queue.run(max_tasks=2)
    done = DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("task_path", flat=True)
    assert list(done) == ["tagging.tasks.articles_tag_chunk"] * 2
