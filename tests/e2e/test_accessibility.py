"""axe-core finds no serious or critical accessibility problem on the pages readers and editors open first."""

from playwright.sync_api import expect

from .browser import accessibility_violations, violations_report

PAGES = {
    "front": "/",
    "list": "/articles/?country=libya&ordering=newest",
    "list with filter errors": "/articles/?section=nowhere&published_after=yesterday",
    "article": "/articles/haftar-forces-push-towards-tripoli/",
    "section": "/sections/world/",
    "author": "/authors/caroline-finnegan/",
    "actor": "/actors/khalifa-haftar/",
    "country": "/countries/libya/",
    "people": "/actors/",
    "countries map": "/countries/",
    "search": "/search/?q=tripoli",
    "search without results": "/search/?q=zeppelin",
    "search tips": "/search/",
    "journalists": "/authors/",
    "sections": "/sections/",
    "login": "/admin/login/",
}


def test_pages_have_no_serious_accessibility_violation(page, newsroom):
    found = {}
    for name, address in PAGES.items():
        response = page.goto(address)
        assert response.status == 200, name
        if violations := accessibility_violations(page):
            found[name] = violations_report(violations)
    assert not found, "\n".join(f"{name} ({PAGES[name]}):\n{report}" for name, report in found.items())


def test_the_check_reports_a_real_problem(page):
    """Guards the harness itself: an image without a text alternative must be caught."""
    page.goto("/")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert [violation["id"] for violation in accessibility_violations(page)] == ["image-alt"]


def test_keyboard_user_can_skip_the_navigation(page, newsroom):
    page.goto("/articles/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stops after skipping are inside the page's own content: the filter form's fold, then its first field.
    filters = page.get_by_role("search", name="Filter stories")
    expect(filters.locator("summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(filters.get_by_label("Search")).to_be_focused()
