"""A reporter writes and submits a story but cannot publish it; an editor publishes it."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import AuthorFactory, EditorFactory, ReporterFactory

from .browser import admin_login, autocomplete_choose, screenshot

HEADLINE = "Port of Misrata reopens to shipping"
SLUG = "port-of-misrata-reopens-to-shipping"
PASSWORD = "a-long-test-password"


def test_reporter_submits_for_review_and_an_editor_publishes(open_page, newsroom, editorial_roles):
    reporter_account = ReporterFactory(username="rania", first_name="Rania", last_name="Aziz", password=PASSWORD)
    AuthorFactory(name="Rania Aziz", slug="rania-aziz", user=reporter_account)
    EditorFactory(username="desk-editor", first_name="Omar", last_name="Saleh", password=PASSWORD)

    reporter = open_page()
    admin_login(reporter, username="rania", password=PASSWORD)
    reporter.goto("/admin/articles/article/add/")
    reporter.get_by_label("Headline").fill(HEADLINE)
    reporter.get_by_label("Headline").press("Tab")
    autocomplete_choose(reporter, field_id="id_section", text="World")
    reporter.locator(".ProseMirror[contenteditable=true]").click()
    reporter.keyboard.type("Ships docked at Misrata for the first time in a month.")
    reporter.get_by_role("button", name=re.compile("Add another byline", re.I)).click()
    autocomplete_choose(reporter, field_id="id_bylines-0-author", text="Rania Aziz")
    # A reporter's side panel: save and send for review; publishing is not theirs.
    expect(reporter.locator(".story-actions button")).to_have_text(["Save draft", "Submit for review"])
    expect(reporter.get_by_text("Schedule…")).to_have_count(0)
    reporter.get_by_role("button", name="Save draft").click()
    expect(reporter.locator(".messagelist")).to_contain_text("was added successfully")
    screenshot(reporter, "reporter-draft-desktop")

    reporter.goto("/admin/articles/article/")
    actions = reporter.locator("select[name=action] option")
    expect(actions).to_contain_text(["Submit for review"])
    expect(actions.filter(has_text="Publish")).to_have_count(0)
    reporter.get_by_role("checkbox", name=f"Select this object for an action - {HEADLINE}").check()
    reporter.locator("select[name=action]").select_option(label="Submit for review")
    reporter.get_by_role("button", name="Go").click()
    expect(reporter.locator(".messagelist")).to_contain_text("Submitted 1 article(s) for review.")

    reader = open_page()
    assert reader.goto(f"/articles/{SLUG}/").status == 404

    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto("/admin/articles/article/?status__exact=review")
    editor.get_by_role("link", name=HEADLINE).click()
    editor.get_by_role("button", name="Publish now").click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    assert reader.goto(f"/articles/{SLUG}/").status == 200
    expect(reader.locator(".story-header .byline")).to_have_text("By Rania Aziz")
    article = Article.objects.get(slug=SLUG)
    assert article.is_public
