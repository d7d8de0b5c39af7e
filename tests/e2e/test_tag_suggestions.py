"""Suggested tags in the story editor: a place suggests its country, with "Add" and "Dismiss" only."""

from playwright.sync_api import expect

from tagging.models import DismissedSuggestion, Place
from tests.factories import ArticleFactory, EditorFactory

from .browser import SCREENSHOTS, accessibility_violations, admin_login, screenshot, violations_report
from .conftest import PHONE

PASSWORD = "a-long-test-password"
BODY = (
    "<p>Ships docked at Misrata on Monday, and the port of Benghazi is to follow, Africa News reported.</p>"
    "<p>Libyan officials in Tripoli said the Misrata terminal was safe.</p>"
)


def shoot(panel, name: str) -> None:
    """The panel with its heading, in the middle of the window (clear of the sticky status box)."""
    box = panel.locator("xpath=ancestor::div[contains(@class, 'form-row')][1]")
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    box.screenshot(path=SCREENSHOTS / f"{name}.png")


def places_of_libya() -> None:
    # The live server's database is emptied after each test, and the gazetteer with it.
    for name, code in [("Misrata", "LY"), ("Benghazi", "LY"), ("Tripoli", "LY"), ("Tripoli", "LB")]:
        Place.objects.get_or_create(name=name, country_code=code)


def test_add_a_country_from_its_places_and_dismiss_a_name_for_good(open_page, editorial_roles):
    places_of_libya()
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(draft=True, headline="Port of Misrata reopens", slug="misrata-reopens", dek="", body=BODY)
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")

    panel = editor.locator("#suggestions")
    rows = panel.locator(".tag-suggestion")
    expect(rows).to_have_count(2)
    libya = rows.filter(has_text="Libya")
    expect(libya).to_contain_text("country · Misrata, Benghazi, Tripoli · 5 mentions")
    expect(libya.get_by_role("button")).to_have_text(["Add", "Dismiss"])
    expect(panel.locator("strong", has_text="Misrata")).to_have_count(0)  # a place is not an actor
    shoot(panel, "tag-suggestions-desktop")
    screenshot(editor, "tag-suggestions-editor-desktop")
    violations = accessibility_violations(editor)
    assert not violations, violations_report(violations)

    editor.get_by_role("button", name="Add the country Libya").click()
    expect(editor.locator(".messagelist")).to_contain_text("“Libya” now tags this article.")
    assert list(article.countries.values_list("code", flat=True)) == ["LY"]
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Africa News")

    # With unsaved edits the editor is asked first; saying no keeps the page and the edits.
    editor.get_by_label("Headline").fill("Port of Misrata reopens to tankers")
    editor.once("dialog", lambda dialog: dialog.dismiss())
    editor.get_by_role("button", name="Dismiss Africa News").click()
    expect(editor.get_by_label("Headline")).to_have_value("Port of Misrata reopens to tankers")
    assert not DismissedSuggestion.objects.exists()

    editor.once("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="Dismiss Africa News").click()
    expect(editor.locator(".messagelist")).to_contain_text(
        "“Africa News” will not be suggested for this article again."
    )
    editor.reload()
    expect(panel).to_contain_text("No suggestions")
    expect(panel.locator(".tag-suggestion")).to_have_count(0)
    assert DismissedSuggestion.objects.get().name == "Africa News"


def test_the_suggestions_fit_a_phone(open_page, editorial_roles):
    places_of_libya()
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(draft=True, headline="Port of Misrata reopens", slug="misrata-reopens", dek="", body=BODY)
    phone = open_page(PHONE)
    admin_login(phone, username="desk-editor", password=PASSWORD)
    phone.goto(f"/admin/articles/article/{article.pk}/change/")
    panel = phone.locator("#suggestions")
    panel.scroll_into_view_if_needed()
    for button in panel.get_by_role("button").all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["height"] >= 24  # a finger's target
    shoot(panel, "tag-suggestions-phone")
    screenshot(phone, "tag-suggestions-editor-phone")
