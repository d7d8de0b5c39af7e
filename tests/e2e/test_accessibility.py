"""axe-core finds no serious or critical accessibility problem on the pages readers and editors open first."""

import pytest

from .browser import accessibility_violations, violations_report

PUBLIC_PAGES = {
    "front": "/",
    "list": "/articles/?country=libya&ordering=newest",
    "article": "/articles/haftar-forces-push-towards-tripoli/",
    "section": "/sections/world/",
    "author": "/authors/caroline-finnegan/",
    "actor": "/actors/khalifa-haftar/",
    "country": "/countries/libya/",
    "actors": "/actors/",
    "countries": "/countries/",
    "search": "/search/?q=tripoli",
    "search-no-results": "/search/?q=zeppelin",
    "login": "/admin/login/",
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_page_has_no_serious_accessibility_violation(page, newsroom, name):
    response = page.goto(PUBLIC_PAGES[name])
    assert response.status == 200
    violations = accessibility_violations(page)
    assert not violations, f"{name} page:\n{violations_report(violations)}"


def test_list_page_with_filter_errors_is_accessible(page, newsroom):
    page.goto("/articles/?section=nowhere&published_after=yesterday")
    assert page.get_by_role("alert").is_visible()
    violations = accessibility_violations(page)
    assert not violations, violations_report(violations)


def test_the_check_reports_a_real_problem(page, newsroom):
    """Guards the harness itself: an image without a text alternative must be caught."""
    page.goto("/")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert [violation["id"] for violation in accessibility_violations(page)] == ["image-alt"]
