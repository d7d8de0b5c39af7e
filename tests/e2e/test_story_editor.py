"""The story editor page: side panel, keyboard save, a warning before leaving unsaved work, accessible."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import EditorFactory

from .browser import accessibility_violations, admin_login, screenshot, sideways_overflow, violations_report
from .conftest import DESKTOP, PHONE

PASSWORD = "a-long-test-password"


def test_the_editor_has_no_serious_accessibility_problem_and_fits_a_phone(open_page, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = newsroom["lead"]
    for viewport, name in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        editor = open_page(viewport)
        admin_login(editor, username="desk-editor", password=PASSWORD)
        editor.goto(f"/admin/articles/article/{article.pk}/change/")
        expect(editor.get_by_label("Headline")).to_have_value(article.headline)
        actions = editor.get_by_role("group", name="Save and publish")
        expect(actions.get_by_role("button")).to_have_text(["Save changes", "Unpublish"])
        screenshot(editor, f"story-editor-{name}")
        assert sideways_overflow(editor) == 0, name
        violations = accessibility_violations(editor)
        assert not violations, violations_report(violations)
        # The action bar stays in view at the foot of a long story.
        editor.mouse.wheel(0, 5000)
        expect(actions.get_by_role("button", name="Save changes")).to_be_in_viewport()

    editor.goto("/admin/articles/article/add/")
    screenshot(editor, "story-editor-new-phone")
    violations = accessibility_violations(editor)
    assert not violations, violations_report(violations)


def test_ctrl_s_saves_and_leaving_with_unsaved_changes_asks_first(open_page, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = newsroom["lead"]
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    change_url = f"/admin/articles/article/{article.pk}/change/"
    editor.goto(change_url)

    editor.get_by_label("Headline").fill("Haftar's forces reach Tripoli's outskirts")
    asked = []

    def dismiss(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    editor.on("dialog", dismiss)
    editor.get_by_role("link", name="Revisions (compare and restore)").click()
    expect(editor).to_have_url(re.compile(re.escape(change_url) + "$"))
    assert asked == ["beforeunload"]
    expect(editor.get_by_label("Headline")).to_have_value("Haftar's forces reach Tripoli's outskirts")

    editor.keyboard.press("Control+s")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=article.pk).headline == "Haftar's forces reach Tripoli's outskirts"
    assert Article.objects.get(pk=article.pk).is_public  # saving keeps the status
    editor.get_by_role("link", name="Revisions (compare and restore)").click()  # saved: no question
    expect(editor).to_have_url(re.compile(r"/revisions/$"))
    assert asked == ["beforeunload"]


def test_an_editor_schedules_a_draft_from_the_side_panel(open_page, newsroom, editorial_roles):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(draft=True, headline="Budget talks", slug="budget-talks", section=newsroom["world"])
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(editor.get_by_role("group", name="Save and publish").get_by_role("button")).to_have_text(
        ["Save draft", "Submit for review", "Publish now"]
    )
    editor.get_by_text("Schedule…").click()
    when = timezone.localtime(timezone.now() + timedelta(days=2))
    editor.get_by_label("Publication date").fill(when.strftime("%Y-%m-%d"))
    editor.get_by_label("Publication time").fill("09:30")
    editor.get_by_role("button", name="Schedule", exact=True).click()
    expect(editor.locator(".status-badge")).to_have_text("Published")
    expect(editor.locator(".status-detail")).to_contain_text("Scheduled for")
    article.refresh_from_db()
    assert article.is_scheduled and not article.is_public
