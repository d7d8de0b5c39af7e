"""The front page reads like a newspaper's at both sizes: a picture lead, top stories, section rails.

Screenshots: test-artifacts/screenshots/front-<size>.png.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from demo.services.pictures import picture_jpeg
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

from .browser import screenshot, sideways_overflow
from .conftest import DESKTOP, PHONE

SIZES = {"phone": PHONE, "desktop": DESKTOP}
SECTION_NAMES = ["World", "Business", "Politics", "Science", "Culture", "Sport"]


def photo(seed: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"photo{seed}.jpg", picture_jpeg(seed=seed, width=1600, height=900), "image/jpeg")


@pytest.fixture
def publication(db):
    """Six sections of stories, every fifth with a picture; the newest story has none."""
    now = timezone.now()
    sections = [SectionFactory(name=name, slug=name.lower()) for name in SECTION_NAMES]
    authors = [AuthorFactory(name=name) for name in ("Amina Karimi", "Kenji Nasser", "Sofia Lindqvist")]
    for number in range(36):
        pictured = number % 5 == 0
        ArticleFactory(
            headline=f"Story {number:02d}: talks resume as envoys meet in Geneva",
            section=sections[number % len(sections)],
            dek="Negotiators from both sides returned to the table after a week of fighting.",
            authors=authors[: 1 + number % 3],
            published_at=now - timedelta(hours=number + 1),
            lead_image=photo(number) if pictured else None,
            lead_image_alt=f"The scene of story {number:02d}" if pictured else "",
        )
    ArticleFactory(
        headline="Newest story, without a picture", section=sections[0], published_at=now - timedelta(minutes=5)
    )
    return sections


@pytest.mark.parametrize("size", SIZES)
def test_front_page_leads_with_a_picture_and_has_a_rail_per_section(open_page, publication, size):
    page = open_page(SIZES[size])
    page.goto("/")
    lead = page.locator(".card-lead")
    # The newest story has no picture: the lead is the newest story that has one.
    expect(lead.locator(".card-headline")).to_have_text("Story 00: talks resume as envoys meet in Geneva")
    expect(lead.locator("picture img")).to_be_visible()
    top = page.get_by_role("region", name="Top stories")
    expect(top.get_by_role("link", name="Newest story, without a picture")).to_be_visible()
    rails = page.locator(".rail")
    expect(rails).to_have_count(len(SECTION_NAMES))
    for index in range(len(SECTION_NAMES)):
        rail = rails.nth(index)
        expect(rail.get_by_role("heading", level=2)).to_have_text(SECTION_NAMES[index])
        expect(rail.locator("picture img").first).to_be_visible()  # each rail leads with a picture
    # The lead's headline is on the first screen, at both sizes.
    box = lead.locator(".card-headline").bounding_box()
    assert box["y"] + box["height"] <= SIZES[size]["height"]
    # Lazy pictures below the fold load now, so that the whole-page screenshot shows them.
    page.locator("img").evaluate_all("all => Promise.all(all.map(i => { i.loading = 'eager'; return i.decode(); }))")
    screenshot(page, f"front-{size}")
    assert sideways_overflow(page) == 0


def test_phone_navigation_is_one_line_that_scrolls(open_page, publication):
    page = open_page(PHONE)
    page.goto("/")
    nav = page.get_by_role("navigation", name="Sections")
    links = nav.get_by_role("link")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, f"the navigation wraps onto {len(tops)} lines"
    assert nav.bounding_box()["height"] < 50
    # The links past the screen's edge are reached by scrolling the bar, as a reader's thumb would.
    people = nav.get_by_role("link", name="People")
    assert people.bounding_box()["x"] > PHONE["width"]
    people.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People and organisations")
    assert sideways_overflow(page) == 0
