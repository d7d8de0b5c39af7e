"""Two editors change the same story at once: the second save is refused, and nobody's work is lost."""

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import EditorFactory

from .browser import admin_login, screenshot

PASSWORD = "a-long-test-password"


def test_second_save_shows_the_conflict_and_loses_nothing(open_page, newsroom, editorial_roles):
    EditorFactory(username="amal", first_name="Amal", last_name="Nasser", password=PASSWORD)
    EditorFactory(username="ben", first_name="Ben", last_name="Carter", password=PASSWORD)
    article = newsroom["lead"]
    change_url = f"/admin/articles/article/{article.pk}/change/"

    first, second = open_page(), open_page()
    admin_login(first, username="amal", password=PASSWORD)
    admin_login(second, username="ben", password=PASSWORD)
    first.goto(change_url)
    second.goto(change_url)

    first.get_by_label("Headline").fill("Haftar's forces reach Tripoli's outskirts")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second_dek = "Residents of the southern suburbs are leaving."
    second.get_by_label("Dek").fill(second_dek)
    second.get_by_role("button", name="Save changes").click()
    conflict = second.locator(".errornote, .errorlist").filter(has_text="Your changes were not saved")
    expect(conflict).to_contain_text("Amal Nasser saved this article")
    screenshot(second, "editor-conflict-desktop")
    # Nothing lost: the second editor's text is still in the form, the first editor's is saved.
    expect(second.get_by_label("Dek")).to_have_value(second_dek)
    article.refresh_from_db()
    assert article.headline == "Haftar's forces reach Tripoli's outskirts"
    assert article.dek != second_dek

    conflict.get_by_role("link", name="Reload the article").click()
    expect(second.get_by_label("Headline")).to_have_value("Haftar's forces reach Tripoli's outskirts")
    second.get_by_label("Dek").fill(second_dek)
    second.get_by_role("button", name="Save changes").click()
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    article = Article.objects.get(pk=article.pk)
    assert (article.headline, article.dek) == ("Haftar's forces reach Tripoli's outskirts", second_dek)
