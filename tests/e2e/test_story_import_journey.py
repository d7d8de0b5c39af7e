"""An editor imports a story file in the admin: it becomes a draft unless they tick "Publish them"."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import EditorFactory

from .browser import accessibility_violations, admin_login, screenshot, sideways_overflow, violations_report
from .conftest import DESKTOP, PHONE

PASSWORD = "a-long-test-password"
STORY = "World\n\nTalks resume in Cairo\n\nEgyptian and Libyan envoys met.\n\nAna Lima\n"


def test_an_imported_story_is_a_draft_by_default_and_waits_on_the_desk(open_page, editorial_roles, tmp_path):
    EditorFactory(username="desk-editor", password=PASSWORD, is_superuser=True)
    story = tmp_path / "cairo.txt"
    story.write_text(STORY)
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)

    editor.get_by_role("link", name="Import story files").click()  # on the desk, beside "Write a story"
    expect(editor.get_by_label("Publish them")).not_to_be_checked()
    editor.get_by_label("Story files").set_input_files(story)
    editor.get_by_role("button", name="Import").click()
    expect(editor.locator(".messagelist")).to_contain_text("created “Talks resume in Cairo” (draft)")
    article = Article.objects.get(headline="Talks resume in Cairo")
    assert not article.is_public

    reader = open_page()
    assert reader.goto(article.get_absolute_url()).status == 404

    editor.goto("/admin/")
    mine = editor.get_by_role("region", name="My drafts")
    expect(mine.get_by_role("link", name="Talks resume in Cairo")).to_be_visible()

    # The same file again changes nothing.
    editor.get_by_role("link", name="Import story files").click()
    editor.get_by_label("Story files").set_input_files(story)
    editor.get_by_role("button", name="Import").click()
    expect(editor.locator(".messagelist")).to_contain_text("nothing was changed")
    assert Article.objects.get(pk=article.pk).version == article.version


def test_the_desk_fits_a_phone_and_puts_write_a_story_first(open_page, editorial_roles, newsroom):
    EditorFactory(username="desk-editor", password=PASSWORD)
    for viewport, name in [(PHONE, "phone"), (DESKTOP, "desktop")]:
        page = open_page(viewport)
        admin_login(page, username="desk-editor", password=PASSWORD)
        expect(page.get_by_role("link", name="Write a story")).to_be_visible()
        expect(page.get_by_role("region", name="Recently published")).to_contain_text("Oil output recovers")
        screenshot(page, f"desk-{name}")
        assert sideways_overflow(page) == 0
        violations = accessibility_violations(page)
        assert not violations, violations_report(violations)
    page.get_by_role("link", name="Write a story").click()
    expect(page).to_have_url(re.compile(r"/admin/articles/article/add/$"))
