"""A story whose new picture has no renditions yet, in a real browser: readers get no broken image,
staff see the picture is being prepared, and once a worker has made the renditions every image loads."""

from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory, StaffFactory
from tests.images import image_upload

from .browser import admin_login, screenshot
from .conftest import DESKTOP, PHONE

BROKEN_IMAGES = "() => [...document.images].filter(img => img.complete && img.naturalWidth === 0).map(img => img.src)"


def test_readers_never_see_a_broken_picture_while_its_renditions_are_being_made(open_page, task_queue):
    story = ArticleFactory(
        headline="Tripoli harbour reopens",
        section=SectionFactory(name="World", slug="world"),
        published_at=timezone.now(),
        lead_image=image_upload("harbour.jpg", width=1600, height=900),
        lead_image_alt="Fishing boats moored in Tripoli harbour at dawn",
    )
    assert Article.objects.get(pk=story.pk).lead_image_pending  # queued for a worker, not made yet

    reader = open_page(PHONE)
    reader.goto(story.get_absolute_url())
    expect(reader.get_by_role("heading", name="Tripoli harbour reopens")).to_be_visible()
    expect(reader.get_by_role("img", name="Fishing boats moored in Tripoli harbour at dawn")).to_have_count(0)
    assert reader.evaluate(BROKEN_IMAGES) == []
    expect(reader.get_by_text("Picture being prepared")).to_have_count(0)

    StaffFactory(username="desk", password="a-long-test-password")
    staff = open_page(DESKTOP)
    admin_login(staff, username="desk", password="a-long-test-password")
    staff.goto(story.get_absolute_url())
    expect(staff.get_by_text("Picture being prepared")).to_be_visible()
    assert staff.evaluate(BROKEN_IMAGES) == []
    screenshot(staff, "picture-pending-staff-desktop")

    task_queue.run()

    for page in (reader, staff):
        page.reload()
        picture = page.get_by_role("img", name="Fishing boats moored in Tripoli harbour at dawn")
        expect(picture).to_be_visible()
        page.wait_for_load_state("load")
        assert page.evaluate(BROKEN_IMAGES) == []
        assert picture.evaluate("img => img.naturalWidth") > 0
    expect(staff.get_by_text("Picture being prepared")).to_have_count(0)
    screenshot(reader, "picture-ready-reader-phone")
