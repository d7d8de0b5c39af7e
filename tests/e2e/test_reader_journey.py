"""A reader on a phone and on a desktop: navigation, filters, pages of results, search, a story.

Every page visited is saved as test-artifacts/screenshots/reader-<page>-<size>.png, and no page
may scroll sideways on a phone.
"""

import pytest
from playwright.sync_api import Page, expect

from .browser import screenshot, sideways_overflow
from .conftest import DESKTOP, PHONE

SIZES = {"phone": PHONE, "desktop": DESKTOP}


def look(page: Page, *, name: str, size: str) -> None:
    """What a reader sees: saved for people to review, and checked for sideways scrolling on a phone."""
    screenshot(page, f"reader-{name}-{size}")
    if size == "phone":
        assert sideways_overflow(page) == 0, f"the {name} page scrolls sideways on a phone"


@pytest.mark.parametrize("size", SIZES)
def test_reader_browses_filters_pages_searches_and_reads(open_page, newsroom, size):
    page = open_page(SIZES[size])
    page.goto("/")
    top = page.get_by_role("region", name="Top stories")
    expect(top.get_by_role("link", name="Oil output recovers")).to_be_visible()
    expect(top.get_by_role("link", name="Haftar's forces push towards Tripoli")).to_be_visible()
    look(page, name="front", size=size)

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="World").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("World")
    expect(page.get_by_role("link", name="World", exact=True).first).to_have_attribute("aria-current", "page")
    look(page, name="section", size=size)

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="All stories").click()
    filters = page.get_by_role("search", name="Filter stories")

    def open_filters():
        """On a phone the form starts folded, so that the stories come first: the reader unfolds it."""
        if size == "phone":
            expect(filters.get_by_label("Section")).to_be_hidden()
            filters.locator("summary").click()
        expect(filters.get_by_label("Section")).to_be_visible()

    open_filters()
    filters.get_by_label("Section").select_option(label="World")
    filters.get_by_label("Country").select_option(label="Libya")
    filters.get_by_label("Order").select_option(label="Oldest first")
    filters.get_by_role("button", name="Show stories").click()

    def expect_filters_kept():
        expect(filters.get_by_label("Section")).to_have_value("world")
        expect(filters.get_by_label("Country")).to_have_values(["libya"])
        expect(filters.get_by_label("Order")).to_have_value("oldest")

    expect_filters_kept()
    cards = page.locator(".card-headline")
    expect(cards).to_have_count(20)
    expect(cards.first).to_have_text("Dispatch 01 from the Libyan coast")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("24 stories match these filters")
    in_use = page.get_by_role("list", name="Filters in use")
    expect(in_use.get_by_role("link")).to_have_text(
        ["Section: World ×", "Country: Libya ×", "Order: Oldest first ×", "Clear all"]
    )
    if size == "phone":  # the stories come before the folded form's fields
        assert cards.first.bounding_box()["y"] < 844
    look(page, name="list-filtered", size=size)

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Newer").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect_filters_kept()
    expect(cards).to_have_count(4)
    expect(cards.last).to_have_text("Haftar's forces push towards Tripoli")
    look(page, name="list-page-2", size=size)
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Older").click()
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    expect_filters_kept()

    # One chip removes one filter: the others stay, and the count follows.
    in_use.get_by_role("link", name="Remove filter Section: World").click()
    expect(page.get_by_role("status")).to_have_text("24 stories match these filters")
    expect(in_use.get_by_role("link")).to_have_text(["Country: Libya ×", "Order: Oldest first ×", "Clear all"])
    expect(filters.get_by_label("Section")).to_have_value("")
    expect(filters.get_by_label("Country")).to_have_values(["libya"])
    look(page, name="list-chip-removed", size=size)

    open_filters()
    # The country list is long: typing narrows it.
    finder = filters.get_by_label("Narrow the list of countries")
    finder.fill("egy")
    expect(filters.get_by_label("Country").locator("option:not([hidden])")).to_have_text(["Egypt"])
    finder.fill("")
    filters.get_by_role("link", name="Clear filters").click()
    open_filters()
    filters.get_by_label("Search").fill("oil output")
    filters.get_by_label("Search").press("Enter")
    expect(filters.get_by_label("Search")).to_have_value("oil output")
    expect(cards).to_have_text(["Oil output recovers"])

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Search").click()
    search = page.get_by_role("search", name="Search stories")
    search.get_by_label("Search stories").fill("Tripoli offensive")
    search.get_by_role("button", name="Search").click()
    expect(search.get_by_label("Search stories")).to_have_value("Tripoli offensive")
    expect(page.get_by_role("status")).to_contain_text("1 story matches")
    expect(cards).to_have_text(["Haftar's forces push towards Tripoli"])
    look(page, name="search", size=size)
    search.get_by_label("Search stories").fill("zeppelin")
    search.get_by_label("Search stories").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("No stories match “zeppelin”")
    look(page, name="search-no-results", size=size)

    page.goto("/sections/world/")
    page.get_by_role("link", name="Haftar's forces push towards Tripoli").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Haftar's forces push towards Tripoli")
    expect(page.locator(".story-header .byline")).to_have_text("By Caroline Finnegan and Kwame Osei")
    look(page, name="article", size=size)

    page.locator(".story-header .byline").get_by_role("link", name="Caroline Finnegan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caroline Finnegan")
    look(page, name="author", size=size)

    page.go_back()
    page.get_by_role("link", name="Libya", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Libya")
    expect(page.locator(".dossier-count")).to_have_text("24 stories about Libya.")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    look(page, name="country", size=size)

    nav = page.get_by_role("navigation", name="Sections")
    nav.get_by_role("link", name="Countries").click()
    world_map = page.get_by_role("group", name="Countries")
    world_map.get_by_role("link", name="Egypt: 12 stories").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Egypt")
    page.go_back()
    look(page, name="countries", size=size)

    nav.get_by_role("link", name="People").click()
    look(page, name="people", size=size)
    page.get_by_role("link", name="Khalifa Haftar", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Khalifa Haftar")
    expect(page.locator(".dossier-count")).to_have_text("1 story about Khalifa Haftar.")
    look(page, name="actor", size=size)


LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


@pytest.mark.parametrize("size", SIZES)
def test_the_archive_does_not_move_while_its_filters_fold_on_a_slow_connection(open_page, newsroom, size):
    """The filters' script arrives after the first paint, as on a slow phone network: nothing jumps."""
    page = open_page(SIZES[size])

    def late_script(route):
        page.wait_for_timeout(400)  # the page paints before the script arrives
        route.continue_()

    page.route("**/js/filters*.js", late_script)
    page.goto("/articles/")  # returns once the page has loaded, the late script included
    section = page.get_by_role("search", name="Filter stories").get_by_label("Section")
    if size == "phone":
        expect(section).to_be_hidden()
    else:
        expect(section).to_be_visible()
    assert page.evaluate(LAYOUT_SHIFT) == 0
