"""Browser fixtures for the journeys: Debian's Chromium driven by Playwright against `live_server`.

The tests skip when Chromium is missing (`make chromium`, run by `make e2e` and `.ci/run`,
installs it). They fail, rather than skip, when axe-core is missing, because `make test`
always installs it with `npm ci`.
"""

import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.signals import request_finished, request_started
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright

from editorial.roles import EDITOR_GROUP, EDITOR_PERMISSIONS, REPORTER_GROUP, REPORTER_PERMISSIONS
from tests.factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory
from tests.images import image_upload

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Long enough for a loaded CI machine, short enough that a missing element fails quickly.
ACTION_TIMEOUT_MS = 15_000
# After the pages close, the live server counts as idle once it has answered everything it began
# and nothing new has arrived for this long.
SERVER_QUIET_SECONDS = 0.3
SERVER_IDLE_TIMEOUT_SECONDS = 15
expect.set_options(timeout=ACTION_TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: `make chromium` installs it")
    # Playwright's sync API keeps an event loop in this thread, and Django's ORM refuses to run
    # beside one. The test's own ORM calls really are synchronous, so say so, for this module only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _media_served(settings, tmp_path):
    """Uploaded pictures go to a throw-away folder, and the live server serves them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.e2e.urls"


class ServerActivity:
    """Counts the requests the live server is answering, so a test ends only once it is idle.

    Pages that poll (the editor's presence, the live preview) may have a request in flight when
    the test ends; emptying the database under it would fail the test's teardown.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answering = 0
        self._last_change = time.monotonic()

    def started(self, **kwargs) -> None:
        with self._lock:
            self._answering += 1
            self._last_change = time.monotonic()

    def finished(self, **kwargs) -> None:
        with self._lock:
            self._answering -= 1
            self._last_change = time.monotonic()

    def wait_until_idle(self) -> None:
        deadline = time.monotonic() + SERVER_IDLE_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            with self._lock:
                if self._answering <= 0 and time.monotonic() - self._last_change >= SERVER_QUIET_SECONDS:
                    return
            time.sleep(0.05)
        raise AssertionError(f"the live server still answered requests {SERVER_IDLE_TIMEOUT_SECONDS} s after the test")


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable[..., Page]]:
    """Opens a page in a fresh browser context (its own cookies: one person) at a screen size."""
    contexts = []
    activity = ServerActivity()
    request_started.connect(activity.started)
    request_finished.connect(activity.finished)

    def _open(viewport: dict = DESKTOP) -> Page:
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    try:
        yield _open
        for context in contexts:
            context.close()
        activity.wait_until_idle()
    finally:
        request_started.disconnect(activity.started)
        request_finished.disconnect(activity.finished)


@pytest.fixture
def page(open_page) -> Page:
    return open_page(DESKTOP)


@pytest.fixture
def editorial_roles(db) -> None:
    """The Reporter and Editor groups with their permissions, as the roles migration makes them.

    The live server needs a transactional database, which is emptied after each test, taking
    the groups the migration created with it (Django re-creates only the permissions).
    """
    for name, wanted in [(REPORTER_GROUP, REPORTER_PERMISSIONS), (EDITOR_GROUP, EDITOR_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in wanted
        )


@pytest.fixture
def newsroom(db):
    """A small publication: two sections, two reporters, tagged stories, enough World stories to page.

    Newest first: "Oil output recovers" (Business), the lead story, then Dispatch 23 back to Dispatch 01.
    """
    now = timezone.now()
    world = SectionFactory(name="World", slug="world", description="News from every continent.")
    business = SectionFactory(name="Business", slug="business")
    finnegan = AuthorFactory(
        name="Caroline Finnegan",
        slug="caroline-finnegan",
        bio="Reports from North Africa.",
        photo=image_upload("finnegan.jpg", width=600, height=600),
    )
    osei = AuthorFactory(name="Kwame Osei", slug="kwame-osei")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    egypt = CountryFactory(name="Egypt", slug="egypt", code="EG")
    for number in range(23):
        ArticleFactory(
            headline=f"Dispatch {number + 1:02d} from the Libyan coast",
            slug=f"dispatch-{number + 1:02d}",
            section=world,
            authors=[finnegan],
            countries=[libya] if number % 2 else [libya, egypt],
            published_at=now - timedelta(days=30 - number),
        )
    lead = ArticleFactory(
        headline="Haftar's forces push towards Tripoli",
        slug="haftar-forces-push-towards-tripoli",
        section=world,
        dek="The eastern commander's offensive enters its third week.",
        body="<p>Fighting continued south of the capital.</p><h2>Talks</h2><p>Envoys met in Cairo.</p>",
        authors=[finnegan, osei],
        actors=[haftar],
        countries=[libya],
        published_at=now - timedelta(hours=2),
        lead_image=image_upload("tripoli.jpg", width=1600, height=900),
        lead_image_alt="Smoke rising over the southern suburbs of Tripoli",
        lead_image_caption="Southern Tripoli on Sunday.",
        lead_image_credit="Jane Doe / Agency",
    )
    ArticleFactory(
        headline="Oil output recovers",
        slug="oil-output-recovers",
        section=business,
        authors=[osei],
        published_at=now - timedelta(hours=1),
        lead_image=image_upload("oilfield.jpg", width=1200, height=800),
        lead_image_alt="Flare stacks at the Sharara oilfield",
    )
    return {
        "world": world,
        "business": business,
        "finnegan": finnegan,
        "osei": osei,
        "haftar": haftar,
        "libya": libya,
        "egypt": egypt,
        "lead": lead,
    }
