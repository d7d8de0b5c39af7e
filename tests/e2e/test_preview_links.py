"""An editor revokes a draft's preview links from its page in the admin; the link they had sent stops working."""

from playwright.sync_api import expect

from articles.models import Article
from editorial.previews import preview_token_make
from tests.factories import ArticleFactory, EditorFactory

from .browser import admin_login

PASSWORD = "a-long-test-password"


def test_editor_revokes_the_preview_links_of_a_draft(open_page, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(draft=True, headline="Embargoed interview", slug="embargoed-interview")
    old_link = f"{article.get_absolute_url()}?preview={preview_token_make(article=article)}"

    partner = open_page()
    assert partner.goto(old_link).status == 200
    expect(partner.get_by_role("heading", level=1)).to_have_text("Embargoed interview")

    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    editor.get_by_label("Headline").fill("An unsaved headline")  # the button must not save the form
    editor.get_by_role("button", name="Revoke preview links").click()
    expect(editor.locator(".messagelist")).to_contain_text("has stopped working")
    expect(editor.get_by_label("Headline")).to_have_value("Embargoed interview")

    assert partner.goto(old_link).status == 404
    article = Article.objects.get(pk=article.pk)
    assert article.headline == "Embargoed interview"
    new_link = f"{article.get_absolute_url()}?preview={preview_token_make(article=article)}"
    assert partner.goto(new_link).status == 200


def test_editor_makes_a_preview_link_by_clicking_the_button_and_a_partner_opens_it(open_page, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(draft=True, headline="Embargoed interview", slug="embargoed-interview")

    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    editor.get_by_label("Headline").fill("An unsaved headline")  # the button must not save the form
    editor.get_by_role("button", name="Make a preview link").click()
    link = editor.locator(".messagelist a.preview-link")
    expect(link).to_be_visible()
    expect(editor.get_by_label("Headline")).to_have_value("Embargoed interview")
    url = link.get_attribute("href")
    assert "?preview=" in url

    partner = open_page()
    assert partner.goto(url).status == 200
    expect(partner.get_by_role("heading", level=1)).to_have_text("Embargoed interview")
    assert partner.goto(article.get_absolute_url()).status == 404
