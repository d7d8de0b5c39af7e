"""Live preview: the story page as readers would see it, from the unsaved form (headline, bylines, tags)."""

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import EditorFactory

from .browser import admin_login, screenshot

PASSWORD = "a-long-test-password"


def test_live_preview_shows_an_unsaved_headline_and_saves_nothing(open_page, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = newsroom["lead"]
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    editor.get_by_label("Headline").fill("Haftar's forces reach the airport")
    editor.get_by_label("Dek").fill("The fighting is now ten kilometres from the centre.")

    with editor.expect_popup() as opened:
        editor.get_by_role("button", name="Preview unsaved changes").click()
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_have_text("Haftar's forces reach the airport")
    expect(preview.get_by_text("The fighting is now ten kilometres from the centre.")).to_be_visible()
    expect(preview.get_by_role("status")).to_contain_text("Preview — not published")
    expect(preview.get_by_role("img", name="Smoke rising over the southern suburbs of Tripoli")).to_be_visible()
    screenshot(preview, "story-live-preview-desktop")

    # Nothing saved, and the editor's work is still in the form, still unsaved.
    assert Article.objects.get(pk=article.pk).headline == "Haftar's forces push towards Tripoli"
    expect(editor.get_by_label("Headline")).to_have_value("Haftar's forces reach the airport")
    asked = []
    editor.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    editor.get_by_role("link", name="Revisions (compare and restore)").click()
    assert asked == ["beforeunload"]


def test_live_preview_shows_unsaved_bylines_in_their_new_order_and_unsaved_tags(open_page, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = newsroom["lead"]
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    # Kwame Osei moved up by the keyboard, Khalifa Haftar's chip removed, Egypt added as a chip.
    editor.get_by_role("button", name="Move Kwame Osei up").focus()
    editor.keyboard.press("Enter")
    editor.get_by_role("button", name="Remove Khalifa Haftar").click()
    countries = editor.get_by_role("combobox", name="Countries")
    countries.press_sequentially("Egy")
    expect(editor.get_by_role("option", name="Egypt")).to_be_visible()
    countries.press("Enter")

    with editor.expect_popup() as opened:
        editor.get_by_role("button", name="Preview unsaved changes").click()
    preview = opened.value
    expect(preview.locator(".story-header .byline")).to_have_text("By Kwame Osei and Caroline Finnegan")
    expect(preview.locator("footer.tags")).to_have_text("Where: Libya Egypt")  # and no "Who:": no actor left
    expect(preview.get_by_role("complementary", name="About Kwame Osei")).to_be_visible()
    screenshot(preview, "story-live-preview-bylines-tags-desktop")

    article = Article.objects.get(pk=article.pk)
    assert [byline.author.name for byline in article.bylines.all()] == ["Caroline Finnegan", "Kwame Osei"]
    assert list(article.actors.names()) == ["Khalifa Haftar"]
    assert list(article.countries.names()) == ["Libya"]
