"""What the journeys do and check in the browser: sign in, run axe-core, take screenshots."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


def admin_login(page: Page, *, username: str, password: str) -> None:
    """Signs in through the admin's login form, as a person at the desk would."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def accessibility_violations(page: Page) -> list[dict]:
    """The serious and critical WCAG A/AA problems axe-core finds on the page as it is now."""
    if not AXE_SCRIPT.exists():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `npm ci` (make test does)")
    # Evaluated by the browser driver, not as an inline <script>: the site's CSP forbids those.
    page.evaluate(AXE_SCRIPT.read_text())
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]


def violations_report(violations: list[dict]) -> str:
    """A readable account of what axe-core found, for a failing assertion."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} – {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def screenshot(page: Page, name: str) -> Path:
    """Saves the whole page as test-artifacts/screenshots/<name>.png for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def sideways_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it does not scroll sideways)."""
    return page.evaluate("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def autocomplete_choose(page: Page, *, field_id: str, text: str) -> None:
    """Picks `text` in one of the admin's autocomplete (select2) boxes, typing as an editor would."""
    page.locator(f'[aria-labelledby$="select2-{field_id}-container"]').click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    expect(page.locator(f"#select2-{field_id}-container")).to_contain_text(text)
