"""Two editors with the same story open see each other, and the one who did not save is told at once."""

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import EditorFactory

from .browser import accessibility_violations, admin_login, screenshot, violations_report
from .conftest import PHONE

PASSWORD = "a-long-test-password"


def test_two_editors_see_each_other_and_the_saved_by_someone_else_notice(open_page, newsroom, editorial_roles):
    EditorFactory(username="amal", first_name="Amal", last_name="Nasser", password=PASSWORD)
    EditorFactory(username="ben", first_name="Ben", last_name="Carter", password=PASSWORD)
    article = newsroom["lead"]
    change_url = f"/admin/articles/article/{article.pk}/change/"
    amal, ben = open_page(), open_page(PHONE)
    admin_login(amal, username="amal", password=PASSWORD)
    admin_login(ben, username="ben", password=PASSWORD)
    amal.goto(change_url)
    ben.goto(change_url)

    expect(amal.locator(".story-others")).to_have_text("Also editing now: Ben Carter.")
    expect(ben.locator(".story-others")).to_have_text("Also editing now: Amal Nasser.")

    ben.get_by_label("Dek").fill("Residents of the southern suburbs are leaving.")
    amal.get_by_label("Headline").fill("Haftar's forces reach Tripoli's outskirts")
    amal.get_by_role("button", name="Save changes").click()
    expect(amal.locator(".messagelist")).to_contain_text("was changed successfully")

    # Ben is told without saving or reloading; his page still holds his unsaved dek.
    notice = ben.get_by_role("alert").filter(has_text="saved this story")
    expect(notice).to_contain_text("Amal Nasser saved this story at")
    expect(ben.get_by_label("Dek")).to_have_value("Residents of the southern suburbs are leaving.")
    expect(amal.locator(".story-saved-elsewhere")).to_be_empty()
    screenshot(ben, "story-editor-saved-elsewhere-phone")
    violations = accessibility_violations(ben)
    assert not violations, violations_report(violations)

    # The lost-update protection still holds: his save is refused, her headline kept.
    ben.get_by_role("button", name="Save changes").click()
    expect(ben.locator(".errornote, .errorlist").filter(has_text="Your changes were not saved")).to_contain_text(
        "Amal Nasser saved this article"
    )
    assert Article.objects.get(pk=article.pk).headline == "Haftar's forces reach Tripoli's outskirts"

    notice = ben.get_by_role("alert").filter(has_text="saved this story")
    notice.get_by_role("link", name="reload the story").click()
    expect(ben.get_by_label("Headline")).to_have_value("Haftar's forces reach Tripoli's outskirts")
    expect(ben.locator(".story-saved-elsewhere")).to_be_empty()
